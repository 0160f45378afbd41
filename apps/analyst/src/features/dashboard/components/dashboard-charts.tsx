import type { Dashboard } from '@klantreis/shared/dashboard'
import { type ReactNode, useId } from 'react'
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
const AXIS = { fontSize: 12, fill: '#4a5568' }
const NAME_AXIS_WIDTH = 150

type Touchpoint = Dashboard['touchpoints'][number]

const pct = (x: number | null) => (x === null ? '—' : `${Math.round(x * 100)}%`)
const num = (x: number | null, digits = 1) => (x === null ? '—' : x.toFixed(digits).replace('-', '−'))
const signed = (x: number | null) => (x === null ? '—' : `${x > 0 ? '+' : x < 0 ? '−' : ''}${Math.abs(Math.round(x))}`)
const hideZero = (v: unknown) => (typeof v === 'number' && v !== 0 ? String(Math.abs(v)) : '')

export function DashboardCharts({ data }: { data: Dashboard }) {
  return (
    <div className="dashboard__grid">
      <PainGainChart touchpoints={data.touchpoints} />
      <EmotionCurve data={data} />
      <ScoresChart touchpoints={data.touchpoints} basicLevel={data.basicLevel} />
      <NpsChart nps={data.nps} />
    </div>
  )
}

/** A figure with its caption (title + n), the chart or "No data yet", and its data as a table for screen readers and the curious. */
function ChartFigure({ testId, title, caption, empty, chart, table, summary }: { testId: string; title: string; caption: string; empty: boolean; chart: ReactNode; table: ReactNode; summary?: ReactNode }) {
  const { t } = useI18n()
  const captionId = useId()
  return (
    <figure className="panel chart-panel" aria-labelledby={captionId} data-testid={testId}>
      <figcaption id={captionId} className="chart-panel__caption">
        <h3 className="chart-panel__title">{title}</h3>
        <p className="muted">{caption}</p>
      </figcaption>
      {empty ? (
        <p className="dashboard__empty muted">{t.dashboard.noData}</p>
      ) : (
        <>
          <div className="chart-panel__chart" aria-hidden="true">
            {chart}
          </div>
          {summary}
          <details className="chart-panel__table">
            <summary>{t.dashboard.showTable}</summary>
            <div className="table-wrap">{table}</div>
          </details>
        </>
      )}
    </figure>
  )
}

function PainGainChart({ touchpoints }: { touchpoints: Touchpoint[] }) {
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
  const max = Math.max(1, ...rows.flatMap((r) => [-r.codedPain, r.codedGain, -r.diaryPain, r.diaryGain]))

  return (
    <ChartFigure
      testId="dashboard-pain-gain"
      title={l.title}
      caption={l.caption(codedN, diaryN)}
      empty={marked === 0}
      chart={
        <ResponsiveContainer width="100%" height={Math.max(160, rows.length * 52 + 60)}>
          <BarChart data={rows} layout="vertical" stackOffset="sign" margin={{ top: 4, right: 24, bottom: 4, left: 8 }} barGap={1} barCategoryGap="18%">
            <CartesianGrid strokeDasharray="3 3" horizontal={false} stroke="#d3d9e2" />
            <XAxis type="number" domain={[-max, max]} allowDecimals={false} tickFormatter={(v: number) => String(Math.abs(v))} tick={AXIS} />
            <YAxis type="category" dataKey="name" width={NAME_AXIS_WIDTH} interval={0} tick={AXIS} tickLine={false} />
            <ReferenceLine x={0} stroke="#4a5568" />
            <Tooltip formatter={(v) => Math.abs(Number(v))} cursor={{ fill: 'rgb(29 79 124 / 6%)' }} />
            <Legend wrapperStyle={{ fontSize: 13 }} />
            <Bar dataKey="codedPain" name={l.codedPain} stackId="coded" fill={PAIN} isAnimationActive={false}>
              <LabelList dataKey="codedPain" position="left" formatter={hideZero} fontSize={11} fill="#1f2937" />
            </Bar>
            <Bar dataKey="codedGain" name={l.codedGain} stackId="coded" fill={GAIN} isAnimationActive={false}>
              <LabelList dataKey="codedGain" position="right" formatter={hideZero} fontSize={11} fill="#1f2937" />
            </Bar>
            <Bar dataKey="diaryPain" name={l.diaryPain} stackId="diary" fill={PAIN_LIGHT} isAnimationActive={false}>
              <LabelList dataKey="diaryPain" position="left" formatter={hideZero} fontSize={11} fill="#1f2937" />
            </Bar>
            <Bar dataKey="diaryGain" name={l.diaryGain} stackId="diary" fill={GAIN_LIGHT} isAnimationActive={false}>
              <LabelList dataKey="diaryGain" position="right" formatter={hideZero} fontSize={11} fill="#1f2937" />
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      }
      table={
        <table className="table table--dense">
          <thead>
            <tr>
              <th scope="col">{t.dashboard.touchpoint}</th>
              <th scope="col" className="table__num">{l.codedPain}</th>
              <th scope="col" className="table__num">{l.codedGain}</th>
              <th scope="col" className="table__num">{l.diaryPain}</th>
              <th scope="col" className="table__num">{l.diaryGain}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key}>
                <th scope="row">{r.name}</th>
                <td className="table__num">{r.coded.pain}</td>
                <td className="table__num">{r.coded.gain}</td>
                <td className="table__num">{r.diary.pain}</td>
                <td className="table__num">{r.diary.gain}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  )
}

