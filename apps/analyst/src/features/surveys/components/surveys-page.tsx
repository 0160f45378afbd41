import type { Role } from '@klantreis/shared/auth'
import { useState, type FormEvent } from 'react'
import { navigate, routeHref } from '../../../lib/routes'
import { ErrorAlert, Loading, Notice } from '../../../components/ui/alert'
import { TextField } from '../../../components/ui/field'
import { fieldError } from '../../../lib/api-client'
import { useSurveysI18n } from '../i18n'
import { canEditStudies } from '../../../lib/roles'
import { StudyFrame } from '../../../components/layouts/study-frame'
import { useCreateSurvey, useDeleteSurvey, useGenerateSurvey, useSurveys } from '../api/surveys'
import { LoadMore } from '../../../components/ui/load-more'
import '../surveys.css'

export function SurveysPage({ studyId, role }: { studyId: string; role: Role }) {
  const { t } = useSurveysI18n()
  const canEdit = canEditStudies(role)
  const surveys = useSurveys(studyId)
  const create = useCreateSurvey(studyId)
  const generate = useGenerateSurvey(studyId)
  const remove = useDeleteSurvey(studyId)
  const [title, setTitle] = useState('')
  const [includeWhy, setIncludeWhy] = useState(true)
  const items = surveys.data?.pages.flatMap((p) => p.items) ?? []
  const busy = create.isPending || generate.isPending
  const error = create.error ?? generate.error
  const open = (surveyId: string) => navigate({ name: 'study-survey', studyId, surveyId, view: 'build' })
  const chosenTitle = title.trim() || t.surveys.defaultTitle

  const onGenerate = (e: FormEvent) => {
    e.preventDefault()
    generate.mutate({ title: chosenTitle, includeWhy }, { onSuccess: (s) => open(s.id) })
  }

  return (
    <StudyFrame studyId={studyId} tab="surveys" canEdit={canEdit}>
      {() => (
        <>
          <div>
            <h2>{t.surveys.heading}</h2>
            <p className="muted section-intro">{t.surveys.intro}</p>
          </div>
          {surveys.isPending ? <Loading /> : null}
          {surveys.isError ? <ErrorAlert error={surveys.error} /> : null}
          {surveys.isSuccess && items.length === 0 ? <Notice>{t.surveys.none}</Notice> : null}
          {items.length > 0 ? (
            <div className="table-wrap">
              <table className="table" aria-label={t.surveys.listLabel}>
                <thead>
                  <tr>
                    <th scope="col">{t.surveys.colTitle}</th>
                    <th scope="col">{t.surveys.colKind}</th>
                    <th scope="col">{t.surveys.colStatus}</th>
                    <th scope="col">{t.surveys.colVersion}</th>
                    <th scope="col">{t.surveys.colActions}</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((s) => (
                    <tr key={s.id}>
                      <th scope="row">
                        <a href={routeHref({ name: 'study-survey', studyId, surveyId: s.id, view: 'build' })}>
                          {s.title}
                        </a>
                      </th>
                      <td>{t.surveys.kinds[s.kind]}</td>
                      <td>
                        <span className={`badge badge--${s.status === 'open' ? 'live' : s.status}`}>
                          {t.surveys.statuses[s.status]}
                        </span>
                      </td>
                      <td>
                        {s.currentVersion === null ? t.surveys.notPublished : t.surveys.version(s.currentVersion)}
                      </td>
                      <td className="table__actions">
                        <a
                          className="btn btn--small btn--secondary"
                          href={routeHref({ name: 'study-survey', studyId, surveyId: s.id, view: 'results' })}
                          aria-label={t.surveys.resultsNamed(s.title)}
                        >
                          {t.surveys.results}
                        </a>
                        {canEdit ? (
                          <button
                            type="button"
                            className="btn btn--small btn--danger-text"
                            aria-label={t.surveys.deleteNamed(s.title)}
                            disabled={remove.isPending}
                            onClick={() => {
                              if (window.confirm(t.surveys.deleteConfirm(s.title))) remove.mutate(s.id)
                            }}
                          >
                            {t.common.delete}
                          </button>
                        ) : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
          <LoadMore pages={surveys} />
          {remove.isError ? <ErrorAlert error={remove.error} /> : null}

          {canEdit ? (
            <form className="panel stack" onSubmit={onGenerate} aria-labelledby="survey-create-heading">
              <h2 id="survey-create-heading">{t.surveys.create}</h2>
              <TextField
                label={t.surveys.newTitle}
                value={title}
                onChange={setTitle}
                maxLength={200}
                error={fieldError(error, 'title')}
                hint={t.surveys.defaultTitle}
              />
              <label className="checkbox-field">
                <input type="checkbox" checked={includeWhy} onChange={(e) => setIncludeWhy(e.target.checked)} />
                <span>{t.surveys.includeWhy}</span>
              </label>
              <p className="muted">{t.surveys.generateHint}</p>
              <div className="form-actions form-actions--start">
                <button type="submit" className="btn btn--primary" disabled={busy}>
                  {t.surveys.generate}
                </button>
                <button
                  type="button"
                  className="btn btn--secondary"
                  disabled={busy}
                  onClick={() =>
                    create.mutate({ title: chosenTitle, kind: 'survey' }, { onSuccess: (s) => open(s.id) })
                  }
                >
                  {t.surveys.newSurvey}
                </button>
                <button
                  type="button"
                  className="btn btn--secondary"
                  disabled={busy}
                  onClick={() =>
                    create.mutate({ title: chosenTitle, kind: 'empathy_map' }, { onSuccess: (s) => open(s.id) })
                  }
                >
                  {t.surveys.newEmpathyMap}
                </button>
              </div>
              {error && !fieldError(error, 'title') ? <ErrorAlert error={error} /> : null}
            </form>
          ) : null}
        </>
      )}
    </StudyFrame>
  )
}
