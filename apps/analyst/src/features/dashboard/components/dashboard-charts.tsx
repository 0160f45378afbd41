import type { Dashboard } from '@klantreis/shared/dashboard'
import {
  Area,
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  ComposedChart,
  ErrorBar,
  LabelList,
  Legend,
  Line,
  ReferenceDot,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts'
import { useI18n } from '../../../lib/i18n'
import type { QuotesSelection } from '../api/dashboard'
import { ChartFigure, TouchpointTable } from './figure'
import { interval, isMomentOfTruth, num, pct, signed, type Touchpoint } from './format'
import { IpaChart } from './ipa-chart'
import { JointDisplay } from './joint-display'
import { MomentsTable } from './moments-table'

// The diverging pair of the entries chart: red-orange and teal also read for red-green colour blindness.
const PAIN = '#c0392b'
const GAIN = '#0f766e'
const PAIN_LIGHT = '#e8a49c'
const GAIN_LIGHT = '#8cc7bf'
const EXPERIENCED = '#1d4f7c'
const REMEMBERED = '#b45309'
const OK = '#1d4f7c'
const BELOW = '#c2410c'
const PASSIVE = '#94a3b8'
// the journey model's moment-of-truth colours (--c-mot, --c-mot-soft), darkened enough to stand out on the curve
const MOMENT = '#7a4d00'
const MOMENT_BAND = '#f2b925'
const AXIS = { fontSize: 12, fill: '#4a5568' }
const NAME_AXIS_WIDTH = 150

const hideZero = (v: unknown) => (typeof v === 'number' && v !== 0 ? String(Math.abs(v)) : '')

export type OpenQuotes = (sel: QuotesSelection) => void

export function DashboardCharts({
  data,
  studyId,
  onOpenQuotes,
}: {
  data: Dashboard
  studyId: string
  onOpenQuotes: OpenQuotes
}) {
  return (
    <div className="dashboard__grid">
      {/* the two per-touchpoint lists side by side; the curve and the matrix need the full width for fifteen or so touchpoints */}
      <PainGainChart touchpoints={data.touchpoints} onOpenQuotes={onOpenQuotes} />
      <ScoresChart touchpoints={data.touchpoints} basicLevel={data.basicLevel} />
      <EmotionCurve data={data} />
      <NpsChart nps={data.nps} />
      <IpaChart data={data} />
      <MomentsTable data={data} />
      <JointDisplay data={data} studyId={studyId} onOpenQuotes={onOpenQuotes} />
    </div>
  )
}

function PainGainChart({ touchpoints, onOpenQuotes }: { touchpoints: Touchpoint[]; onOpenQuotes: OpenQuotes }) {
  const { t } = useI18n()
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
            layout="vertical"
            stackOffset="sign"
            margin={{ top: 4, right: 24, bottom: 4, left: 8 }}
            barGap={1}
            barCategoryGap="18%"
          >
            <CartesianGrid strokeDasharray="3 3" horizontal={false} stroke="#d3d9e2" />
            <XAxis
              type="number"
              domain={[-max, max]}
              ticks={ticks}
              allowDecimals={false}
              tickFormatter={(v: number) => String(Math.abs(v))}
              tick={AXIS}
            />
            <YAxis type="category" dataKey="name" width={NAME_AXIS_WIDTH} interval={0} tick={AXIS} tickLine={false} />
            <ReferenceLine x={0} stroke="#4a5568" />
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
              <LabelList dataKey="codedGain" position="right" formatter={hideZero} fontSize={11} fill="#1f2937" />
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
              <LabelList dataKey="diaryGain" position="right" formatter={hideZero} fontSize={11} fill="#1f2937" />
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
    <text
      x={left - 4}
      y={Number(y ?? 0) + Number(height ?? 0) / 2}
      dy={4}
      textAnchor="end"
      fontSize={11}
      fill="#1f2937"
    >
      {text}
    </text>
  )
}

// a t-interval over 2 or 3 moments easily runs past the scale: the band is drawn clipped to −3…+3, the table has the numbers
const clamp = (x: number) => Math.max(-3, Math.min(3, x))
const band = (i: Touchpoint['experienced']): [number, number] | null =>
  i.lower !== null && i.upper !== null ? [clamp(i.lower), clamp(i.upper)] : null

