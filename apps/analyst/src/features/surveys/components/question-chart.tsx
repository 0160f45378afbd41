import type { Language } from '@klantreis/shared/common'
import { isScaleType, scaleBounds, type Question } from '@klantreis/shared/surveys'
import type { SurveyResults } from '@klantreis/shared/responses'
import { useId } from 'react'
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'
import { AXIS, GRID, PRIMARY } from '../../../components/charts/palette'
import { useSurveysI18n } from '../i18n'
import { textIn } from './draft-edit'

type QuestionResult = SurveyResults['questions'][number]

export function QuestionChart({
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
