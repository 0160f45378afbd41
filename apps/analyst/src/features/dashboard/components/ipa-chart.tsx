import type { Dashboard } from '@klantreis/shared/dashboard'
import {
  CartesianGrid,
  Cell,
  ErrorBar,
  LabelList,
  ReferenceArea,
  ReferenceLine,
  ResponsiveContainer,
  Scatter,
  ScatterChart,
  Tooltip,
  XAxis,
  YAxis,
  ZAxis,
} from 'recharts'
import {
  AXIS,
  AXIS_TEXT,
  AXIS_TITLE,
  GAIN,
  GRID_LIGHT,
  LABEL,
  PAIN,
  PRIMARY,
  SECONDARY,
  UNCLASSIFIED,
  WHITE,
} from '../../../components/charts/palette'
import { useDashboardI18n } from '../i18n'
import { ChartFigure, TouchpointTable } from './figure'
import { interval, num, pct } from '../../../components/charts/format'
import type { Touchpoint } from './touchpoint'

type Quadrant = NonNullable<Touchpoint['quadrant']>

const COLOUR: Record<Quadrant, string> = {
  concentrate: PAIN,
  keep: GAIN,
  low: PRIMARY,
  overkill: SECONDARY,
  unclassified: UNCLASSIFIED,
}
const QUADRANTS: Quadrant[] = ['concentrate', 'keep', 'low', 'overkill', 'unclassified']

// ticks on round steps; the rounding keeps 0.30000000000000004 off the axis
const range = (from: number, to: number, step: number) => {
  const out: number[] = []
  for (let v = from; v <= to + step / 1000; v += step) out.push(Math.round(v * 100) / 100)
  return out
}

/** The touchpoint's name right of its bubble, with a white halo so it stays readable over whiskers and crosshairs. */
function PointLabel({
  x,
  y,
  width,
  value,
}: {
  x?: number | string
  y?: number | string
  width?: number | string
  value?: unknown
}) {
  if (typeof value !== 'string') return null
  const r = Number(width ?? 0) / 2
  return (
    <text
      x={Number(x ?? 0) + r * 2 + 6}
      y={Number(y ?? 0) + r}
      dy={4}
      fontSize={11}
      fill={LABEL}
      stroke={WHITE}
      strokeWidth={3}
      paintOrder="stroke"
      strokeLinejoin="round"
    >
      {value}
    </text>
  )
}

const rhoText = (i: Touchpoint['importance']) => {
  if (i.rho === null) return `— (n = ${i.n})`
  const ci = i.lower !== null && i.upper !== null ? ` (${num(i.lower, 2)} … ${num(i.upper, 2)})` : ''
  return `${num(i.rho, 2)}${ci}, n = ${i.n}`
}