// a t-interval over 2 or 3 moments easily runs past the scale: the band is drawn clipped to −3…+3, the table has the numbers
const clamp = (x: number) => Math.max(-3, Math.min(3, x))
const band = (i: Touchpoint['experienced']): [number, number] | null => (i.lower !== null && i.upper !== null ? [clamp(i.lower), clamp(i.upper)] : null)

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
    tp,
  }))
  const expN = rows.reduce((s, r) => s + r.tp.experienced.n, 0)
  const remN = rows.reduce((s, r) => s + r.tp.remembered.n, 0)
  const hasAny = rows.some((r) => r.experienced !== null || r.remembered !== null)
  const peak = rows.find((r) => r.key === data.peakTouchpointId)
  const end = rows.find((r) => r.key === data.endTouchpointId)
  const nameOf = new Map(rows.map((r) => [r.key, r.name]))

  return (
    <ChartFigure
      testId="dashboard-emotion"
      title={l.title}
      caption={l.caption(expN, remN)}
      empty={!hasAny}
      summary={<p className="muted dashboard__note">{l.peakEnd(peak?.name ?? null, end?.name ?? null)}</p>}
      chart={
        <ResponsiveContainer width="100%" height={380}>
          <ComposedChart data={rows} margin={{ top: 24, right: 32, bottom: 8, left: 72 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#d3d9e2" />
            <XAxis dataKey="key" interval={0} height={110} tickFormatter={(k: string) => nameOf.get(k) ?? ''} tick={{ ...AXIS, fontSize: 11 }} angle={-40} textAnchor="end" />
            <YAxis domain={[-3, 3]} ticks={[-3, -2, -1, 0, 1, 2, 3]} allowDataOverflow width={36} tick={AXIS} tickFormatter={(v: number) => signed(v)} />
            <ReferenceLine y={0} stroke="#8a96a8" />
            <Tooltip labelFormatter={(k) => nameOf.get(String(k)) ?? ''} formatter={(v) => (Array.isArray(v) ? v.map((x) => num(Number(x))).join(' … ') : num(Number(v)))} />
            <Legend wrapperStyle={{ fontSize: 13 }} />
            <Area dataKey="experiencedBand" name={l.experiencedBand} stroke="none" fill={EXPERIENCED} fillOpacity={0.15} connectNulls isAnimationActive={false} legendType="none" />
            <Area dataKey="rememberedBand" name={l.rememberedBand} stroke="none" fill={REMEMBERED} fillOpacity={0.15} connectNulls isAnimationActive={false} legendType="none" />
            <Line dataKey="experienced" name={l.experienced} stroke={EXPERIENCED} strokeWidth={2} dot={{ r: 4 }} connectNulls isAnimationActive={false} />
            <Line dataKey="remembered" name={l.remembered} stroke={REMEMBERED} strokeWidth={2} strokeDasharray="6 3" dot={{ r: 4 }} connectNulls isAnimationActive={false} />
            {peak && peak.experienced !== null ? (
              <ReferenceDot x={peak.key} y={peak.experienced} r={8} fill="none" stroke="#111827" strokeWidth={2} label={{ value: l.peak, position: 'top', fontSize: 12, fontWeight: 600 }} />
            ) : null}
            {end && end.experienced !== null ? (
              <ReferenceDot
                x={end.key}
                y={end.experienced}
                r={8}
                fill="none"
                stroke="#111827"
                strokeWidth={2}
                strokeDasharray="3 2"
                label={{ value: end.key === peak?.key ? `${l.peak} · ${l.end}` : l.end, position: end.key === peak?.key ? 'top' : 'bottom', fontSize: 12, fontWeight: 600 }}
              />
            ) : null}
          </ComposedChart>
        </ResponsiveContainer>
      }
      table={
        <table className="table table--dense">
          <thead>
            <tr>
              <th scope="col">{t.dashboard.touchpoint}</th>
              <th scope="col" className="table__num">{l.experienced}</th>
              <th scope="col" className="table__num">{l.remembered}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key}>
                <th scope="row">
                  {r.name}
                  {r.key === data.peakTouchpointId ? ` (${l.peak})` : ''}
                  {r.key === data.endTouchpointId ? ` (${l.end})` : ''}
                </th>
                <td className="table__num">{interval(r.tp.experienced)}</td>
                <td className="table__num">{interval(r.tp.remembered)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  )
}

function interval(i: Touchpoint['experienced'], fmt: (x: number | null) => string = num) {
  if (i.estimate === null) return `— (n = ${i.n})`
  const ci = i.lower !== null && i.upper !== null ? ` (${fmt(i.lower)} … ${fmt(i.upper)})` : ''
  return `${fmt(i.estimate)}${ci}, n = ${i.n}`
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
        error: [est - (tp.csatTop2.lower ?? tp.csatTop2.estimate!) * 100, (tp.csatTop2.upper ?? tp.csatTop2.estimate!) * 100 - est],
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
        <p className={below.length ? 'dashboard__flag' : 'muted dashboard__note'}>{below.length ? l.belowList(below.map((r) => r.plain).join(', ')) : l.allAbove}</p>
      }
      chart={
        <ResponsiveContainer width="100%" height={Math.max(140, rows.length * 40 + 60)}>
          <BarChart data={rows} layout="vertical" margin={{ top: 20, right: 96, bottom: 4, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" horizontal={false} stroke="#d3d9e2" />
            <XAxis type="number" domain={[0, 100]} ticks={[0, 20, 40, 60, 80, 100]} tickFormatter={(v: number) => `${v}%`} tick={AXIS} />
            <YAxis type="category" dataKey="name" width={NAME_AXIS_WIDTH} interval={0} tick={AXIS} tickLine={false} />
            <Tooltip formatter={(v) => `${Math.round(Number(v))}%`} />
            <ReferenceLine x={level} stroke={BELOW} strokeDasharray="5 3" label={{ value: `${l.basicLevel} ${level}%`, position: 'top', fontSize: 12, fill: BELOW }} />
            <Bar dataKey="top2" name={l.top2} maxBarSize={22} isAnimationActive={false}>
              {rows.map((r) => (
                <Cell key={r.key} fill={r.below ? BELOW : OK} />
              ))}
              <ErrorBar dataKey="error" direction="x" width={6} stroke="#111827" />
              <LabelList dataKey="label" position="right" offset={28} fontSize={11} fill="#1f2937" />
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      }
      table={
        <table className="table table--dense">
          <thead>
            <tr>
              <th scope="col">{t.dashboard.touchpoint}</th>
              <th scope="col" className="table__num">{l.top2}</th>
              <th scope="col" className="table__num">{l.mean}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key}>
                <th scope="row">
                  {r.plain}
                  {r.below ? ` (${l.below})` : ''}
                </th>
                <td className="table__num">{interval(r.tp.csatTop2, pct)}</td>
                <td className="table__num">{interval(r.tp.csatMean)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
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
          <BarChart data={rows} layout="vertical" stackOffset="expand" margin={{ top: 4, right: 16, bottom: 4, left: 16 }}>
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
