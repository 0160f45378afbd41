import type { Role } from '@klantreis/shared/auth'
import type {
  Claim,
  Finding,
  FindingVerification,
  Operationalization,
  OperationalizationResult,
} from '@klantreis/shared/findings'
import type { JourneyModel } from '@klantreis/shared/studies'
import { useEffect, useMemo, useState } from 'react'
import { ErrorAlert, Loading, Notice } from '../../../components/ui/alert'
import { useI18n } from '../../../lib/i18n'
import { canEditStudies } from '../../../lib/roles'
import { useJourneyModel } from '../../journey-model'
import { StudyFrame } from '../../../components/layouts/study-frame'
import {
  type Adjustment,
  type QuestionChoice,
  useAddFindingQuestion,
  useDeleteFinding,
  useFindingSurveys,
  useFindings,
  useSaveFinding,
  useSurveyQuestions,
  useVerification,
} from '../api/findings'
import { FindingDialog } from './finding-dialog'
import { ForestPlot } from './forest-plot'
import { formatDelta, formatNumber, formatP, formatValue, isShare } from './format'

const VERDICT_ORDER = ['supported', 'contradicted', 'inconclusive', 'silence'] as const

export function FindingsPage({ studyId, role }: { studyId: string; role: Role }) {
  const { t, lang } = useI18n()
  const canEdit = canEditStudies(role)
  const [adjustment, setAdjustment] = useState<Adjustment>('bh')
  const findings = useFindings(studyId)
  const verification = useVerification(studyId, adjustment)
  const model = useJourneyModel(studyId)
  const questions = useSurveyQuestions(studyId, lang)
  const [filter, setFilter] = useState<string>('')
  const [sort, setSort] = useState<'journey' | 'verdict'>('journey')
  const [editing, setEditing] = useState<Finding | 'new' | null>(null)
  const remove = useDeleteFinding(studyId)

  const verdictOf = useMemo(
    () => new Map((verification.data?.items ?? []).map((v) => [v.findingId, v])),
    [verification.data],
  )

  return (
    <StudyFrame studyId={studyId} tab="findings" canEdit={canEdit}>
      {() => (
        <>
          <div className="page-header">
            <div>
              <h2>{t.findings.heading}</h2>
              <p className="muted section-intro">{t.findings.intro}</p>
            </div>
            {canEdit ? (
              <button type="button" className="btn btn--primary" onClick={() => setEditing('new')}>
                {t.findings.add}
              </button>
            ) : null}
          </div>
          <div className="filters__grid" style={{ display: 'flex', gap: '1rem', flexWrap: 'wrap' }}>
            <label className="inline-field">
              <span className="inline-field__label">{t.findings.filterVerdict}</span>{' '}
              <select
                className="input input--select input--compact"
                value={filter}
                onChange={(e) => setFilter(e.target.value)}
              >
                <option value="">{t.findings.allVerdicts}</option>
                {VERDICT_ORDER.map((v) => (
                  <option key={v} value={v}>
                    {t.findings.verdicts[v]}
                  </option>
                ))}
              </select>
            </label>
            <label className="inline-field">
              <span className="inline-field__label">{t.findings.sortBy}</span>{' '}
              <select
                className="input input--select input--compact"
                value={sort}
                onChange={(e) => setSort(e.target.value as 'journey' | 'verdict')}
              >
                <option value="journey">{t.findings.sortJourney}</option>
                <option value="verdict">{t.findings.sortVerdict}</option>
              </select>
            </label>
            <label className="inline-field">
              <span className="inline-field__label">{t.findings.adjustment}</span>{' '}
              <select
                className="input input--select input--compact"
                value={adjustment}
                onChange={(e) => setAdjustment(e.target.value as Adjustment)}
              >
                <option value="bh">{t.findings.adjustments.bh}</option>
                <option value="holm">{t.findings.adjustments.holm}</option>
              </select>
            </label>
          </div>
          {findings.isPending || model.isPending ? <Loading /> : null}
          {findings.isError ? <ErrorAlert error={findings.error} /> : null}
          {verification.isError ? <ErrorAlert error={verification.error} /> : null}
          {findings.isSuccess && findings.data.items.length === 0 ? <Notice>{t.findings.none}</Notice> : null}
          {findings.isSuccess && model.isSuccess && findings.data.items.length > 0 ? (
            <JointDisplay
              studyId={studyId}
              findings={findings.data.items}
              verdictOf={verdictOf}
              model={model.data}
              questions={questions.data ?? []}
              filter={filter}
              sort={sort}
              canEdit={canEdit}
              onEdit={setEditing}
              onDelete={(f) => {
                if (window.confirm(t.findings.deleteConfirm(f.statement))) remove.mutate(f.id)
              }}
            />
          ) : null}
          {canEdit && editing !== null && model.isSuccess ? (
            <FindingDialog
              studyId={studyId}
              finding={editing === 'new' ? null : editing}
              model={model.data}
              onClose={() => setEditing(null)}
            />
          ) : null}
        </>
      )}
    </StudyFrame>
  )
}

