import { METRICS_BY_TYPE, type Finding } from '@klantreis/shared/findings'
import type { JourneyModel } from '@klantreis/shared/journey'
import { useState, type FormEvent } from 'react'
import { ErrorAlert } from '../../../components/ui/alert'
import { Dialog } from '../../../components/ui/dialog'
import { CheckboxGroup, TextField } from '../../../components/ui/field'
import { fieldError, isApiError } from '../../../lib/api-client'
import { useFindingsI18n } from '../i18n'
import { useSaveFinding, useStudyCodings, useSurveyQuestions } from '../api/findings'
import { EvidencePicker } from './evidence-picker'
import { OperationalizationCard } from './operationalization-card'
import { emptyOp, fromDraft, type OpDraft, toDraft } from './operationalization-draft'

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
  const { t, lang } = useFindingsI18n()
  const save = useSaveFinding(studyId)
  const codings = useStudyCodings(studyId)
  const questions = useSurveyQuestions(studyId, lang)
  const [statement, setStatement] = useState(finding?.statement ?? '')
  const [touchpointIds, setTouchpointIds] = useState<string[]>(finding?.touchpointIds ?? [])
  const [personaIds, setPersonaIds] = useState<string[]>(finding?.personaIds ?? [])
  const [codingIds, setCodingIds] = useState<string[]>(finding?.evidence.map((e) => e.codingId) ?? [])
  const [ops, setOps] = useState<OpDraft[]>(finding?.operationalizations.map(toDraft) ?? [])
  const [metaInference, setMetaInference] = useState(finding?.metaInference ?? '')

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
    save.mutate(finding ? { findingId: finding.id, body, baseVersion: finding.version } : { findingId: null, body }, {
      onSuccess: onClose,
    })
  }

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
        <EvidencePicker
          codings={codings.data?.items}
          codingIds={codingIds}
          setCodingIds={setCodingIds}
          model={model}
          err={err}
        />

        <fieldset className="fieldset">
          <legend className="field__label">{t.findings.operationalizations}</legend>
          <p className="field__hint">{t.findings.operationalizationsHint}</p>
          {questions.isSuccess && scaleQuestions.length === 0 ? (
            <p className="muted">{t.findings.noScaleQuestions}</p>
          ) : null}
          {ops.map((o, i) => (
            <OperationalizationCard
              key={i}
              index={i}
              op={o}
              scaleQuestions={scaleQuestions}
              surveys={surveys}
              touchpoints={touchpoints}
              model={model}
              err={err}
              onChange={(patch) => setOp(i, patch)}
              onRemove={() => setOps((all) => all.filter((_, j) => j !== i))}
            />
          ))}
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
