import type { Language } from '@klantreis/shared/common'
import {
  SurveyVersionSchema,
  isScaleType,
  scaleBounds,
  type Question,
  type SurveyDetail,
} from '@klantreis/shared/surveys'
import type { SurveyResults } from '@klantreis/shared/responses'
import { useQuery } from '@tanstack/react-query'
import { useId, useMemo, useState } from 'react'
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'
import { ErrorAlert, Loading, Notice } from '../../../components/ui/alert'
import { SelectField } from '../../../components/ui/field'
import { apiJson } from '../../../lib/api-client'
import { AXIS, GRID, PRIMARY } from '../../../components/charts/palette'
import { useSurveysI18n } from '../i18n'
import { studyPath } from '../../../lib/api-paths'
import { useSurveyResponse, useSurveyResponses, useSurveyResults } from '../api/surveys'
import { textIn } from './draft-edit'
import { LoadMore } from '../../../components/ui/load-more'

const CHARTED = new Set(['nps', 'csat', 'ces', 'likert', 'rating', 'emotion', 'single_choice', 'multiple_choice'])

export function SurveyResultsView({ studyId, survey }: { studyId: string; survey: SurveyDetail }) {
  const { t, lang: uiLang } = useSurveysI18n()
  const [version, setVersion] = useState<number | null>(survey.currentVersion)
  const results = useSurveyResults(studyId, survey.id, version)
  const definition = useQuery({
    queryKey: ['surveys', studyId, 'version', survey.id, version],
    queryFn: () =>
      apiJson(SurveyVersionSchema, studyPath(studyId, `/surveys/${encodeURIComponent(survey.id)}/versions/${version}`)),
    enabled: version !== null,
  })
  const def = definition.data?.definition
  const lang: Language = def?.languages.includes(uiLang) ? uiLang : (def?.languages[0] ?? uiLang)
  const questions = useMemo(() => new Map((def?.pages ?? []).flatMap((p) => p.questions).map((q) => [q.id, q])), [def])
  const pageTitles = useMemo(
    () => new Map((def?.pages ?? []).map((p, i) => [p.id, `${i + 1}. ${textIn(p.title, lang, p.id)}`])),
    [def, lang],
  )

  if (survey.versions.length === 0 || version === null) return <Notice>{t.surveys.noVersions}</Notice>

  return (
    <div className="stack stack--lg">
      <div className="inline-add">
        <SelectField
          label={t.surveys.resultsVersion}
          value={String(version)}
          options={[...survey.versions]
            .sort((a, b) => b.version - a.version)
            .map((v) => ({ value: String(v.version), label: t.surveys.version(v.version) }))}
          onChange={(v) => setVersion(Number(v))}
        />
      </div>
      {results.isPending ? <Loading /> : null}
      {results.isError ? <ErrorAlert error={results.error} /> : null}
      {results.data ? (
        <>
          <dl className="stat-row" aria-label={t.surveys.resultsHeading}>
            <div className="panel stat">
              <dt>{t.surveys.started}</dt>
              <dd>{results.data.started}</dd>
            </div>
            <div className="panel stat">
              <dt>{t.surveys.completed}</dt>
              <dd>{results.data.completed}</dd>
            </div>
            <div className="panel stat">
              <dt>{t.surveys.completionRate}</dt>
              <dd>
                {results.data.completionRate === null
                  ? t.common.none
                  : `${Math.round(results.data.completionRate * 100)}%`}
              </dd>
            </div>
          </dl>
          <div className="survey-charts">
            {results.data.questions
              .filter((r) => CHARTED.has(r.type))
              .map((r) => (
                <QuestionChart key={r.questionId} result={r} question={questions.get(r.questionId)} lang={lang} />
              ))}
          </div>
          <DropOff results={results.data} pageTitles={pageTitles} />
        </>
      ) : null}
      <ResponseList studyId={studyId} surveyId={survey.id} questions={questions} lang={lang} />
    </div>
  )
}

type QuestionResult = SurveyResults['questions'][number]

