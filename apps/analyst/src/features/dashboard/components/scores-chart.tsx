import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  ErrorBar,
  LabelList,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts'
import { interval, pct } from '../../../components/charts/format'
import { AXIS, BELOW, GRID, INK, LABEL, PRIMARY } from '../../../components/charts/palette'
import { useDashboardI18n } from '../i18n'
import { ChartFigure, NAME_AXIS_WIDTH, TouchpointTable } from './figure'
import type { Touchpoint } from './touchpoint'

const OK = PRIMARY

/** The CSAT top-2-box share per touchpoint with its interval, against the study's basic level. */
export function ScoresChart({ touchpoints, basicLevel }: { touchpoints: Touchpoint[]; basicLevel: number }) {
  const { t } = useDashboardI18n()
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
          <BarChart
            data={rows}
            layout="vertical"
            margin={{ top: 20, right: 112, bottom: 4, left: 8 }}
            accessibilityLayer={false}
          >
            <CartesianGrid strokeDasharray="3 3" horizontal={false} stroke={GRID} />
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
              <ErrorBar dataKey="error" direction="x" width={6} stroke={INK} />
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
    <text x={end + 8} y={Number(y ?? 0) + Number(height ?? 0) / 2} dy={4} fontSize={11} fill={LABEL}>
      {row.label}
    </text>
  )
}
