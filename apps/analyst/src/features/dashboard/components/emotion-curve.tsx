import type { Dashboard } from '@klantreis/shared/dashboard'
import {
  Area,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ReferenceDot,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts'
import { interval, num, signed } from '../../../components/charts/format'
import { AXIS, AXIS_LINE, GRID, INK, MOMENT, MOMENT_BAND, PRIMARY, SECONDARY } from '../../../components/charts/palette'
import { useDashboardI18n } from '../i18n'
import { ChartFigure, TouchpointTable } from './figure'
import { isMomentOfTruth, type Touchpoint } from './touchpoint'

const EXPERIENCED = PRIMARY
const REMEMBERED = SECONDARY

// a t-interval over 2 or 3 moments easily runs past the scale: the band is drawn clipped to −3…+3, the table has the numbers
const clamp = (x: number) => Math.max(-3, Math.min(3, x))
const band = (i: Touchpoint['experienced']): [number, number] | null =>
  i.lower !== null && i.upper !== null ? [clamp(i.lower), clamp(i.upper)] : null

export function EmotionCurve({ data }: { data: Dashboard }) {
  const { t } = useDashboardI18n()
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
          <ComposedChart data={rows} margin={{ top: 28, right: 48, bottom: 8, left: 110 }} accessibilityLayer={false}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} stroke={GRID} />
            <XAxis dataKey="key" interval={0} height={130} tick={<MomentTick rows={byKey} />} />
            <YAxis
              domain={[-3, 3]}
              ticks={[-3, -2, -1, 0, 1, 2, 3]}
              allowDataOverflow
              width={36}
              tick={AXIS}
              tickFormatter={(v: number) => signed(v)}
            />
            <ReferenceLine y={0} stroke={AXIS_LINE} />
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
                stroke={INK}
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
