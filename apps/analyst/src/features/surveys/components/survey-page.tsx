import type { Role } from '@klantreis/shared/auth'
import { lazy, Suspense } from 'react'
import { routeHref, type SurveyView } from '../../../lib/routes'
import { ErrorAlert, Loading } from '../../../components/ui/alert'
import { useSurveysI18n } from '../i18n'
import { canEditStudies } from '../../../lib/roles'
import { useJourneyModel } from '../../journey-model'
import { StudyFrame } from '../../../components/layouts/study-frame'
import { useSurvey } from '../api/surveys'
import { SurveyBuilder } from './survey-builder'
import { SurveyLinks } from './survey-links'
import '../surveys.css'

// recharts is most of the bundle: load it with the results only
const SurveyResultsView = lazy(() => import('./survey-results').then((m) => ({ default: m.SurveyResultsView })))

type Props = { studyId: string; surveyId: string; view: SurveyView; role: Role }

export function SurveyPage({ studyId, surveyId, view, role }: Props) {
  const { t } = useSurveysI18n()
  const canEdit = canEditStudies(role)
  const survey = useSurvey(studyId, surveyId)
  const model = useJourneyModel(studyId)

  return (
    <StudyFrame studyId={studyId} tab="surveys" canEdit={canEdit}>
      {() => (
        <>
          <p className="breadcrumb">
            <a href={routeHref({ name: 'study-surveys', studyId })}>{t.surveys.backToList}</a>
          </p>
          {survey.isPending ? <Loading /> : null}
          {survey.isError ? <ErrorAlert error={survey.error} /> : null}
          {survey.data ? (
            <>
              <div className="section-header">
                <div className="survey-heading">
                  <h2>{survey.data.title}</h2>
                  <span className={`badge badge--${survey.data.status === 'open' ? 'live' : survey.data.status}`}>
                    {t.surveys.statuses[survey.data.status]}
                  </span>
                </div>
                <span className="muted">{t.surveys.currentVersion(survey.data.currentVersion)}</span>
              </div>
              <nav aria-label={t.surveys.heading} className="segmented-nav">
                <a
                  href={routeHref({ name: 'study-survey', studyId, surveyId, view: 'build' })}
                  className="study-tabs__tab"
                  aria-current={view === 'build' ? 'page' : undefined}
                >
                  {t.surveys.builder}
                </a>
                <a
                  href={routeHref({ name: 'study-survey', studyId, surveyId, view: 'results' })}
                  className="study-tabs__tab"
                  aria-current={view === 'results' ? 'page' : undefined}
                >
                  {t.surveys.results}
                </a>
                <a
                  href={routeHref({ name: 'study-survey', studyId, surveyId, view: 'links' })}
                  className="study-tabs__tab"
                  aria-current={view === 'links' ? 'page' : undefined}
                >
                  {t.surveys.distribution}
                </a>
              </nav>
              {view === 'build' ? (
                <SurveyBuilder
                  key={survey.data.id}
                  studyId={studyId}
                  survey={survey.data}
                  model={model.data}
                  canEdit={canEdit}
                />
              ) : null}
              {view === 'results' ? (
                <Suspense fallback={<Loading />}>
                  <SurveyResultsView studyId={studyId} survey={survey.data} />
                </Suspense>
              ) : null}
              {view === 'links' ? <SurveyLinks studyId={studyId} survey={survey.data} canEdit={canEdit} /> : null}
            </>
          ) : null}
        </>
      )}
    </StudyFrame>
  )
}
