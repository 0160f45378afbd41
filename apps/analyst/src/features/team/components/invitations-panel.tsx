import { ROLES, type Invitation, type Role } from '@klantreis/shared/auth'
import { useState, type FormEvent } from 'react'
import { CopyLink } from '../../../components/ui/copy-link'
import { ErrorAlert, Loading, Notice } from '../../../components/ui/alert'
import { ConfirmDialog } from '../../../components/ui/dialog'
import { SelectField, TextField } from '../../../components/ui/field'
import { fieldError } from '../../../lib/api-client'
import { useTeamI18n } from '../i18n'
import { useCreateInvitation, useInvitations, useRevokeInvitation } from '../api/invitations'
import { mayBeLimited, MemberStudies, StudyPicker } from './study-access'

export function InvitationsPanel() {
  const { t, formatDateTime } = useTeamI18n()
  const invitations = useInvitations(true)
  const revoke = useRevokeInvitation()
  const [revoking, setRevoking] = useState<Invitation | null>(null)

  return (
    <>
      <InviteForm />
      <section className="panel stack" aria-labelledby="invitations-heading">
        <h2 id="invitations-heading">{t.team.invitations}</h2>
        {invitations.isPending ? <Loading /> : null}
        <ErrorAlert error={invitations.error} />
        {invitations.data && invitations.data.items.length === 0 ? (
          <p className="muted">{t.team.noInvitations}</p>
        ) : null}
        {invitations.data && invitations.data.items.length > 0 ? (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t.team.colEmail}</th>
                  <th scope="col">{t.team.colRole}</th>
                  <th scope="col">{t.studyAccess.col}</th>
                  <th scope="col">{t.team.colExpires}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t.team.colActions}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {invitations.data.items.map((inv) => (
                  <tr key={inv.id}>
                    <th scope="row">{inv.email}</th>
                    <td>{t.roles[inv.role]}</td>
                    <td>
                      <MemberStudies member={inv} />
                    </td>
                    <td>
                      <time dateTime={inv.expiresAt}>{formatDateTime(inv.expiresAt)}</time>
                    </td>
                    <td className="table__actions">
                      <button
                        type="button"
                        className="btn btn--ghost btn--small btn--danger-text"
                        aria-label={t.team.revokeNamed(inv.email)}
                        onClick={() => setRevoking(inv)}
                      >
                        {t.team.revoke}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>
      <ConfirmDialog
        open={revoking !== null}
        message={revoking ? t.team.revokeConfirm(revoking.email) : ''}
        confirmLabel={t.team.revoke}
        pending={revoke.isPending}
        error={<ErrorAlert error={revoke.error} />}
        onClose={() => {
          setRevoking(null)
          revoke.reset()
        }}
        onConfirm={() => revoking && revoke.mutate(revoking.id, { onSuccess: () => setRevoking(null) })}
      />
    </>
  )
}

function InviteForm() {
  const { t } = useTeamI18n()
  const create = useCreateInvitation()
  const [email, setEmail] = useState('')
  const [role, setRole] = useState<Role>('researcher')
  // a stakeholder invited to some studies only (analyst or viewer); null = every study
  const [studyIds, setStudyIds] = useState<string[] | null>(null)
  const [created, setCreated] = useState<Invitation | null>(null)
  const limited = mayBeLimited(role) && studyIds !== null

  const submit = (e: FormEvent) => {
    e.preventDefault()
    setCreated(null)
    create.mutate(
      { email: email.trim(), role, ...(limited ? { studyIds } : {}) },
      {
        onSuccess: (inv) => {
          setCreated(inv)
          setEmail('')
          setStudyIds(null)
        },
      },
    )
  }

  return (
    <section className="panel stack" aria-labelledby="invite-heading">
      <div>
        <h2 id="invite-heading">{t.team.inviteHeading}</h2>
        <p className="muted">{t.team.inviteIntro}</p>
      </div>
      <form onSubmit={submit} noValidate className="invite-form">
        <TextField
          label={t.team.inviteEmail}
          type="email"
          autoComplete="off"
          value={email}
          onChange={setEmail}
          error={fieldError(create.error, 'email')}
          required
        />
        <SelectField
          label={t.team.inviteRole}
          value={role}
          options={ROLES.map((r) => ({ value: r, label: t.roles[r] }))}
          onChange={setRole}
          error={fieldError(create.error, 'role')}
        />
        {mayBeLimited(role) ? (
          <div className="invite-form__studies">
            <StudyPicker
              value={studyIds}
              onChange={setStudyIds}
              error={limited && studyIds.length === 0 ? t.studyAccess.pickOne : fieldError(create.error, 'studyIds')}
            />
          </div>
        ) : null}
        <div className="invite-form__submit">
          <button
            type="submit"
            className="btn btn--primary"
            disabled={create.isPending || (limited && studyIds.length === 0)}
          >
            {create.isPending ? t.team.inviting : t.team.invite}
          </button>
        </div>
      </form>
      <ErrorAlert error={create.error} />
      {created ? <CreatedInvitation invitation={created} /> : null}
    </section>
  )
}

function CreatedInvitation({ invitation }: { invitation: Invitation }) {
  const { t } = useTeamI18n()
  return (
    <Notice tone="success">
      <p>{t.team.inviteCreated(invitation.email)}</p>
      {invitation.link ? <CopyLink label={t.team.inviteLink} link={invitation.link} /> : null}
    </Notice>
  )
}
