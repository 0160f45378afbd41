import type { Language } from '@klantreis/shared/common'
import type { Question } from '@klantreis/shared/surveys'
import { useState } from 'react'
import { ErrorAlert, Loading } from '../../../components/ui/alert'
import { LoadMore } from '../../../components/ui/load-more'
import { useSurveysI18n } from '../i18n'
import { useSurveyResponse, useSurveyResponses } from '../api/surveys'
import { textIn } from './draft-edit'

export function ResponseList({
  studyId,
  surveyId,
  questions,
  lang,
}: {
  studyId: string
  surveyId: string
  questions: Map<string, Question>
  lang: Language
}) {
  const { t, formatDateTime } = useSurveysI18n()
  const responses = useSurveyResponses(studyId, surveyId)
  const [openId, setOpenId] = useState<string | null>(null)
  const items = responses.data?.pages.flatMap((p) => p.items) ?? []
  const name = (r: (typeof items)[number]) => r.participant?.pseudonym ?? t.surveys.anonymous
  const opened = items.find((r) => r.id === openId)
  return (
    <section className="stack" aria-labelledby="survey-responses-heading">
      <h3 id="survey-responses-heading">{t.surveys.responses}</h3>
      {responses.isPending ? <Loading /> : null}
      {responses.isError ? <ErrorAlert error={responses.error} /> : null}
      {responses.isSuccess && items.length === 0 ? <p className="muted">{t.surveys.noResponses}</p> : null}
      {items.length > 0 ? (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t.surveys.colParticipant}</th>
                <th scope="col">{t.surveys.resultsVersion}</th>
                <th scope="col">{t.surveys.colResponseStatus}</th>
                <th scope="col">{t.surveys.colStarted}</th>
                <th scope="col">{t.surveys.colCompleted}</th>
                <th scope="col">
                  <span className="visually-hidden">{t.surveys.view}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((r) => (
                <tr key={r.id}>
                  <th scope="row">{name(r)}</th>
                  <td>{r.version}</td>
                  <td>{t.surveys.responseStatuses[r.status] ?? r.status}</td>
                  <td>{formatDateTime(r.startedAt)}</td>
                  <td>{r.completedAt ? formatDateTime(r.completedAt) : t.common.none}</td>
                  <td className="table__actions">
                    <button
                      type="button"
                      className="btn btn--small btn--secondary"
                      aria-label={t.surveys.viewNamed(name(r))}
                      aria-expanded={openId === r.id}
                      onClick={() => setOpenId(openId === r.id ? null : r.id)}
                    >
                      {openId === r.id ? t.surveys.hideResponse : t.surveys.view}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <LoadMore pages={responses} />
      {opened ? (
        <ResponseDetail
          studyId={studyId}
          surveyId={surveyId}
          responseId={opened.id}
          title={t.surveys.responseOf(name(opened))}
          questions={questions}
          lang={lang}
        />
      ) : null}
    </section>
  )
}

function ResponseDetail(props: {
  studyId: string
  surveyId: string
  responseId: string
  title: string
  questions: Map<string, Question>
  lang: Language
}) {
  const { t } = useSurveysI18n()
  const response = useSurveyResponse(props.studyId, props.surveyId, props.responseId)
  return (
    <section className="panel stack" aria-label={props.title}>
      <h4>{props.title}</h4>
      {response.isPending ? <Loading /> : null}
      {response.isError ? <ErrorAlert error={response.error} /> : null}
      {response.data ? (
        <dl className="attr-list">
          {[...props.questions.values()].map((q) => (
            <div key={q.id} className="attr-list__row">
              <dt>{textIn(q.text, props.lang, q.id)}</dt>
              <dd>
                {formatAnswer(q, response.data.answers[q.id], props.lang, t.surveys.notAnswered, t.surveys.boxes)}
              </dd>
            </div>
          ))}
        </dl>
      ) : null}
    </section>
  )
}

/** An answer as plain text (never HTML): option texts for choices, items per box for an empathy map. */
function formatAnswer(
  q: Question,
  value: unknown,
  lang: Language,
  none: string,
  boxes: Record<string, string>,
): string {
  if (value === undefined || value === null || value === '') return none
  const option = (id: unknown) => {
    if (q.type !== 'single_choice' && q.type !== 'multiple_choice') return String(id)
    const o = q.options.find((x) => x.id === id)
    return o ? textIn(o.text, lang, String(id)) : String(id)
  }
  if (q.type === 'single_choice') return option(value)
  if (q.type === 'multiple_choice') {
    if (Array.isArray(value)) return value.map(option).join(', ')
    if (typeof value === 'object') {
      const v = value as { selected?: unknown[]; other?: string }
      return [...(v.selected ?? []).map(option), ...(v.other ? [v.other] : [])].join(', ')
    }
  }
  if (q.type === 'empathy_map' && typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .map(
        ([box, items]) =>
          `${boxes[box] ?? box}: ${Array.isArray(items) ? items.map((i) => (typeof i === 'object' && i && 'text' in i ? String((i as { text: unknown }).text) : String(i))).join('; ') : JSON.stringify(items)}`,
      )
      .join(' · ')
  }
  if (typeof value === 'object') return JSON.stringify(value)
  return String(value)
}
