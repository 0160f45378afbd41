import type { Finding, FindingVerification } from '@klantreis/shared/findings'
import type { JourneyModel } from '@klantreis/shared/journey'
import { useFindingsI18n } from '../i18n'
import type { QuestionChoice } from '../api/findings'
import { FindingRow, type Row } from './finding-row'

export const VERDICT_ORDER = ['supported', 'contradicted', 'inconclusive', 'silence'] as const

/** The joint display: the findings grouped by touchpoint in journey order, or by verdict. */
export function FindingsTable(props: {
  studyId: string
  findings: Finding[]
  verdictOf: Map<string, FindingVerification>
  model: JourneyModel
  questions: QuestionChoice[]
  filter: string
  sort: 'journey' | 'verdict'
  canEdit: boolean
  onEdit: (f: Finding) => void
  onDelete: (f: Finding) => void
}) {
  const { t } = useFindingsI18n()
  const { model } = props
  // journey order: stage position, then touchpoint position
  const stagePos = new Map(model.stages.map((s) => [s.id, s.position]))
  const order = [...model.touchpoints].sort(
    (a, b) => (stagePos.get(a.stageId) ?? 0) - (stagePos.get(b.stageId) ?? 0) || a.position - b.position,
  )
  const rank = new Map(order.map((tp, i) => [tp.id, i]))
  const tpName = new Map(model.touchpoints.map((tp) => [tp.id, tp.name]))
  const stageName = new Map(model.stages.map((s) => [s.id, s.name]))
  const stageOf = new Map(model.touchpoints.map((tp) => [tp.id, tp.stageId]))

  const rows: Row[] = props.findings
    .map((f) => {
      const first = [...f.touchpointIds].sort((a, b) => (rank.get(a) ?? 1e9) - (rank.get(b) ?? 1e9))[0] ?? null
      return { finding: f, touchpointId: first, verification: props.verdictOf.get(f.id) }
    })
    .filter((r) => !props.filter || (r.verification?.status ?? 'silence') === props.filter)
  const verdictRank = (r: Row) => VERDICT_ORDER.indexOf(r.verification?.status ?? 'silence')
  rows.sort((a, b) =>
    props.sort === 'verdict'
      ? verdictRank(a) - verdictRank(b) ||
        (rank.get(a.touchpointId ?? '') ?? 1e9) - (rank.get(b.touchpointId ?? '') ?? 1e9)
      : (rank.get(a.touchpointId ?? '') ?? 1e9) - (rank.get(b.touchpointId ?? '') ?? 1e9) ||
        a.finding.createdAt.localeCompare(b.finding.createdAt),
  )
  const groups: { key: string; label: string; rows: Row[] }[] = []
  for (const r of rows) {
    const key = props.sort === 'verdict' ? (r.verification?.status ?? 'silence') : (r.touchpointId ?? '')
    const label =
      props.sort === 'verdict'
        ? t.verdicts[key]!
        : r.touchpointId
          ? `${stageName.get(stageOf.get(r.touchpointId) ?? '') ?? ''} · ${tpName.get(r.touchpointId) ?? ''}`
          : t.findings.noTouchpoint
    const last = groups[groups.length - 1]
    if (last && last.key === key) last.rows.push(r)
    else groups.push({ key, label, rows: [r] })
  }

  return (
    <div className="table-wrap joint-display-wrap">
      <table className="table joint-display" aria-label={t.findings.tableLabel}>
        <thead>
          <tr>
            <th scope="col">{t.findings.colTouchpoint}</th>
            <th scope="col">{t.findings.colFinding}</th>
            <th scope="col">{t.findings.colQual}</th>
            <th scope="col">{t.findings.colOperationalization}</th>
            <th scope="col">{t.findings.colResult}</th>
            <th scope="col">{t.findings.colStats}</th>
            <th scope="col">{t.findings.colVerdict}</th>
            <th scope="col">{t.findings.colMeta}</th>
            {props.canEdit ? <th scope="col">{t.findings.colActions}</th> : null}
          </tr>
        </thead>
        {groups.map((g) => (
          <tbody key={g.key}>
            <tr className="joint-display__group">
              <th scope="rowgroup" colSpan={props.canEdit ? 9 : 8}>
                {g.label}
              </th>
            </tr>
            {g.rows.map((r) => (
              <FindingRow key={r.finding.id} row={r} {...props} tpName={tpName} />
            ))}
          </tbody>
        ))}
      </table>
    </div>
  )
}