function EmotionCurve({ data }: { data: Dashboard }) {
  const { t } = useI18n()
  const l = t.dashboard.emotion
  const rows = data.touchpoints.map((tp) => ({
    key: tp.id,
    name: tp.name,
    experienced: tp.experienced.estimate,
    experiencedBand: band(tp.experienced),
    remembered: tp.remembered.estimate,
    rememberedBand: band(tp.remembered),
    moment: isMomentOfTruth(tp),
    tp,
  }))
  const expN = rows.reduce((s, r) => s + r.tp.experienced.n, 0)
  const remN = rows.reduce((s, r) => s + r.tp.remembered.n, 0)
  const hasAny = rows.some((r) => r.experienced !== null || r.remembered !== null)
  const byKey = new Map(rows.map((r) => [r.key, r]))
  const peak = byKey.get(data.peakTouchpointId ?? '')
  const trough = byKey.get(data.troughTouchpointId ?? '')
  const end = byKey.get(data.endTouchpointId ?? '')
  const moments = rows.filter((r) => r.moment)
  // peak, trough and end can fall on one touchpoint: one ring with all its names, so the labels do not overprint
  const markers = new Map<string, { row: (typeof rows)[number]; labels: string[] }>()
  for (const [row, label] of [
    [peak, l.peak],
    [trough, l.trough],
    [end, l.end],
  ] as const) {
    if (!row || row.experienced === null) continue
    const m = markers.get(row.key) ?? { row, labels: [] }
    if (!m.labels.includes(label)) m.labels.push(label)
    markers.set(row.key, m)
  }
  const markerOf = (key: string) =>
    [
      key === data.peakTouchpointId ? l.peak : null,
      key === data.troughTouchpointId ? l.trough : null,
      key === data.endTouchpointId ? l.end : null,
    ]
      .filter(Boolean)
      .join(', ')

  return (
    <ChartFigure
      wide
      testId="dashboard-emotion"
      title={l.title}
      caption={l.caption(expN, remN)}
      empty={!hasAny}
      summary={
        <>
          <p className="muted dashboard__note">
            {l.peakEnd(peak?.name ?? null, trough?.name ?? null, end?.name ?? null)}
          </p>
          {moments.length ? (
            <p className="dashboard__note dashboard__moment">{l.moments(moments.map((r) => r.name).join(', '))}</p>
          ) : null}
        </>
      }
      chart={
        <ResponsiveContainer width="100%" height={440}>
          <ComposedChart data={rows} margin={{ top: 28, right: 48, bottom: 8, left: 110 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#d3d9e2" />
            <XAxis dataKey="key" interval={0} height={130} tick={<MomentTick rows={byKey} />} />
            <YAxis
              domain={[-3, 3]}
              ticks={[-3, -2, -1, 0, 1, 2, 3]}
              allowDataOverflow
              width={36}
              tick={AXIS}
              tickFormatter={(v: number) => signed(v)}
            />
            <ReferenceLine y={0} stroke="#8a96a8" />
            {moments.map((r) => (
              <ReferenceLine key={r.key} x={r.key} stroke={MOMENT_BAND} strokeOpacity={0.3} strokeWidth={14} />
            ))}
            <Tooltip
              labelFormatter={(k) => byKey.get(String(k))?.name ?? ''}
              formatter={(v) => (Array.isArray(v) ? v.map((x) => num(Number(x))).join(' … ') : num(Number(v)))}
            />
            <Legend wrapperStyle={{ fontSize: 13 }} />
            <Area
              dataKey="experiencedBand"
              name={l.experiencedBand}
              stroke="none"
              fill={EXPERIENCED}
              fillOpacity={0.15}
              connectNulls
              isAnimationActive={false}
              legendType="none"
            />
            <Area
              dataKey="rememberedBand"
              name={l.rememberedBand}
              stroke="none"
              fill={REMEMBERED}
              fillOpacity={0.15}
              connectNulls
              isAnimationActive={false}
              legendType="none"
            />
            <Line
              dataKey="experienced"
              name={l.experienced}
              stroke={EXPERIENCED}
              strokeWidth={2}
              dot={{ r: 4 }}
              connectNulls
              isAnimationActive={false}
            />
            <Line
              dataKey="remembered"
              name={l.remembered}
              stroke={REMEMBERED}
              strokeWidth={2}
              strokeDasharray="6 3"
              dot={{ r: 4 }}
              connectNulls
              isAnimationActive={false}
            />
            {[...markers.values()].map(({ row, labels }) => (
              <ReferenceDot
                key={row.key}
                x={row.key}
                y={clamp(row.experienced!)}
                r={8}
                fill="none"
                stroke="#111827"
                strokeWidth={2}
                strokeDasharray={labels.includes(l.end) && labels.length === 1 ? '3 2' : undefined}
                label={{
                  value: labels.join(' · '),
                  position: row.experienced! < 0 ? 'bottom' : 'top',
                  fontSize: 12,
                  fontWeight: 600,
                  offset: 10,
                }}
              />
            ))}
          </ComposedChart>
        </ResponsiveContainer>
      }
      table={
        <TouchpointTable
          rows={rows}
          name={(r) => r.name}
          columns={[
            { header: l.experienced, numeric: true, cell: (r) => interval(r.tp.experienced) },
            { header: l.remembered, numeric: true, cell: (r) => interval(r.tp.remembered) },
            { header: t.dashboard.moments.marker, cell: (r) => markerOf(r.key) },
            {
              header: t.dashboard.moments.status,
              cell: (r) =>
                [
                  r.tp.momentOfTruth.designated ? t.dashboard.moments.designated : null,
                  r.tp.momentOfTruth.candidate ? t.dashboard.moments.candidate : null,
                ]
                  .filter(Boolean)
                  .join(', '),
            },
          ]}
        />
      }
    />
  )
}

/** A slanted touchpoint name; a moment of truth's in bold and the highlight colour, under its band. */
function MomentTick({
  x,
  y,
  payload,
  rows,
}: {
  x?: number
  y?: number
  payload?: { value: string }
  rows: Map<string, { name: string; moment: boolean }>
}) {
  const row = rows.get(payload?.value ?? '')
  if (!row) return null
  return (
    <g transform={`translate(${x ?? 0},${y ?? 0})`}>
      <text
        dy={12}
        textAnchor="end"
        transform="rotate(-40)"
        fontSize={11}
        fill={row.moment ? MOMENT : AXIS.fill}
        fontWeight={row.moment ? 700 : 400}
      >
        {row.name}
      </text>
    </g>
  )
}

function ScoresChart({ touchpoints, basicLevel }: { touchpoints: Touchpoint[]; basicLevel: number }) {
  const { t } = useI18n()
  const l = t.dashboard.scores
  const level = Math.round(basicLevel * 100)
  const rows = touchpoints
    .filter((tp) => tp.csatTop2.n > 0 && tp.csatTop2.estimate !== null)
    .map((tp) => {
      const est = tp.csatTop2.estimate! * 100
      const below = tp.csatTop2.estimate! < basicLevel
      return {
        key: tp.id,
        name: below ? `⚠ ${tp.name}` : tp.name,
        plain: tp.name,
        top2: est,
        error: [
          est - (tp.csatTop2.lower ?? tp.csatTop2.estimate!) * 100,
          (tp.csatTop2.upper ?? tp.csatTop2.estimate!) * 100 - est,
        ],
        label: `${Math.round(est)}% · n = ${tp.csatTop2.n}`,
        below,
        tp,
      }
    })
  const n = rows.reduce((s, r) => s + r.tp.csatTop2.n, 0)
  const below = rows.filter((r) => r.below)

  return (
    <ChartFigure
      testId="dashboard-scores"
      title={l.title}
      caption={l.caption(level, n)}
      empty={rows.length === 0}
      summary={
        <p className={below.length ? 'dashboard__flag' : 'muted dashboard__note'}>
          {below.length ? l.belowList(below.map((r) => r.plain).join(', ')) : l.allAbove}
        </p>
      }
      chart={
        <ResponsiveContainer width="100%" height={Math.max(140, rows.length * 40 + 60)}>
          <BarChart data={rows} layout="vertical" margin={{ top: 20, right: 112, bottom: 4, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" horizontal={false} stroke="#d3d9e2" />
            <XAxis
              type="number"
              domain={[0, 100]}
              ticks={[0, 20, 40, 60, 80, 100]}
              tickFormatter={(v: number) => `${v}%`}
              tick={AXIS}
            />
            <YAxis type="category" dataKey="name" width={NAME_AXIS_WIDTH} interval={0} tick={AXIS} tickLine={false} />
            <Tooltip formatter={(v) => `${Math.round(Number(v))}%`} />
            <ReferenceLine
              x={level}
              stroke={BELOW}
              strokeDasharray="5 3"
              label={{ value: `${l.basicLevel} ${level}%`, position: 'top', fontSize: 12, fill: BELOW }}
            />
            <Bar dataKey="top2" name={l.top2} maxBarSize={22} isAnimationActive={false}>
              {rows.map((r) => (
                <Cell key={r.key} fill={r.below ? BELOW : OK} />
              ))}
              <ErrorBar dataKey="error" direction="x" width={6} stroke="#111827" />
              <LabelList dataKey="label" content={<ScoreLabel rows={rows} />} />
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      }
      table={
        <TouchpointTable
          rows={rows}
          name={(r) => `${r.plain}${r.below ? ` (${l.below})` : ''}`}
          columns={[
            { header: l.top2, numeric: true, cell: (r) => interval(r.tp.csatTop2, pct) },
            { header: l.mean, numeric: true, cell: (r) => interval(r.tp.csatMean) },
          ]}
        />
      }
    />
  )
}

/** The share and n right of the whisker's end (a fixed offset from the bar ran into long whiskers). */
function ScoreLabel({
  x,
  y,
  width,
  height,
  index,
  rows,
}: {
  x?: number | string
  y?: number | string
  width?: number | string
  height?: number | string
  index?: number
  rows: { top2: number; error: number[]; label: string }[]
}) {
  const row = rows[index ?? -1]
  if (!row) return null
  const w = Number(width ?? 0)
  // pixels per percentage point, from the bar itself; a 0% bar has none, so fall back to its end
  const end = row.top2 > 0 ? Number(x ?? 0) + (w * (row.top2 + (row.error[1] ?? 0))) / row.top2 : Number(x ?? 0) + w
  return (
    <text x={end + 8} y={Number(y ?? 0) + Number(height ?? 0) / 2} dy={4} fontSize={11} fill="#1f2937">
      {row.label}
    </text>
  )
}

function NpsChart({ nps }: { nps: Dashboard['nps'] }) {
  const { t } = useI18n()
  const l = t.dashboard.nps
  const margin = nps.lower !== null && nps.upper !== null ? ` (${signed(nps.lower)} … ${signed(nps.upper)})` : ''
  const text = `${signed(nps.score)}${margin}, n = ${nps.n}`
  const rows = [{ key: 'nps', promoters: nps.promoters, passives: nps.passives, detractors: nps.detractors }]
  return (
    <ChartFigure
      wide
      testId="dashboard-nps"
      title={l.title}
      caption={l.caption(nps.n)}
      empty={nps.n === 0}
      summary={
        <p className="dashboard__nps" data-testid="nps-score">
          <span className="visually-hidden">{l.score}: </span>
          {text}
        </p>
      }
      chart={
        <ResponsiveContainer width="100%" height={96}>
          <BarChart
            data={rows}
            layout="vertical"
            stackOffset="expand"
            margin={{ top: 4, right: 16, bottom: 4, left: 16 }}
          >
            <XAxis type="number" hide />
            <YAxis type="category" dataKey="key" hide />
            <Legend wrapperStyle={{ fontSize: 13 }} />
            <Bar dataKey="detractors" name={l.detractors} stackId="nps" fill={PAIN} isAnimationActive={false}>
              <LabelList dataKey="detractors" position="center" formatter={hideZero} fill="#fff" fontSize={12} />
            </Bar>
            <Bar dataKey="passives" name={l.passives} stackId="nps" fill={PASSIVE} isAnimationActive={false}>
              <LabelList dataKey="passives" position="center" formatter={hideZero} fill="#111827" fontSize={12} />
            </Bar>
            <Bar dataKey="promoters" name={l.promoters} stackId="nps" fill={GAIN} isAnimationActive={false}>
              <LabelList dataKey="promoters" position="center" formatter={hideZero} fill="#fff" fontSize={12} />
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      }
      table={
        <table className="table table--dense">
          <tbody>
            <tr>
              <th scope="row">{l.promoters}</th>
              <td className="table__num">{nps.promoters}</td>
            </tr>
            <tr>
              <th scope="row">{l.passives}</th>
              <td className="table__num">{nps.passives}</td>
            </tr>
            <tr>
              <th scope="row">{l.detractors}</th>
              <td className="table__num">{nps.detractors}</td>
            </tr>
            <tr>
              <th scope="row">{l.score}</th>
              <td className="table__num">{text}</td>
            </tr>
          </tbody>
        </table>
      }
    />
  )
}
