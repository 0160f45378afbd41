import type { Study } from '@klantreis/shared/studies'
import type { ReactNode } from 'react'
import { routeHref } from '../../lib/routes'
import { ErrorAlert, Loading, Notice } from '../ui/alert'
import { isApiError } from '../../lib/api-client'
import { useI18n } from '../../lib/i18n'
import { useStudy } from '../../lib/get-study'
import { StatusBadge } from '../ui/status-badge'
import { StudyTabs, type StudyTab } from './study-tabs'

type Props = { studyId: string; tab: StudyTab; canEdit: boolean; children: (study: Study) => ReactNode }

/** Title, status and section tabs around one study page; handles the study not loading. */
export function StudyFrame({ studyId, tab, canEdit, children }: Props) {
  const { t } = useI18n()
  const study = useStudy(studyId)

  if (study.isPending) return <Loading />
  if (study.isError) {
    const notFound = isApiError(study.error) && study.error.status === 404
    return (
      <div className="stack">
        {notFound ? <Notice>{t.shell.studyNotFound}</Notice> : <ErrorAlert error={study.error} />}
        <a href={routeHref({ name: 'studies' })}>{t.shell.backToStudies}</a>
      </div>
    )
  }
  return (
    <div className="stack stack--lg">
      <div className="page-header">
        <div>
          <p className="breadcrumb">
            <a href={routeHref({ name: 'studies' })}>{t.nav.studies}</a>
          </p>
          <h1>{study.data.title}</h1>
          <StatusBadge status={study.data.status} />
        </div>
      </div>
      <StudyTabs studyId={studyId} current={tab} />
      {!canEdit ? <Notice>{t.common.readOnly}</Notice> : null}
      {children(study.data)}
    </div>
  )
}