/** Martilla & James with derived importance (docs/analysis.md §4.4), whiskers on both axes so a point that could sit in two quadrants shows it. */
export function IpaChart({ data }: { data: Dashboard }) {
  const { t } = useDashboardI18n()
  const l = t.dashboard.ipa
  const rows = data.touchpoints
    .filter((tp) => tp.csatTop2.estimate !== null && tp.importance.rho !== null)
    .map((tp) => {
      const x = tp.csatTop2.estimate! * 100
      const y = tp.importance.rho!
      return {
        key: tp.id,
        name: tp.name,
        x,
        y,
        z: tp.painGain.painParticipants,
        errX: [
          x - (tp.csatTop2.lower ?? tp.csatTop2.estimate!) * 100,
          (tp.csatTop2.upper ?? tp.csatTop2.estimate!) * 100 - x,
        ],
        errY: [y - (tp.importance.lower ?? y), (tp.importance.upper ?? y) - y],
        quadrant: (tp.quadrant ?? 'unclassified') as Quadrant,
        tp,
      }
    })
  const ns = rows.map((r) => r.tp.importance.n)
  const crossX = data.ipa.performance === null ? null : data.ipa.performance * 100
  const crossY = data.ipa.importance

  // zoomed to the whiskers and the crosshairs, on tidy ticks: a full 0…100 × −1…1 grid would squash the points into a corner
  const lows = rows.map((r) => r.x - r.errX[0]!)
  const highs = rows.map((r) => r.x + r.errX[1]!)
  const xMin = Math.max(0, Math.floor(Math.min(...lows, crossX ?? 100) / 10) * 10)
  const xMax = Math.min(100, Math.ceil(Math.max(...highs, crossX ?? 0) / 10) * 10)
  const yLows = rows.map((r) => r.y - r.errY[0]!)
  const yHighs = rows.map((r) => r.y + r.errY[1]!)
  const yMin = Math.max(-1, Math.floor(Math.min(...yLows, crossY ?? 1) * 10) / 10)
  const yMax = Math.min(1, Math.ceil(Math.max(...yHighs, crossY ?? -1) * 10) / 10)
  const present = new Set(rows.map((r) => r.quadrant))

  return (
    <ChartFigure
      wide
      testId="dashboard-ipa"
      title={l.title}
      caption={l.caption(rows.length, ns.length ? Math.min(...ns) : 0, ns.length ? Math.max(...ns) : 0)}
      empty={rows.length === 0}
      summary={
        <>
          <ul className="ipa-legend" aria-label={l.quadrant}>
            {QUADRANTS.map((q) => (
              <li key={q} className={present.has(q) ? undefined : 'muted'}>
                <span className="ipa-legend__dot" style={{ backgroundColor: COLOUR[q] }} aria-hidden="true" />
                {q === 'unclassified' ? l.unclassifiedLegend : l.quadrants[q]}
              </li>
            ))}
            <li>
              <span className="ipa-legend__size" aria-hidden="true" />
              {l.bubble}
            </li>
          </ul>
          <p className="muted dashboard__note">{l.note}</p>
        </>
      }
      chart={
        <ResponsiveContainer width="100%" height={520}>
          <ScatterChart margin={{ top: 16, right: 40, bottom: 28, left: 12 }} accessibilityLayer={false}>
            <CartesianGrid strokeDasharray="3 3" stroke={GRID_LIGHT} />
            <XAxis
              type="number"
              dataKey="x"
              name={l.performance}
              domain={[xMin, xMax]}
              ticks={range(xMin, xMax, 10)}
              allowDataOverflow
              tickFormatter={(v: number) => `${v}%`}
              tick={AXIS}
              label={{ value: l.performance, position: 'insideBottom', offset: -16, fontSize: 12, fill: AXIS_TITLE }}
            />
            <YAxis
              type="number"
              dataKey="y"
              name={l.importance}
              domain={[yMin, yMax]}
              ticks={range(yMin, yMax, yMax - yMin > 1 ? 0.2 : 0.1)}
              allowDataOverflow
              tickFormatter={(v: number) => num(v, 1)}
              tick={AXIS}
              width={52}
              label={{
                value: l.importance,
                angle: -90,
                position: 'insideLeft',
                offset: 4,
                fontSize: 12,
                fill: AXIS_TITLE,
                style: { textAnchor: 'middle' },
              }}
            />
            <ZAxis type="number" dataKey="z" range={[60, 900]} domain={[0, Math.max(1, ...rows.map((r) => r.z))]} />
            {crossX !== null && crossY !== null ? (
              <>
                <ReferenceArea
                  x1={xMin}
                  x2={crossX}
                  y1={crossY}
                  y2={yMax}
                  fill={COLOUR.concentrate}
                  fillOpacity={0.05}
                  stroke="none"
                  label={{
                    value: l.quadrants.concentrate,
                    position: 'insideTopLeft',
                    fontSize: 12,
                    fontWeight: 600,
                    fill: COLOUR.concentrate,
                  }}
                />
                <ReferenceArea
                  x1={crossX}
                  x2={xMax}
                  y1={crossY}
                  y2={yMax}
                  fill={COLOUR.keep}
                  fillOpacity={0.05}
                  stroke="none"
                  label={{
                    value: l.quadrants.keep,
                    position: 'insideTopRight',
                    fontSize: 12,
                    fontWeight: 600,
                    fill: COLOUR.keep,
                  }}
                />
                <ReferenceArea
                  x1={xMin}
                  x2={crossX}
                  y1={yMin}
                  y2={crossY}
                  fill={COLOUR.low}
                  fillOpacity={0.04}
                  stroke="none"
                  label={{
                    value: l.quadrants.low,
                    position: 'insideBottomLeft',
                    fontSize: 12,
                    fontWeight: 600,
                    fill: COLOUR.low,
                  }}
                />
                <ReferenceArea
                  x1={crossX}
                  x2={xMax}
                  y1={yMin}
                  y2={crossY}
                  fill={COLOUR.overkill}
                  fillOpacity={0.04}
                  stroke="none"
                  label={{
                    value: l.quadrants.overkill,
                    position: 'insideBottomRight',
                    fontSize: 12,
                    fontWeight: 600,
                    fill: COLOUR.overkill,
                  }}
                />
                <ReferenceLine x={crossX} stroke={AXIS_TEXT} strokeDasharray="5 3" />
                <ReferenceLine y={crossY} stroke={AXIS_TEXT} strokeDasharray="5 3" />
              </>
            ) : null}
            <Tooltip cursor={{ strokeDasharray: '3 3' }} content={<IpaTooltip />} />
            <Scatter data={rows} isAnimationActive={false} fillOpacity={0.75}>
              {rows.map((r) => (
                <Cell key={r.key} fill={COLOUR[r.quadrant]} stroke={COLOUR[r.quadrant]} />
              ))}
              <ErrorBar dataKey="errX" direction="x" width={4} stroke={AXIS_TITLE} strokeWidth={1} />
              <ErrorBar dataKey="errY" direction="y" width={4} stroke={AXIS_TITLE} strokeWidth={1} />
              <LabelList dataKey="name" content={<PointLabel />} />
            </Scatter>
          </ScatterChart>
        </ResponsiveContainer>
      }
      table={
        <TouchpointTable
          rows={rows}
          name={(r) => r.name}
          columns={[
            { header: l.performance, numeric: true, cell: (r) => interval(r.tp.csatTop2, pct) },
            { header: l.importance, numeric: true, cell: (r) => rhoText(r.tp.importance) },
            { header: l.painParticipants, numeric: true, cell: (r) => r.z },
            { header: l.quadrant, cell: (r) => l.quadrants[r.quadrant] },
          ]}
        />
      }
    />
  )
}

function IpaTooltip({
  active,
  payload,
}: {
  active?: boolean
  payload?: { payload?: { name: string; quadrant: Quadrant; z: number; tp: Touchpoint } }[]
}) {
  const { t } = useDashboardI18n()
  const l = t.dashboard.ipa
  const row = active ? payload?.[0]?.payload : undefined
  if (!row) return null
  return (
    <div className="chart-tooltip">
      <strong>{row.name}</strong>
      <div>
        {l.performance}: {interval(row.tp.csatTop2, pct)}
      </div>
      <div>
        {l.importance}: {rhoText(row.tp.importance)}
      </div>
      <div>
        {l.painParticipants}: {row.z}
      </div>
      <div>{l.quadrants[row.quadrant]}</div>
    </div>
  )
}
