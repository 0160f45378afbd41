import type { Me } from '@klantreis/shared/auth'
import { Notice } from '../../../components/ui/alert'
import { useTeamI18n } from '../i18n'
import { canManageRetention, canManageTeam } from '../../../lib/roles'
import { AuditLogList } from './audit-log-list'
import { InvitationsPanel } from './invitations-panel'
import { MembersTable } from './members-table'
import { RetentionDefaultPanel } from './retention-default-panel'
import '../team.css'

export function TeamPage({ me }: { me: Me }) {
  const { t } = useTeamI18n()
  const isAdmin = canManageTeam(me.organization.role)
  return (
    <div className="stack stack--lg">
      <div className="page-header">
        <div>
          <h1>{t.team.heading}</h1>
          <p className="lead">{me.organization.name}</p>
        </div>
      </div>
      {!isAdmin ? <Notice>{t.team.adminOnly}</Notice> : null}
      <MembersTable me={me} canManage={isAdmin} />
      {isAdmin ? <InvitationsPanel /> : null}
      <RetentionDefaultPanel canManage={canManageRetention(me.organization.role)} />
      {isAdmin ? <AuditLogList /> : null}
    </div>
  )
}
