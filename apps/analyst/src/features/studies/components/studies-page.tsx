import type { Role } from '@klantreis/shared/auth'
import { routeHref } from '../../../lib/routes'
import { ErrorAlert, Loading } from '../../../components/ui/alert'
import { useStudiesI18n } from '../i18n'
import { canEditStudies } from '../../../lib/roles'
import { useStudies } from '../api/list-studies'
import { StatusBadge } from '../../../components/ui/status-badge'
import { LoadMore } from '../../../components/ui/load-more'
import '../studies.css'

export function StudiesPage({ role }: { role: Role }) {
  const { t, formatDateTime } = useStudiesI18n()
  const studies = useStudies()
  const canEdit = canEditStudies(role)
  const items = studies.data?.pages.flatMap((p) => p.items) ?? []

  return (
    <div className="stack stack--lg">
      <div className="page-header">
        <div>
          <h1>{t.studies.title}</h1>
          <p className="lead">{t.studies.intro}</p>
        </div>
        {canEdit ? (
          <a className="btn btn--primary" href={routeHref({ name: 'study-new' })}>
            <span aria-hidden="true">+ </span>
            {t.studies.newStudy}
          </a>
        ) : null}
      </div>

      {studies.isPending ? <Loading /> : null}
      {studies.isError ? (
        <ErrorAlert error={studies.error}>
          <button type="button" className="btn btn--secondary" onClick={() => void studies.refetch()}>
            {t.common.retry}
          </button>
        </ErrorAlert>
      ) : null}

      {studies.isSuccess && items.length === 0 ? (
        <div className="empty">
          <p className="empty__title">{t.studies.empty}</p>
          {canEdit ? <p>{t.studies.emptyCta}</p> : null}
        </div>
      ) : null}

      {items.length > 0 ? (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t.studies.colTitle}</th>
                <th scope="col">{t.studies.colStatus}</th>
                <th scope="col">{t.studies.colUpdated}</th>
                <th scope="col">
                  <span className="visually-hidden">{t.studies.colActions}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((study) => (
                <tr key={study.id}>
                  <th scope="row" className="table__title">
                    <a href={routeHref({ name: 'study-setup', studyId: study.id, step: 'goal' })}>
                      {study.title || t.studies.untitled}
                    </a>
                    {study.scope ? <span className="table__sub">{study.scope}</span> : null}
                  </th>
                  <td>
                    <StatusBadge status={study.status} />
                  </td>
                  <td>
                    <time dateTime={study.updatedAt}>{formatDateTime(study.updatedAt)}</time>
                  </td>
                  <td className="table__actions">
                    <a
                      className="btn btn--secondary btn--small"
                      href={routeHref({ name: 'study-setup', studyId: study.id, step: 'model' })}
                    >
                      {t.studies.openModel}
                      <span className="visually-hidden">: {study.title}</span>
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}

      <LoadMore pages={studies} />
      {studies.isFetchNextPageError ? <ErrorAlert error={studies.error} /> : null}
    </div>
  )
}
