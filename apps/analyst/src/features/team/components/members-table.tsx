import { ROLES, type Me, type Member, type Role } from '@klantreis/shared/auth'
import { useState } from 'react'
import { ErrorAlert, Loading } from '../../../components/ui/alert'
import { ConfirmDialog } from '../../../components/ui/dialog'
import { useTeamI18n } from '../i18n'
import { useChangeMemberRole, useMembers, useRemoveMember } from '../api/members'
import { mayBeLimited, MemberStudies, MemberStudiesDialog } from './study-access'

export function MembersTable({ me, canManage }: { me: Me; canManage: boolean }) {
  const { t, formatDate } = useTeamI18n()
  const members = useMembers()
  const changeRole = useChangeMemberRole()
  const remove = useRemoveMember()
  const [removing, setRemoving] = useState<Member | null>(null)
  const [scoping, setScoping] = useState<Member | null>(null)

  return (
    <section className="panel stack" aria-labelledby="members-heading">
      <h2 id="members-heading">{t.team.members}</h2>
      {members.isPending ? <Loading /> : null}
      <ErrorAlert error={members.error ?? changeRole.error} />
      {members.data ? (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t.team.colName}</th>
                <th scope="col">{t.team.colEmail}</th>
                <th scope="col">{t.team.colRole}</th>
                <th scope="col">{t.studyAccess.col}</th>
                <th scope="col">{t.team.colJoined}</th>
                {canManage ? (
                  <th scope="col">
                    <span className="visually-hidden">{t.team.colActions}</span>
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {members.data.items.map((member) => {
                const isMe = member.userId === me.user.id
                return (
                  <tr key={member.userId}>
                    <th scope="row">
                      {member.name} {isMe ? <span className="muted">{t.team.you}</span> : null}
                    </th>
                    <td>{member.email}</td>
                    <td>
                      {canManage ? (
                        <select
                          className="input input--select input--compact"
                          aria-label={t.team.roleFor(member.name)}
                          value={member.role}
                          disabled={changeRole.isPending && changeRole.variables?.userId === member.userId}
                          onChange={(e) => changeRole.mutate({ userId: member.userId, role: e.target.value as Role })}
                        >
                          {ROLES.map((r) => (
                            <option key={r} value={r}>
                              {t.roles[r]}
                            </option>
                          ))}
                        </select>
                      ) : (
                        t.roles[member.role]
                      )}
                    </td>
                    <td>
                      <MemberStudies member={member} />
                      {canManage && mayBeLimited(member.role) ? (
                        <>
                          {' '}
                          <button
                            type="button"
                            className="btn btn--ghost btn--small"
                            aria-label={t.studyAccess.changeFor(member.name)}
                            onClick={() => setScoping(member)}
                          >
                            {t.studyAccess.change}
                          </button>
                        </>
                      ) : null}
                    </td>
                    <td>
                      <time dateTime={member.joinedAt}>{formatDate(member.joinedAt)}</time>
                    </td>
                    {canManage ? (
                      <td className="table__actions">
                        <button
                          type="button"
                          className="btn btn--ghost btn--small btn--danger-text"
                          aria-label={t.team.removeNamed(member.name)}
                          onClick={() => setRemoving(member)}
                        >
                          {t.team.remove}
                        </button>
                      </td>
                    ) : null}
                  </tr>
                )
              })}
            </tbody>
          </table>
        </div>
      ) : null}
      <MemberStudiesDialog member={scoping} onClose={() => setScoping(null)} />
      <ConfirmDialog
        open={removing !== null}
        message={removing ? t.team.removeConfirm(removing.name) : ''}
        confirmLabel={t.team.remove}
        pending={remove.isPending}
        error={<ErrorAlert error={remove.error} />}
        onClose={() => {
          setRemoving(null)
          remove.reset()
        }}
        onConfirm={() => removing && remove.mutate(removing.userId, { onSuccess: () => setRemoving(null) })}
      />
    </section>
  )
}
