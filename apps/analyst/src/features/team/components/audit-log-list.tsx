import { ErrorAlert, Loading } from '../../../components/ui/alert'
import { useTeamI18n } from '../i18n'
import { useAuditLog } from '../api/audit-log'
import { LoadMore } from '../../../components/ui/load-more'

export function AuditLogList() {
  const { t, formatDateTime } = useTeamI18n()
  const audit = useAuditLog(true)
  const events = audit.data?.pages.flatMap((p) => p.items) ?? []

  return (
    <section className="panel stack" aria-labelledby="audit-heading">
      <div>
        <h2 id="audit-heading">{t.team.auditLog}</h2>
        <p className="muted">{t.team.auditIntro}</p>
      </div>
      {audit.isPending ? <Loading /> : null}
      <ErrorAlert error={audit.error} />
      {audit.isSuccess && events.length === 0 ? <p className="muted">{t.team.noAudit}</p> : null}
      {events.length > 0 ? (
        <div className="table-wrap">
          <table className="table table--dense">
            <thead>
              <tr>
                <th scope="col">{t.team.colWhen}</th>
                <th scope="col">{t.team.colActor}</th>
                <th scope="col">{t.team.colAction}</th>
                <th scope="col">{t.team.colSubject}</th>
              </tr>
            </thead>
            <tbody>
              {events.map((ev) => (
                <tr key={ev.id}>
                  <td>
                    <time dateTime={ev.at}>{formatDateTime(ev.at)}</time>
                  </td>
                  <td>{ev.actorEmail ?? <span className="muted">{t.team.system}</span>}</td>
                  <td>
                    <code className="code">{ev.action}</code>
                  </td>
                  <td>{ev.subject ?? t.common.none}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <LoadMore pages={audit} />
    </section>
  )
}
