import { METRICS_BY_TYPE, type Claim, type Finding, type Metric } from '@klantreis/shared/findings'
import type { JourneyModel } from '@klantreis/shared/studies'
import { useState, type FormEvent } from 'react'
import { ErrorAlert } from '../../../components/ui/alert'
import { Dialog } from '../../../components/ui/dialog'
import { CheckboxGroup, SelectField, TextField } from '../../../components/ui/field'
import { fieldError, isApiError } from '../../../lib/api-client'
import { useI18n } from '../../../lib/i18n'
import { type OperationalizationInput, useSaveFinding, useStudyCodings, useSurveyQuestions } from '../api/findings'
import { isShare, sesoiFromInput, sesoiToInput } from './format'

type ClaimKind = Claim['kind']
type OpDraft = {
  question: string // surveyId::questionId
  metric: Metric | ''
  kind: ClaimKind
  reference: string
  direction: 'higher' | 'lower'
  levelDirection: 'at_least' | 'at_most'
  threshold: string
  personaId: string
  otherPersonaId: string
  sesoi: string
  primary: boolean
}

const emptyOp = (primary: boolean): OpDraft => ({
  question: '',
  metric: '',
  kind: 'comparative',
  reference: 'rest',
  direction: 'higher',
  levelDirection: 'at_least',
  threshold: '50',
  personaId: '',
  otherPersonaId: '',
  sesoi: '5',
  primary,
})

const scaled = (m: Metric | '') => m !== '' && (isShare(m) || m === 'nps')

function toDraft(o: Finding['operationalizations'][number]): OpDraft {
  const d = {
    ...emptyOp(o.primary),
    question: `${o.surveyId}::${o.questionId}`,
    metric: o.metric,
    kind: o.claim.kind,
    sesoi: sesoiToInput(o.metric, o.sesoi),
  }
  if (o.claim.kind === 'comparative') return { ...d, reference: o.claim.reference, direction: o.claim.direction }
  if (o.claim.kind === 'level')
    return {
      ...d,
      levelDirection: o.claim.direction,
      threshold: String(scaled(o.metric) ? Math.round(o.claim.threshold * 1000) / 10 : o.claim.threshold),
    }
  return { ...d, personaId: o.claim.personaId, otherPersonaId: o.claim.otherPersonaId, direction: o.claim.direction }
}

function fromDraft(d: OpDraft): OperationalizationInput {
  const [surveyId = '', questionId = ''] = d.question.split('::')
  const metric = (d.metric || 'top2box') as Metric
  let claim: Claim
  if (d.kind === 'comparative') claim = { kind: 'comparative', reference: d.reference, direction: d.direction }
  else if (d.kind === 'level') {
    const v = Number(d.threshold.replace(',', '.'))
    claim = { kind: 'level', threshold: scaled(metric) ? v / 100 : v, direction: d.levelDirection }
  } else claim = { kind: 'personas', personaId: d.personaId, otherPersonaId: d.otherPersonaId, direction: d.direction }
  return { surveyId, questionId, metric, claim, sesoi: sesoiFromInput(metric, d.sesoi), primary: d.primary }
}

