import {
  Bar,
  BarChart,
  CartesianGrid,
  LabelList,
  Legend,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts'
import { hideZero } from '../../../components/charts/format'
import { AXIS, AXIS_TEXT, GAIN, GAIN_LIGHT, GRID, LABEL, PAIN, PAIN_LIGHT } from '../../../components/charts/palette'
import { useDashboardI18n } from '../i18n'
import type { QuotesSelection } from '../api/dashboard'
import { ChartFigure, NAME_AXIS_WIDTH, TouchpointTable } from './figure'
import type { Touchpoint } from './touchpoint'

export type OpenQuotes = (sel: QuotesSelection) => void

/** Pains and gains per touchpoint, coded and from the diary, diverging from zero; a bar opens its quotes. */
export function PainGainChart({ touchpoints, onOpenQuotes }: { touchpoints: Touchpoint[]; onOpenQuotes: OpenQuotes }) {
  const { t } = useDashboardI18n()
  const l = t.dashboard.painGain
  const rows = touchpoints.map((tp) => ({
    key: tp.id,
    name: tp.name,
    stage: tp.stageName,
    codedPain: -tp.painGain.coded.pain,
    codedGain: tp.painGain.coded.gain,
    diaryPain: -tp.painGain.diary.pain,
    diaryGain: tp.painGain.diary.gain,
    coded: tp.painGain.coded,
    diary: tp.painGain.diary,
  }))
  const sum = (f: (r: (typeof rows)[number]) => number) => rows.reduce((s, r) => s + f(r), 0)
  const codedN = sum((r) => r.coded.pain + r.coded.gain + r.coded.neutral)
  const diaryN = sum((r) => r.diary.pain + r.diary.gain + r.diary.neutral)
  const marked = sum((r) => r.coded.pain + r.coded.gain + r.diary.pain + r.diary.gain)
  // symmetric round ticks: recharts' own "nice" ticks on −9…9 came out as 9, 4, 1, 6, 9
  // and some room beyond the longest bar for its number
  const step = Math.max(
    1,
    Math.ceil((Math.max(1, ...rows.flatMap((r) => [-r.codedPain, r.codedGain, -r.diaryPain, r.diaryGain])) * 1.15) / 3),
  )
  const max = 3 * step
  const ticks = [-3, -2, -1, 0, 1, 2, 3].map((k) => k * step)
  const open = (valence: 'pain' | 'gain') => (bar: { payload?: unknown }) => {
    const row = bar.payload as (typeof rows)[number] | undefined
    if (row) onOpenQuotes({ touchpointId: row.key, touchpointName: row.name, valence })
  }
  // the chart is hidden from assistive technology, so the table's counts are the keyboard's way to the same quotes
  const countButton = (r: (typeof rows)[number], valence: 'pain' | 'gain') => {
    const n = r.coded[valence]
    return n === 0 ? (
      0
    ) : (
      <button
        type="button"
        className="btn btn--ghost btn--small dashboard__count"
        aria-label={t.dashboard.quotes.open(n, valence, r.name)}
        onClick={() => onOpenQuotes({ touchpointId: r.key, touchpointName: r.name, valence })}
      >
        {n}
      </button>
    )
  }

  return (
    <ChartFigure
      testId="dashboard-pain-gain"
      title={l.title}
      caption={l.caption(codedN, diaryN)}
      empty={marked === 0}
      summary={<p className="muted dashboard__note">{t.dashboard.quotes.clickHint}</p>}
      chart={
        <ResponsiveContainer width="100%" height={Math.max(160, rows.length * 52 + 60)}>
          <BarChart
            data={rows}
            accessibilityLayer={false}
            layout="vertical"
            stackOffset="sign"
            margin={{ top: 4, right: 24, bottom: 4, left: 8 }}
            barGap={1}
            barCategoryGap="18%"
          >
            <CartesianGrid strokeDasharray="3 3" horizontal={false} stroke={GRID} />
            <XAxis
              type="number"
              domain={[-max, max]}
              ticks={ticks}
              allowDecimals={false}
              tickFormatter={(v: number) => String(Math.abs(v))}
              tick={AXIS}
            />
            <YAxis type="category" dataKey="name" width={NAME_AXIS_WIDTH} interval={0} tick={AXIS} tickLine={false} />
            <ReferenceLine x={0} stroke={AXIS_TEXT} />
            <Tooltip formatter={(v) => Math.abs(Number(v))} cursor={{ fill: 'rgb(29 79 124 / 6%)' }} />
            <Legend wrapperStyle={{ fontSize: 13 }} />
            <Bar
              dataKey="codedPain"
              name={l.codedPain}
              stackId="coded"
              fill={PAIN}
              isAnimationActive={false}
              cursor="pointer"
              onClick={open('pain')}
            >
              <LabelList dataKey="codedPain" content={<PainLabel />} />
            </Bar>
            <Bar
              dataKey="codedGain"
              name={l.codedGain}
              stackId="coded"
              fill={GAIN}
              isAnimationActive={false}
              cursor="pointer"
              onClick={open('gain')}
            >
              <LabelList dataKey="codedGain" position="right" formatter={hideZero} fontSize={11} fill={LABEL} />
            </Bar>
            <Bar
              dataKey="diaryPain"
              name={l.diaryPain}
              stackId="diary"
              fill={PAIN_LIGHT}
              isAnimationActive={false}
              cursor="pointer"
              onClick={open('pain')}
            >
              <LabelList dataKey="diaryPain" content={<PainLabel />} />
            </Bar>
            <Bar
              dataKey="diaryGain"
              name={l.diaryGain}
              stackId="diary"
              fill={GAIN_LIGHT}
              isAnimationActive={false}
              cursor="pointer"
              onClick={open('gain')}
            >
              <LabelList dataKey="diaryGain" position="right" formatter={hideZero} fontSize={11} fill={LABEL} />
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      }
      table={
        <TouchpointTable
          rows={rows}
          name={(r) => r.name}
          columns={[
            { header: l.codedPain, numeric: true, cell: (r) => countButton(r, 'pain') },
            { header: l.codedGain, numeric: true, cell: (r) => countButton(r, 'gain') },
            { header: l.diaryPain, numeric: true, cell: (r) => r.diary.pain },
            { header: l.diaryGain, numeric: true, cell: (r) => r.diary.gain },
          ]}
        />
      }
    />
  )
}

/**
 * A pain count left of its bar. With stackOffset="sign" a negative bar's x is at zero and its width
 * negative, so recharts' position="left" put the number at the zero line, where it read as a gain.
 */
function PainLabel({
  x,
  y,
  width,
  height,
  value,
}: {
  x?: number | string
  y?: number | string
  width?: number | string
  height?: number | string
  value?: unknown
}) {
  const text = hideZero(value)
  if (!text) return null
  const left = Math.min(Number(x ?? 0), Number(x ?? 0) + Number(width ?? 0))
  return (
    <text x={left - 4} y={Number(y ?? 0) + Number(height ?? 0) / 2} dy={4} textAnchor="end" fontSize={11} fill={LABEL}>
      {text}
    </text>
  )
}
