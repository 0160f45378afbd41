import { ErrorAlert, Loading } from '../../../components/ui/alert'
import { LoadMore } from '../../../components/ui/load-more'
import { useMessagesI18n } from '../i18n'
import { useSends } from '../api/messages'

/** Every send to many, newest first, with how it went. */
export function SendsList({ studyId }: { studyId: string }) {
  const { t, formatDateTime } = useMessagesI18n()
  const sends = useSends(studyId)
  const items = sends.data?.pages.flatMap((p) => p.items) ?? []
  return (
    <div className="stack">
      {sends.isPending ? <Loading /> : null}
      {sends.isError && !sends.isFetchNextPageError ? <ErrorAlert error={sends.error} /> : null}
      {sends.isSuccess && items.length === 0 ? <p className="muted">{t.messages.noSends}</p> : null}
      {items.length > 0 ? (
        <div className="table-wrap">
          <table className="table" aria-label={t.messages.sendsLabel}>
            <thead>
              <tr>
                <th scope="col">{t.messages.colDate}</th>
                <th scope="col">{t.messages.colKind}</th>
                <th scope="col">{t.messages.colCounts}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((s) => (
                <tr key={s.id}>
                  <td className="table__nowrap">
                    <time dateTime={s.createdAt}>{formatDateTime(s.createdAt)}</time>
                  </td>
                  <td>{t.messages.kinds[s.kind]}</td>
                  <td>{t.messages.progress(s.sent, s.total, s.failed, s.suppressed)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <LoadMore pages={sends} />
      {sends.isFetchNextPageError ? <ErrorAlert error={sends.error} /> : null}
    </div>
  )
}
