import type { AnalystEntry } from '@klantreis/shared/diary'
import type { Stage } from '@klantreis/shared/journey'
import { useId, useMemo, useState } from 'react'
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Text, Tooltip, XAxis, YAxis } from 'recharts'
import { AXIS, AXIS_LINE, AXIS_TEXT, GAIN, GRID, PAIN } from '../../../components/charts/palette'
import { useEntriesI18n } from '../i18n'

type Row = { key: string; stage: string; pain: number; gain: number }
type TickProps = { x?: number | string; y?: number | string; payload?: { value?: unknown } }

const Y_AXIS_WIDTH = 44

/** Pain vs gain per stage, in journey order, counted over the entries loaded so far. */
export function ValenceChart({ entries, stages }: { entries: AnalystEntry[]; stages: Stage[] }) {
  const { t } = useEntriesI18n()
  const captionId = useId()

  const rows = useMemo(() => {
    const byStage = new Map<string, Row>(stages.map((s) => [s.id, { key: s.id, stage: s.name, pain: 0, gain: 0 }]))
    const none: Row = { key: 'none', stage: t.chart.noStage, pain: 0, gain: 0 }
    for (const e of entries) {
      if (e.valence !== 'pain' && e.valence !== 'gain') continue
      const row = (e.stageId ? byStage.get(e.stageId) : undefined) ?? none
      row[e.valence] += 1
    }
    return [...byStage.values(), ...(none.pain + none.gain > 0 ? [none] : [])]
  }, [entries, stages, t.chart.noStage])

  const total = rows.reduce((n, r) => n + r.pain + r.gain, 0)
  // stage names wrap within their own band instead of running into each other on narrow screens
  const [chartWidth, setChartWidth] = useState(0)
  const tickWidth = chartWidth > 0 ? Math.max(48, (chartWidth - Y_AXIS_WIDTH) / Math.max(rows.length, 1) - 6) : 120
  const renderTick = ({ x, y, payload }: TickProps) => (
    <Text
      x={Number(x)}
      y={Number(y)}
      width={tickWidth}
      textAnchor="middle"
      verticalAnchor="start"
      fontSize={12}
      fill={AXIS_TEXT}
      maxLines={3}
    >
      {String(payload?.value ?? '')}
    </Text>
  )

  return (
    <figure className="panel chart-panel" aria-labelledby={captionId}>
      <figcaption id={captionId} className="chart-panel__caption">
        <h2 className="chart-panel__title">{t.chart.heading}</h2>
        <p className="muted">{t.chart.caption(entries.length)}</p>
      </figcaption>
      {total === 0 ? (
        <p className="muted">{t.chart.none}</p>
      ) : (
        <>
          <div className="chart-panel__chart" data-testid="valence-chart">
            <ResponsiveContainer width="100%" height={280} onResize={(w) => setChartWidth(w)}>
              <BarChart data={rows} margin={{ top: 8, right: 8, bottom: 8, left: 0 }} barGap={2}>
                <CartesianGrid strokeDasharray="3 3" vertical={false} stroke={GRID} />
                <XAxis
                  dataKey="stage"
                  interval={0}
                  height={52}
                  tick={renderTick}
                  tickLine={false}
                  axisLine={{ stroke: AXIS_LINE }}
                />
                <YAxis width={Y_AXIS_WIDTH} allowDecimals={false} tick={AXIS} tickLine={false} axisLine={false} />
                <Tooltip
                  cursor={{ fill: 'rgb(29 79 124 / 6%)' }}
                  itemSorter={(item) => (item.dataKey === 'pain' ? 0 : 1)}
                />
                <Legend wrapperStyle={{ fontSize: 13 }} itemSorter={null} />
                <Bar
                  dataKey="pain"
                  name={t.chart.pain}
                  fill={PAIN}
                  radius={[3, 3, 0, 0]}
                  maxBarSize={36}
                  isAnimationActive={false}
                />
                <Bar
                  dataKey="gain"
                  name={t.chart.gain}
                  fill={GAIN}
                  radius={[3, 3, 0, 0]}
                  maxBarSize={36}
                  isAnimationActive={false}
                />
              </BarChart>
            </ResponsiveContainer>
          </div>
          <details className="chart-panel__table">
            <summary>{t.chart.showTable}</summary>
            <div className="table-wrap">
              <table className="table table--dense">
                <thead>
                  <tr>
                    <th scope="col">{t.chart.colStage}</th>
                    <th scope="col" className="table__num">
                      {t.chart.pain}
                    </th>
                    <th scope="col" className="table__num">
                      {t.chart.gain}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => (
                    <tr key={r.key}>
                      <th scope="row">{r.stage}</th>
                      <td className="table__num">{r.pain}</td>
                      <td className="table__num">{r.gain}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        </>
      )}
    </figure>
  )
}
