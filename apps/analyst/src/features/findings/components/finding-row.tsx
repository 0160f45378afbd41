import type { Finding, FindingVerification, Operationalization } from '@klantreis/shared/findings'
import type { JourneyModel } from '@klantreis/shared/journey'
import { useState } from 'react'
import { useFindingsI18n } from '../i18n'
import { type QuestionChoice, useAddFindingQuestion } from '../api/findings'
import { AddQuestion } from './add-question'
import { describeClaim } from './describe-claim'
import { formatDelta, formatNumber, formatP } from '../../../components/charts/format'
import { MetaInference } from './meta-inference'
import { ResultCell } from './result-cell'

/** A finding with the touchpoint it is grouped under (its first in journey order) and its verification. */
export type Row = { finding: Finding; touchpointId: string | null; verification: FindingVerification | undefined }

/** One finding across the joint display's columns: both strands, the test, the verdict and the meta-inference. */
export function FindingRow({
  row,
  studyId,
  model,
  questions,
  canEdit,
  onEdit,
  onDelete,
  tpName,
}: {
  row: Row
  studyId: string
  model: JourneyModel
  questions: QuestionChoice[]
  canEdit: boolean
  onEdit: (f: Finding) => void
  onDelete: (f: Finding) => void
  tpName: Map<string, string>
}) {
  const { t, lang } = useFindingsI18n()
  const { finding: f, verification: v } = row
  const [allQuotes, setAllQuotes] = useState(false)
  const participants = new Set(f.evidence.map((e) => e.participant).filter(Boolean)).size
  const quotes = allQuotes ? f.evidence : f.evidence.slice(0, 2)
  const ops = [...f.operationalizations].sort((a, b) => Number(b.primary) - Number(a.primary))
  const resultOf = new Map((v?.results ?? []).map((r) => [r.operationalizationId, r]))
  const status = v?.status ?? 'silence'
  const primaryResult = ops[0] ? resultOf.get(ops[0].id) : undefined
  const personaName = new Map(model.personas.map((p) => [p.id, p.name]))

  const claimText = (o: Operationalization) => describeClaim(o.claim, o, t, lang, tpName, personaName)
  const questionOf = (o: Operationalization) =>
    questions.find((q) => q.surveyId === o.surveyId && q.id === o.questionId)
  const questionText = (o: Operationalization) => questionOf(o)?.text ?? t.findings.unknownQuestion(o.questionId)
  // silent because nothing measures it: offer a question, unless one already waits in a draft
  const canAddQuestion = canEdit && status === 'silence' && !ops.some((o) => questionOf(o))
  const [added, setAdded] = useState<string | null>(null)
  // held by the row: the form unmounts as soon as the question shows up, before the answer arrives
  const addQuestion = useAddFindingQuestion(studyId)

  return (
    <tr data-finding={f.id}>
      <td>
        {f.touchpointIds
          .map((id) => tpName.get(id))
          .filter(Boolean)
          .join(', ') || t.findings.noTouchpoint}
      </td>
      <th scope="row" style={{ fontWeight: 600 }}>
        {f.statement}
      </th>
      <td className="joint-display__qual">
        {f.evidence.length === 0 ? (
          <span className="muted">{t.findings.noEvidence}</span>
        ) : (
          <>
            <div>{t.findings.evidenceCount(f.evidence.length, participants)}</div>
            {quotes.map((e) => (
              <blockquote key={e.codingId} className="quote">
                “{e.quote}” {e.participant ? <span className="quote__who">— {e.participant}</span> : null}
              </blockquote>
            ))}
            {f.evidence.length > 2 ? (
              <button
                type="button"
                className="btn btn--ghost btn--small"
                aria-expanded={allQuotes}
                onClick={() => setAllQuotes(!allQuotes)}
              >
                {allQuotes ? t.findings.showFewerQuotes : t.findings.showAllQuotes(f.evidence.length)}
              </button>
            ) : null}
          </>
        )}
      </td>
      <td>
        {ops.length === 0 ? <span className="muted">{t.findings.noOperationalization}</span> : null}
        {ops.map((o) => (
          <div key={o.id} style={{ marginBottom: '0.5rem' }}>
            <div>
              {questionText(o)}
              {questionOf(o)?.draftOnly ? <span className="muted"> ({t.findings.draftOnly})</span> : null}
            </div>
            <div className="muted">
              {claimText(o)} · {t.findings.sesoi(formatDelta(o.metric, o.sesoi, lang).replace(/^[+−]/, ''))} ·{' '}
              {o.primary ? t.findings.primary : t.findings.secondary}
            </div>
          </div>
        ))}
        {added ? (
          <p role="status" className="muted">
            {added}
          </p>
        ) : null}
        {canAddQuestion ? (
          <AddQuestion studyId={studyId} finding={f} tpName={tpName} add={addQuestion} onAdded={setAdded} />
        ) : null}
      </td>
      <td>
        {ops.map((o) => {
          const r = resultOf.get(o.id)
          return r ? <ResultCell key={o.id} o={o} r={r} /> : null
        })}
        {ops.length > 0 && !primaryResult ? <span className="muted">{t.findings.noResult}</span> : null}
      </td>
      <td>
        {ops.map((o) => {
          const r = resultOf.get(o.id)
          if (!r) return null
          return (
            <dl key={o.id} className="attr-list" style={{ margin: 0 }}>
              <div className="joint-display__test">
                {t.findings.test}: {r.test}
              </div>
              <div>
                {t.findings.design}: {t.findings.designs[r.design] ?? r.design}
              </div>
              <div className="num">
                {t.findings.p} {formatP(r.p, lang)} · {t.findings.pAdjusted} {formatP(r.pAdjusted, lang)}
              </div>
              {r.effectSize ? (
                <div className="num">
                  {t.findings.effectSize}: {r.effectSize.name} = {formatNumber(r.effectSize.value, 2, lang)}
                </div>
              ) : null}
            </dl>
          )
        })}
      </td>
      <td>
        <span className={`verdict verdict--${status}`} data-verdict={status}>
          {t.verdicts[status]}
        </span>
        {v ? <div className="muted">{t.findings.fits[v.fit] ?? v.fit}</div> : null}
        {primaryResult ? (
          <div className="muted">{t.findings.reasons[primaryResult.reason] ?? primaryResult.reason}</div>
        ) : null}
        {status === 'inconclusive' && primaryResult?.nNeeded ? (
          <div>{t.findings.nNeeded(primaryResult.nNeeded)}</div>
        ) : null}
      </td>
      <td>
        <MetaInference studyId={studyId} finding={f} fit={v?.fit} canEdit={canEdit} />
      </td>
      {canEdit ? (
        <td className="joint-display__actions">
          <button
            type="button"
            className="btn btn--small btn--secondary"
            aria-label={t.findings.editNamed(f.statement)}
            onClick={() => onEdit(f)}
          >
            {t.common.edit}
          </button>
          <button
            type="button"
            className="btn btn--small btn--danger-text"
            aria-label={t.findings.deleteNamed(f.statement)}
            onClick={() => onDelete(f)}
          >
            {t.common.delete}
          </button>
        </td>
      ) : null}
    </tr>
  )
}