type Row = { finding: Finding; touchpointId: string | null; verification: FindingVerification | undefined }

function JointDisplay(props: {
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
  const { t } = useI18n()
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
        ? t.findings.verdicts[key]!
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

function FindingRow({
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
  const { t, lang } = useI18n()
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
          {t.findings.verdicts[status]}
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

/**
 * "Add a question for this finding": a CSAT question about the finding's touchpoint in a survey's
 * draft. With one open survey and one touchpoint it is one click; otherwise the analyst picks.
 */
function AddQuestion({
  studyId,
  finding,
  tpName,
  add,
  onAdded,
}: {
  studyId: string
  finding: Finding
  tpName: Map<string, string>
  add: ReturnType<typeof useAddFindingQuestion>
  onAdded: (message: string) => void
}) {
  const { t } = useI18n()
  const surveys = useFindingSurveys(studyId)
  const [picking, setPicking] = useState(false)
  const open = (surveys.data ?? []).filter((s) => s.status !== 'closed')
  const [surveyId, setSurveyId] = useState('')
  const [touchpointId, setTouchpointId] = useState('')
  const chosenSurvey = surveyId || open[0]?.id || ''
  const chosenTouchpoint = touchpointId || finding.touchpointIds[0] || ''
  const submit = () =>
    add.mutate(
      {
        findingId: finding.id,
        surveyId: chosenSurvey,
        touchpointId: finding.touchpointIds.length > 1 ? chosenTouchpoint : undefined,
      },
      {
        onSuccess: (r) => {
          const survey = open.find((s) => s.id === r.surveyId)?.title ?? ''
          const tp =
            tpName.get(r.finding.operationalizations.find((o) => o.questionId === r.questionId)?.touchpointId ?? '') ??
            ''
          onAdded(r.questionCreated ? t.findings.addQuestionDone(tp, survey) : t.findings.addQuestionLinked(tp, survey))
        },
      },
    )
  if (surveys.isSuccess && open.length === 0) return <p className="muted">{t.findings.addQuestionNoSurvey}</p>
  const needsChoice = open.length > 1 || finding.touchpointIds.length > 1
  return (
    <div className="add-question">
      {picking && needsChoice ? (
        <fieldset className="add-question__form">
          <legend>{t.findings.addQuestion}</legend>
          {open.length > 1 ? (
            <label className="inline-field">
              <span className="inline-field__label">{t.findings.addQuestionSurvey}</span>{' '}
              <select
                className="input input--select input--compact"
                value={chosenSurvey}
                onChange={(e) => setSurveyId(e.target.value)}
              >
                {open.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.title}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
          {finding.touchpointIds.length > 1 ? (
            <label className="inline-field">
              <span className="inline-field__label">{t.findings.colTouchpoint}</span>{' '}
              <select
                className="input input--select input--compact"
                value={chosenTouchpoint}
                onChange={(e) => setTouchpointId(e.target.value)}
              >
                {finding.touchpointIds.map((id) => (
                  <option key={id} value={id}>
                    {tpName.get(id) ?? id}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
          <p className="muted">{t.findings.addQuestionHint}</p>
          <button type="button" className="btn btn--small btn--primary" disabled={add.isPending} onClick={submit}>
            {t.findings.addQuestionConfirm}
          </button>{' '}
          <button type="button" className="btn btn--small btn--ghost" onClick={() => setPicking(false)}>
            {t.common.cancel}
          </button>
        </fieldset>
      ) : (
        <button
          type="button"
          className="btn btn--small btn--secondary"
          title={t.findings.addQuestionHint}
          aria-label={t.findings.addQuestionNamed(finding.statement)}
          disabled={add.isPending || !surveys.isSuccess}
          onClick={() => (needsChoice ? setPicking(true) : submit())}
        >
          {t.findings.addQuestion}
        </button>
      )}
      {add.error ? <ErrorAlert error={add.error} /> : null}
    </div>
  )
}

function ResultCell({ o, r }: { o: Operationalization; r: OperationalizationResult }) {
  const { t, lang } = useI18n()
  const m = o.metric
  const levelRef =
    o.claim.kind === 'level'
      ? formatValue(m, isShare(m) || m === 'nps' ? o.claim.threshold : o.claim.threshold, lang)
      : null
  return (
    <div className="num" data-result={o.id} style={{ marginBottom: '0.5rem' }}>
      <div>
        {t.findings.target}: {formatValue(m, r.target.value, lang)} (n = {r.target.n})
      </div>
      {r.reference ? (
        <div>
          {t.findings.reference}: {formatValue(m, r.reference.value, lang)} (n = {r.reference.n})
        </div>
      ) : levelRef !== null ? (
        <div>
          {t.findings.threshold}: {levelRef}
        </div>
      ) : null}
      {r.estimate !== null ? (
        <div data-delta>
          {t.findings.delta} {formatDelta(m, r.estimate, lang)} [{formatDelta(m, r.lower, lang)},{' '}
          {formatDelta(m, r.upper, lang)}]
        </div>
      ) : null}
      {r.estimate !== null && r.lower !== null && r.upper !== null ? (
        <ForestPlot
          estimate={r.estimate}
          lower={r.lower}
          upper={r.upper}
          sesoi={r.sesoi}
          label={t.findings.forestLabel(
            formatDelta(m, r.estimate, lang),
            formatDelta(m, r.lower, lang),
            formatDelta(m, r.upper, lang),
            formatDelta(m, r.sesoi, lang),
          )}
        />
      ) : null}
    </div>
  )
}

type T = ReturnType<typeof useI18n>['t']
export function describeClaim(
  claim: Claim,
  o: { metric: Operationalization['metric'] },
  t: T,
  lang: string,
  tpName: Map<string, string>,
  personaName: Map<string, string>,
): string {
  const m = t.findings.metrics[o.metric] ?? o.metric
  switch (claim.kind) {
    case 'comparative': {
      const ref =
        claim.reference === 'rest' ? t.findings.restOfJourney : (tpName.get(claim.reference) ?? claim.reference)
      return claim.direction === 'higher' ? t.findings.claimHigher(m, ref) : t.findings.claimLower(m, ref)
    }
    case 'level': {
      const v = formatValue(o.metric, claim.threshold, lang)
      return claim.direction === 'at_least' ? t.findings.claimAtLeast(m, v) : t.findings.claimAtMost(m, v)
    }
    case 'personas':
      return t.findings.claimPersonas(
        m,
        personaName.get(claim.personaId) ?? '?',
        t.findings.directions[claim.direction]!,
        personaName.get(claim.otherPersonaId) ?? '?',
      )
  }
}

function MetaInference({
  studyId,
  finding,
  fit,
  canEdit,
}: {
  studyId: string
  finding: Finding
  fit: string | undefined
  canEdit: boolean
}) {
  const { t } = useI18n()
  const save = useSaveFinding(studyId)
  const [text, setText] = useState(finding.metaInference)
  useEffect(() => setText(finding.metaInference), [finding.metaInference])
  const needed = (fit === 'discordance' || fit === 'expansion') && !finding.metaInference.trim()
  return (
    <div>
      {needed ? (
        <p className="meta-warning" role="note">
          ⚠ {t.findings.metaRequired}
        </p>
      ) : null}
      {canEdit ? (
        <>
          <textarea
            className="input input--multiline"
            rows={3}
            aria-label={t.findings.metaLabel(finding.statement)}
            placeholder={t.findings.metaPlaceholder}
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
          {text !== finding.metaInference ? (
            <button
              type="button"
              className="btn btn--small btn--secondary"
              disabled={save.isPending}
              onClick={() =>
                save.mutate({ findingId: finding.id, body: { metaInference: text }, baseVersion: finding.version })
              }
            >
              {t.findings.metaSave}
            </button>
          ) : null}
          {save.error ? <ErrorAlert error={save.error} /> : null}
        </>
      ) : (
        <p>{finding.metaInference}</p>
      )}
    </div>
  )
}
