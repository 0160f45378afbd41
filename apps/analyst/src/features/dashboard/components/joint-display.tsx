import type { Dashboard } from '@klantreis/shared/dashboard'
import type { Finding, Verdict } from '@klantreis/shared/findings'
import { useDashboardI18n } from '../i18n'
import { useFindings, useVerification } from '../../findings'
import type { QuotesSelection } from '../api/dashboard'
import { CodeChip, Quote, TablePanel } from './figure'
import { type Interval, num, pct } from '../../../components/charts/format'

/**
 * The side-by-side joint display of docs/analysis.md §6, one row per touchpoint: what the participants said
 * next to what the survey measured, and what the findings about it came to.
 */
export function JointDisplay({
  data,
  studyId,
  onOpenQuotes,
}: {
  data: Dashboard
  studyId: string
  onOpenQuotes: (sel: QuotesSelection) => void
}) {
  const { t } = useDashboardI18n()
  const l = t.dashboard.joint
  const findings = useFindings(studyId)
  // the Findings tab's default adjustment, so both tabs show the same verdict
  const verification = useVerification(studyId, 'bh')
  const verdictOf = new Map((verification.data?.items ?? []).map((v) => [v.findingId, v.status]))
  const findingsAt = (tpId: string): Finding[] =>
    (findings.data?.items ?? []).filter(
      (f) => f.touchpointIds.includes(tpId) || f.operationalizations.some((o) => o.touchpointId === tpId),
    )
  const stages: { id: string; name: string; touchpoints: Dashboard['touchpoints'] }[] = []
  for (const tp of data.touchpoints) {
    const last = stages[stages.length - 1]
    if (last && last.id === tp.stageId) last.touchpoints.push(tp)
    else stages.push({ id: tp.stageId, name: tp.stageName, touchpoints: [tp] })
  }
  const count = (tp: Dashboard['touchpoints'][number], valence: 'pain' | 'gain') => {
    const n = tp.painGain.coded[valence]
    const label = valence === 'pain' ? l.pains(n) : l.gains(n)
    return n === 0 ? (
      <span className="muted">{label}</span>
    ) : (
      <button
        type="button"
        className={`badge badge--${valence} dashboard__quotes-button`}
        aria-label={t.dashboard.quotes.open(n, valence, tp.name)}
        onClick={() => onOpenQuotes({ touchpointId: tp.id, touchpointName: tp.name, valence })}
      >
        {label}
      </button>
    )
  }

  return (
    <TablePanel
      testId="dashboard-joint"
      title={l.title}
      caption={l.caption(data.touchpoints.length, findings.data?.items.length ?? 0)}
      empty={data.touchpoints.length === 0}
    >
      <table className="table joint-display dashboard-joint" aria-label={l.title}>
        <thead>
          <tr>
            <th scope="col">{t.dashboard.touchpoint}</th>
            <th scope="col">{l.painGain}</th>
            <th scope="col">{l.topCodes}</th>
            <th scope="col">{l.quotes}</th>
            <th scope="col" className="table__num">
              {l.csatTop2}
            </th>
            <th scope="col" className="table__num">
              {l.csatMean}
            </th>
            <th scope="col" className="table__num">
              {l.remembered}
            </th>
            <th scope="col">{l.findings}</th>
          </tr>
        </thead>
        {stages.map((s) => (
          <tbody key={s.id}>
            <tr className="joint-display__group">
              <th scope="rowgroup" colSpan={8}>
                {s.name}
              </th>
            </tr>
            {s.touchpoints.map((tp) => {
              const about = findingsAt(tp.id)
              return (
                <tr key={tp.id} data-touchpoint={tp.id}>
                  <th scope="row">{tp.name}</th>
                  <td>
                    <div className="dashboard-joint__counts">
                      {count(tp, 'pain')}
                      {count(tp, 'gain')}
                    </div>
                  </td>
                  <td>
                    <div className="dashboard-joint__codes">
                      {tp.topCodes.map((c) => (
                        <CodeChip key={c.id} name={c.name} colour={c.colour} n={c.n} />
                      ))}
                    </div>
                  </td>
                  <td className="dashboard-joint__quotes">
                    {tp.quotes.length === 0 ? <span className="muted">{l.noQuotes}</span> : null}
                    {tp.quotes.slice(0, 2).map((q) => (
                      <Quote key={q.codingId} quote={q.quote} participant={q.participant} anonymous={l.anonymous} />
                    ))}
                  </td>
                  <td className="table__num">
                    <Estimate i={tp.csatTop2} fmt={pct} />
                  </td>
                  <td className="table__num">
                    <Estimate i={tp.csatMean} fmt={num} />
                  </td>
                  <td className="table__num">
                    <Estimate i={tp.remembered} fmt={num} />
                  </td>
                  <td>
                    {about.length === 0 ? <span className="muted">{l.noFindings}</span> : null}
                    {about.map((f) => {
                      const status: Verdict = verdictOf.get(f.id) ?? 'silence'
                      return (
                        <div key={f.id} className="dashboard-joint__finding">
                          {verification.isSuccess ? (
                            <span className={`verdict verdict--${status}`} data-verdict={status}>
                              {t.verdicts[status]}
                            </span>
                          ) : (
                            <span className="muted">…</span>
                          )}{' '}
                          {f.statement}
                        </div>
                      )
                    })}
                  </td>
                </tr>
              )
            })}
          </tbody>
        ))}
      </table>
    </TablePanel>
  )
}

/** An estimate over its interval and n, stacked so a narrow column does not break them mid-way. */
function Estimate({ i, fmt }: { i: Interval; fmt: (x: number | null) => string }) {
  return (
    <>
      <div className="dashboard-joint__estimate">{fmt(i.estimate)}</div>
      {i.lower !== null && i.upper !== null ? (
        <div className="muted dashboard-joint__ci">
          {fmt(i.lower)} … {fmt(i.upper)}
        </div>
      ) : null}
      <div className="muted dashboard-joint__ci">n = {i.n}</div>
    </>
  )
}
