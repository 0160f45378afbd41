import { useState, type FormEvent } from 'react'
import { ErrorAlert, Loading } from '../../../components/ui/alert'
import { TextField } from '../../../components/ui/field'
import { AuthLayout } from '../../../components/layouts/auth-layout'
import { fieldError } from '../../../lib/api-client'
import { useI18n } from '../../../lib/i18n'
import { useAcceptInvitation, useInvitationPreview } from '../api/invitations'

type Props = { token: string; onDone: () => void }

export function AcceptInvitationPage({ token, onDone }: Props) {
  const { t } = useI18n()
  const preview = useInvitationPreview(token)
  const accept = useAcceptInvitation()
  const [name, setName] = useState('')
  const [password, setPassword] = useState('')

  if (preview.isPending) {
    return (
      <AuthLayout title={t.invite.loading}>
        <Loading label={t.invite.loading} />
      </AuthLayout>
    )
  }

  if (preview.isError) {
    return (
      <AuthLayout title={t.invite.invalidTitle}>
        <ErrorAlert error={preview.error} />
        <div className="form-actions form-actions--start">
          <button type="button" className="btn btn--primary" onClick={onDone}>
            {t.invite.goToSignIn}
          </button>
        </div>
      </AuthLayout>
    )
  }

  const invitation = preview.data
  const submit = (e: FormEvent) => {
    e.preventDefault()
    accept.mutate({ token, password, ...(invitation.hasAccount ? {} : { name: name.trim() }) }, { onSuccess: onDone })
  }

  return (
    <AuthLayout
      title={t.invite.title(invitation.organizationName)}
      intro={t.invite.intro(invitation.email, t.roles[invitation.role])}
    >
      <form onSubmit={submit} noValidate className="stack">
        <p>{invitation.hasAccount ? t.invite.existingAccount : t.invite.newAccount}</p>
        <ErrorAlert error={accept.error} />
        {invitation.hasAccount ? null : (
          <TextField
            label={t.invite.name}
            value={name}
            onChange={setName}
            autoComplete="name"
            error={fieldError(accept.error, 'name')}
            required
            autoFocus
          />
        )}
        <TextField
          label={invitation.hasAccount ? t.invite.password : t.invite.newPassword}
          type="password"
          autoComplete={invitation.hasAccount ? 'current-password' : 'new-password'}
          hint={invitation.hasAccount ? undefined : t.invite.passwordHint}
          value={password}
          onChange={setPassword}
          error={fieldError(accept.error, 'password')}
          required
          autoFocus={invitation.hasAccount}
        />
        <div className="form-actions form-actions--start">
          <button type="submit" className="btn btn--primary" disabled={accept.isPending}>
            {accept.isPending ? t.invite.accepting : t.invite.accept}
          </button>
        </div>
      </form>
    </AuthLayout>
  )
}
