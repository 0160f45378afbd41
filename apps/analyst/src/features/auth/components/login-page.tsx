import { useState, type FormEvent } from 'react'
import { ErrorAlert, Notice } from '../../../components/ui/alert'
import { TextField } from '../../../components/ui/field'
import { AuthLayout } from '../../../components/layouts/auth-layout'
import { fieldError } from '../../../lib/api-client'
import { useI18n } from '../../../lib/i18n'
import { useLogin } from '../api/login'

export function LoginPage({ sessionEnded }: { sessionEnded?: boolean }) {
  const { t } = useI18n()
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')
  const login = useLogin()

  const submit = (e: FormEvent) => {
    e.preventDefault()
    login.mutate({ email: email.trim(), password })
  }

  return (
    <AuthLayout title={t.auth.signInTitle} intro={t.auth.signInIntro}>
      {sessionEnded && !login.error ? <Notice>{t.auth.sessionEnded}</Notice> : null}
      <form onSubmit={submit} noValidate className="stack">
        <ErrorAlert error={login.error} />
        <TextField
          label={t.auth.email}
          type="email"
          autoComplete="username"
          value={email}
          onChange={setEmail}
          error={fieldError(login.error, 'email')}
          required
          autoFocus
        />
        <TextField
          label={t.auth.password}
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={setPassword}
          error={fieldError(login.error, 'password')}
          required
        />
        <div className="form-actions form-actions--start">
          <button type="submit" className="btn btn--primary" disabled={login.isPending}>
            {login.isPending ? t.auth.signingIn : t.auth.signIn}
          </button>
        </div>
      </form>
    </AuthLayout>
  )
}