function QuestionChart({
  result,
  question,
  lang,
}: {
  result: QuestionResult
  question: Question | undefined
  lang: Language
}) {
  const { t } = useSurveysI18n()
  const captionId = useId()
  const optionText = (value: string) => {
    if (question && (question.type === 'single_choice' || question.type === 'multiple_choice')) {
      const o = question.options.find((x) => x.id === value)
      if (o) return textIn(o.text, lang, value)
      if (value === 'other') return t.surveys.other
    }
    return value
  }
  // the whole scale (or every option) on the axis, so an empty bar reads as "nobody"
  const counts = new Map(result.distribution.map((d) => [d.value, d.count]))
  let keys: string[] = result.distribution.map((d) => d.value)
  if (question && isScaleType(question.type)) {
    const { min, max } = scaleBounds(question as Parameters<typeof scaleBounds>[0])
    keys = Array.from({ length: max - min + 1 }, (_, i) => String(min + i))
  } else if (question && (question.type === 'single_choice' || question.type === 'multiple_choice')) {
    keys = question.options.map((o) => o.id)
  }
  keys = [...keys, ...result.distribution.map((d) => d.value).filter((v) => !keys.includes(v))]
  const rows = keys.map((k) => ({ value: optionText(k), count: counts.get(k) ?? 0 }))
  const title = question ? textIn(question.text, lang, result.questionId) : result.questionId
  const formatMean = (m: number) => m.toLocaleString(lang === 'nl' ? 'nl-NL' : 'en-GB', { maximumFractionDigits: 2 })
  return (
    <figure className="panel chart-panel" aria-labelledby={captionId} data-testid={`survey-chart-${result.questionId}`}>
      <figcaption id={captionId} className="chart-panel__caption">
        <h3 className="chart-panel__title">{title}</h3>
        <p className="muted">
          {t.surveys.answered(result.answered)} ·{' '}
          {result.mean === null ? t.surveys.noMean : t.surveys.mean(formatMean(result.mean))}
        </p>
      </figcaption>
      {result.answered === 0 ? <p className="muted">{t.surveys.noAnswers}</p> : null}
      <div className="chart-panel__chart">
        <ResponsiveContainer width="100%" height={200}>
          <BarChart data={rows} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} stroke={GRID} />
            <XAxis dataKey="value" interval={0} tick={AXIS} tickLine={false} />
            <YAxis width={36} allowDecimals={false} tick={AXIS} tickLine={false} axisLine={false} />
            <Tooltip cursor={{ fill: 'rgb(29 79 124 / 6%)' }} />
            <Bar
              dataKey="count"
              name={t.surveys.count}
              fill={PRIMARY}
              radius={[3, 3, 0, 0]}
              maxBarSize={36}
              isAnimationActive={false}
            />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <details className="chart-panel__table">
        <summary>{t.surveys.showTable}</summary>
        <table className="table table--dense">
          <thead>
            <tr>
              <th scope="col">{t.surveys.answer}</th>
              <th scope="col" className="table__num">
                {t.surveys.count}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.value}>
                <th scope="row">{r.value}</th>
                <td className="table__num">{r.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  )
}

function DropOff({ results, pageTitles }: { results: SurveyResults; pageTitles: Map<string, string> }) {
  const { t } = useSurveysI18n()
  return (
    <section className="panel stack" aria-labelledby="survey-dropoff-heading">
      <h3 id="survey-dropoff-heading">{t.surveys.dropOff}</h3>
      <div className="table-wrap">
        <table className="table table--dense">
          <thead>
            <tr>
              <th scope="col">{t.surveys.colPage}</th>
              <th scope="col" className="table__num">
                {t.surveys.colReached}
              </th>
              <th scope="col" className="table__num">
                {t.surveys.colStopped}
              </th>
            </tr>
          </thead>
          <tbody>
            {results.pages.map((p) => (
              <tr key={p.pageId}>
                <th scope="row">{pageTitles.get(p.pageId) ?? p.pageId}</th>
                <td className="table__num">{p.reached}</td>
                <td className="table__num">{p.stoppedHere}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  )
}

function ResponseList({
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
  const name = (r: (typeof items)[number]) => r.participant?.name || t.surveys.anonymous
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
