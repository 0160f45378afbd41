import type { Dashboard } from '@klantreis/shared/dashboard'
import { Bar, BarChart, LabelList, Legend, ResponsiveContainer, XAxis, YAxis } from 'recharts'
import { hideZero, signed } from '../../../components/charts/format'
import { GAIN, INK, WHITE, PAIN, PASSIVE } from '../../../components/charts/palette'
import { useDashboardI18n } from '../i18n'
import { ChartFigure } from './figure'

/** The NPS as one stacked bar of detractors, passives and promoters, with the score and its interval. */
export function NpsChart({ nps }: { nps: Dashboard['nps'] }) {
  const { t } = useDashboardI18n()
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
            accessibilityLayer={false}
            layout="vertical"
            stackOffset="expand"
            margin={{ top: 4, right: 16, bottom: 4, left: 16 }}
          >
            <XAxis type="number" hide />
            <YAxis type="category" dataKey="key" hide />
            <Legend wrapperStyle={{ fontSize: 13 }} />
            <Bar dataKey="detractors" name={l.detractors} stackId="nps" fill={PAIN} isAnimationActive={false}>
              <LabelList dataKey="detractors" position="center" formatter={hideZero} fill={WHITE} fontSize={12} />
            </Bar>
            <Bar dataKey="passives" name={l.passives} stackId="nps" fill={PASSIVE} isAnimationActive={false}>
              <LabelList dataKey="passives" position="center" formatter={hideZero} fill={INK} fontSize={12} />
            </Bar>
            <Bar dataKey="promoters" name={l.promoters} stackId="nps" fill={GAIN} isAnimationActive={false}>
              <LabelList dataKey="promoters" position="center" formatter={hideZero} fill={WHITE} fontSize={12} />
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