/** Create or edit a finding: statement, touchpoints, personas, evidence, how the survey tests it, meta-inference. */
export function FindingDialog({
  studyId,
  finding,
  model,
  onClose,
}: {
  studyId: string
  finding: Finding | null
  model: JourneyModel
  onClose: () => void
}) {
  const { t, lang } = useI18n()
  const save = useSaveFinding(studyId)
  const codings = useStudyCodings(studyId)
  const questions = useSurveyQuestions(studyId, lang)
  const [statement, setStatement] = useState(finding?.statement ?? '')
  const [touchpointIds, setTouchpointIds] = useState<string[]>(finding?.touchpointIds ?? [])
  const [personaIds, setPersonaIds] = useState<string[]>(finding?.personaIds ?? [])
  const [codingIds, setCodingIds] = useState<string[]>(finding?.evidence.map((e) => e.codingId) ?? [])
  const [ops, setOps] = useState<OpDraft[]>(finding?.operationalizations.map(toDraft) ?? [])
  const [metaInference, setMetaInference] = useState(finding?.metaInference ?? '')
  const [quoteFilter, setQuoteFilter] = useState('')

  const err = save.error
  const scaleQuestions = (questions.data ?? []).filter((q) => METRICS_BY_TYPE[q.type])
  const surveys = [...new Map(scaleQuestions.map((q) => [q.surveyId, q.surveyTitle])).entries()]
  const stagePos = new Map(model.stages.map((s) => [s.id, s.position]))
  const touchpoints = [...model.touchpoints].sort(
    (a, b) => (stagePos.get(a.stageId) ?? 0) - (stagePos.get(b.stageId) ?? 0) || a.position - b.position,
  )
  const opsError = isApiError(err)
    ? err.details?.find((d) => d.path.replace(/^body\./, '') === 'operationalizations')?.message
    : undefined

  const setOp = (i: number, patch: Partial<OpDraft>) =>
    setOps((all) => all.map((o, j) => (j === i ? { ...o, ...patch } : patch.primary ? { ...o, primary: false } : o)))

  const onSubmit = (e: FormEvent) => {
    e.preventDefault()
    const body = {
      statement,
      touchpointIds,
      personaIds,
      codingIds,
      operationalizations: ops.map(fromDraft),
      metaInference,
    }
    save.mutate({ findingId: finding?.id ?? null, body, baseVersion: finding?.version }, { onSuccess: onClose })
  }

  const shownCodings = (codings.data?.items ?? []).filter(
    (c) => !quoteFilter || c.quote.toLowerCase().includes(quoteFilter.toLowerCase()) || codingIds.includes(c.id),
  )

  return (
    <Dialog
      open
      title={finding ? t.findings.editTitle(finding.statement) : t.findings.addTitle}
      onClose={onClose}
      size="large"
    >
      <form className="stack" onSubmit={onSubmit} noValidate>
        <TextField
          label={t.findings.statement}
          value={statement}
          onChange={setStatement}
          required
          multiline
          rows={2}
          error={fieldError(err, 'statement')}
        />
        <CheckboxGroup
          legend={t.findings.touchpoints}
          options={touchpoints.map((tp) => ({ value: tp.id, label: tp.name }))}
          value={touchpointIds}
          onChange={setTouchpointIds}
          error={fieldError(err, 'touchpointIds')}
        />
        {model.personas.length > 0 ? (
          <CheckboxGroup
            legend={t.findings.personas}
            options={model.personas.map((p) => ({ value: p.id, label: p.name }))}
            value={personaIds}
            onChange={setPersonaIds}
            error={fieldError(err, 'personaIds')}
          />
        ) : null}
        <fieldset className="fieldset">
          <legend className="field__label">{t.findings.evidence}</legend>
          <p className="field__hint">{t.findings.evidenceHint}</p>
          {codings.data && codings.data.items.length === 0 ? <p className="muted">{t.findings.noCodings}</p> : null}
          {codings.data && codings.data.items.length > 5 ? (
            <input
              className="input input--compact"
              aria-label={t.findings.evidenceFilter}
              placeholder={t.findings.evidenceFilter}
              value={quoteFilter}
              onChange={(e) => setQuoteFilter(e.target.value)}
            />
          ) : null}
          {shownCodings.length > 0 ? (
            <div className="evidence-pick">
              {shownCodings.map((c) => (
                <label key={c.id}>
                  <input
                    type="checkbox"
                    checked={codingIds.includes(c.id)}
                    onChange={(e) =>
                      setCodingIds((ids) => (e.target.checked ? [...ids, c.id] : ids.filter((x) => x !== c.id)))
                    }
                  />
                  <span>
                    “{c.quote}”
                    {c.touchpointId ? (
                      <span className="muted"> · {model.touchpoints.find((tp) => tp.id === c.touchpointId)?.name}</span>
                    ) : null}
                  </span>
                </label>
              ))}
            </div>
          ) : null}
          {fieldError(err, 'codingIds') ? <p className="field__error">{fieldError(err, 'codingIds')}</p> : null}
        </fieldset>

        <fieldset className="fieldset">
          <legend className="field__label">{t.findings.operationalizations}</legend>
          <p className="field__hint">{t.findings.operationalizationsHint}</p>
          {questions.isSuccess && scaleQuestions.length === 0 ? (
            <p className="muted">{t.findings.noScaleQuestions}</p>
          ) : null}
          {ops.map((o, i) => {
            const q = scaleQuestions.find((x) => `${x.surveyId}::${x.id}` === o.question)
            const metrics = q ? (METRICS_BY_TYPE[q.type] ?? []) : []
            const path = (f: string) => `operationalizations.${i}.${f}`
            return (
              <div key={i} className="op-card" role="group" aria-label={t.findings.operationalizationN(i + 1)}>
                <div className="field">
                  <label className="field__label" htmlFor={`op-${i}-q`}>
                    {t.findings.question}
                  </label>
                  <select
                    id={`op-${i}-q`}
                    className="input input--select"
                    value={o.question}
                    aria-invalid={
                      Boolean(fieldError(err, path('questionId')) || fieldError(err, path('surveyId'))) || undefined
                    }
                    onChange={(e) => {
                      const next = scaleQuestions.find((x) => `${x.surveyId}::${x.id}` === e.target.value)
                      const allowed = next ? (METRICS_BY_TYPE[next.type] ?? []) : []
                      const metric = o.metric && allowed.includes(o.metric) ? o.metric : (allowed[0] ?? '')
                      setOp(i, { question: e.target.value, metric })
                    }}
                  >
                    <option value="">{t.findings.chooseQuestion}</option>
                    {surveys.map(([sid, title]) => (
                      <optgroup key={sid} label={title}>
                        {scaleQuestions
                          .filter((x) => x.surveyId === sid)
                          .map((x) => (
                            <option key={x.id} value={`${x.surveyId}::${x.id}`}>
                              {x.text} ({x.type.toUpperCase()})
                            </option>
                          ))}
                      </optgroup>
                    ))}
                  </select>
                  {fieldError(err, path('questionId')) || fieldError(err, path('surveyId')) ? (
                    <p className="field__error">
                      {fieldError(err, path('questionId')) ?? fieldError(err, path('surveyId'))}
                    </p>
                  ) : null}
                </div>
                <SelectField
                  label={t.findings.metric}
                  value={o.metric}
                  options={metrics.map((m) => ({ value: m, label: t.findings.metrics[m] ?? m }))}
                  onChange={(metric) =>
                    setOp(i, {
                      metric,
                      sesoi: scaled(metric)
                        ? scaled(o.metric)
                          ? o.sesoi
                          : '5'
                        : o.metric === metric
                          ? o.sesoi
                          : '0.2',
                    })
                  }
                  error={fieldError(err, path('metric'))}
                  disabled={!q}
                />
                <SelectField
                  label={t.findings.claimKind}
                  value={o.kind}
                  options={(['comparative', 'level', 'personas'] as const).map((k) => ({
                    value: k,
                    label: t.findings.claimKinds[k]!,
                  }))}
                  onChange={(kind) => setOp(i, { kind })}
                  error={fieldError(err, path('claim.kind'))}
                />
                {o.kind === 'comparative' ? (
                  <>
                    <SelectField
                      label={t.findings.referenceLabel}
                      value={o.reference}
                      options={[
                        { value: 'rest', label: t.findings.restOfJourney },
                        ...touchpoints
                          .filter((tp) => tp.id !== q?.touchpointId)
                          .map((tp) => ({ value: tp.id, label: tp.name })),
                      ]}
                      onChange={(reference) => setOp(i, { reference })}
                      error={fieldError(err, path('claim.reference'))}
                    />
                    <SelectField
                      label={t.findings.direction}
                      value={o.direction}
                      options={(['higher', 'lower'] as const).map((d) => ({
                        value: d,
                        label: t.findings.directions[d]!,
                      }))}
                      onChange={(direction) => setOp(i, { direction })}
                    />
                  </>
                ) : null}
                {o.kind === 'level' ? (
                  <>
                    <SelectField
                      label={t.findings.direction}
                      value={o.levelDirection}
                      options={(['at_least', 'at_most'] as const).map((d) => ({
                        value: d,
                        label: t.findings.directions[d]!,
                      }))}
                      onChange={(levelDirection) => setOp(i, { levelDirection })}
                    />
                    <TextField
                      label={t.findings.thresholdLabel}
                      value={o.threshold}
                      inputMode="decimal"
                      hint={scaled(o.metric) ? t.findings.thresholdHintShare : t.findings.thresholdHintScale}
                      onChange={(threshold) => setOp(i, { threshold })}
                      error={fieldError(err, path('claim.threshold'))}
                    />
                  </>
                ) : null}
                {o.kind === 'personas' ? (
                  <>
                    <SelectField
                      label={t.findings.persona}
                      value={o.personaId}
                      options={[
                        { value: '', label: '–' },
                        ...model.personas.map((p) => ({ value: p.id, label: p.name })),
                      ]}
                      onChange={(personaId) => setOp(i, { personaId })}
                      error={fieldError(err, path('claim.personaId'))}
                    />
                    <SelectField
                      label={t.findings.direction}
                      value={o.direction}
                      options={(['higher', 'lower'] as const).map((d) => ({
                        value: d,
                        label: t.findings.directions[d]!,
                      }))}
                      onChange={(direction) => setOp(i, { direction })}
                    />
                    <SelectField
                      label={t.findings.otherPersona}
                      value={o.otherPersonaId}
                      options={[
                        { value: '', label: '–' },
                        ...model.personas.map((p) => ({ value: p.id, label: p.name })),
                      ]}
                      onChange={(otherPersonaId) => setOp(i, { otherPersonaId })}
                      error={fieldError(err, path('claim.otherPersonaId'))}
                    />
                  </>
                ) : null}
                <TextField
                  label={t.findings.sesoiLabel}
                  value={o.sesoi}
                  inputMode="decimal"
                  hint={scaled(o.metric) ? t.findings.sesoiHintShare : t.findings.sesoiHintScale}
                  onChange={(sesoi) => setOp(i, { sesoi })}
                  error={fieldError(err, path('sesoi'))}
                />
                <label className="choice">
                  <input
                    type="checkbox"
                    checked={o.primary}
                    onChange={(e) => setOp(i, { primary: e.target.checked })}
                  />
                  <span>{t.findings.primaryLabel}</span>
                </label>
                <div>
                  <button
                    type="button"
                    className="btn btn--small btn--danger-text"
                    onClick={() => setOps((all) => all.filter((_, j) => j !== i))}
                  >
                    {t.findings.removeOperationalization(i + 1)}
                  </button>
                </div>
              </div>
            )
          })}
          {opsError ? <p className="field__error">{opsError}</p> : null}
          <button
            type="button"
            className="btn btn--secondary btn--small"
            onClick={() => setOps((all) => [...all, emptyOp(all.every((o) => !o.primary))])}
          >
            {t.findings.addOperationalization}
          </button>
        </fieldset>
        <TextField
          label={t.findings.metaInference}
          value={metaInference}
          onChange={setMetaInference}
          multiline
          rows={3}
          error={fieldError(err, 'metaInference')}
        />
        {err && !(isApiError(err) && (err.details?.length || err.code === 'FINDING_CONFLICT')) ? (
          <ErrorAlert error={err} />
        ) : null}
        {isApiError(err) && err.code === 'FINDING_CONFLICT' ? (
          <p className="field__error" role="alert">
            {t.findings.conflict}
          </p>
        ) : null}
        <div className="form-actions">
          <button type="button" className="btn btn--secondary" onClick={onClose}>
            {t.common.cancel}
          </button>
          <button type="submit" className="btn btn--primary" disabled={save.isPending}>
            {save.isPending ? t.common.saving : t.common.save}
          </button>
        </div>
      </form>
    </Dialog>
  )
}
