import type { Dashboard } from '@klantreis/shared/dashboard'
import { useDashboardI18n } from '../i18n'
import { TablePanel } from './figure'
import { interval, num, pct, signed } from '../../../components/charts/format'

/** Companion view 3 of the joint display (docs/analysis.md §4.3, §6): impact, prevalence and the what-if per touchpoint. */
export function MomentsTable({ data }: { data: Dashboard }) {
  const { t } = useDashboardI18n()
  const l = t.dashboard.moments
  const e = t.dashboard.emotion
  const rows = data.touchpoints.filter(
    (tp) =>
      tp.momentOfTruth.impact.estimate !== null ||
      tp.momentOfTruth.prevalence.n > 0 ||
      tp.momentOfTruth.designated ||
      tp.momentOfTruth.candidate,
  )
  const markerOf = (id: string) =>
    [
      id === data.peakTouchpointId ? e.peak : null,
      id === data.troughTouchpointId ? e.trough : null,
      id === data.endTouchpointId ? e.end : null,
    ]
      .filter(Boolean)
      .join(', ')

  return (
    <TablePanel
      testId="dashboard-moments"
      title={l.title}
      caption={l.caption(rows.length, data.responses)}
      empty={rows.length === 0}
      footer={<p className="muted dashboard__note">{l.opportunityNote}</p>}
    >
      <table className="table table--dense dashboard-moments" aria-label={l.title}>
        <thead>
          <tr>
            <th scope="col">{t.dashboard.touchpoint}</th>
            <th scope="col" className="table__num" title={l.impactHelp}>
              {l.impact}
            </th>
            <th scope="col" className="table__num">
              {l.prevalence}
            </th>
            <th scope="col" className="table__num">
              {l.opportunity}
            </th>
            <th scope="col">{l.marker}</th>
            <th scope="col">{l.status}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((tp) => {
            const m = tp.momentOfTruth
            const ci =
              m.impact.lower !== null && m.impact.upper !== null
                ? ` (${signed(m.impact.lower)} … ${signed(m.impact.upper)})`
                : ''
            return (
              <tr key={tp.id} className={m.designated || m.candidate ? 'dashboard-moments__hit' : undefined}>
                <th scope="row">
                  <span className="dashboard__stage">{tp.stageName}</span> {tp.name}
                </th>
                <td className="table__num">
                  {signed(m.impact.estimate)}
                  {ci}
                  <div className="muted">{l.impactN(m.impact.nSatisfied, m.impact.nDissatisfied)}</div>
                </td>
                <td className="table__num">{interval(m.prevalence, pct)}</td>
                <td className="table__num">{m.opportunity === null ? '—' : l.points(num(m.opportunity, 1))}</td>
                <td>{markerOf(tp.id)}</td>
                <td>
                  {m.designated ? <span className="badge badge--mot">{l.designated}</span> : null}{' '}
                  {m.candidate ? <span className="badge badge--candidate">{l.candidate}</span> : null}
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </TablePanel>
  )
}
