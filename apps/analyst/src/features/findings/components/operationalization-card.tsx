import { METRICS_BY_TYPE } from '@klantreis/shared/findings'
import type { JourneyModel } from '@klantreis/shared/journey'
import { SelectField, TextField } from '../../../components/ui/field'
import { fieldError } from '../../../lib/api-client'
import { useFindingsI18n } from '../i18n'
import type { QuestionChoice } from '../api/findings'
import { type OpDraft, scaled } from './operationalization-draft'

/** One way the survey tests the finding: question, metric, claim, SESOI and whether it is the primary one. */
export function OperationalizationCard({
  index: i,
  op: o,
  scaleQuestions,
  surveys,
  touchpoints,
  model,
  err,
  onChange,
  onRemove,
}: {
  index: number
  op: OpDraft
  scaleQuestions: QuestionChoice[]
  surveys: [string, string][]
  touchpoints: JourneyModel['touchpoints']
  model: JourneyModel
  err: unknown
  onChange: (patch: Partial<OpDraft>) => void
  onRemove: () => void
}) {
  const { t } = useFindingsI18n()
  const q = scaleQuestions.find((x) => `${x.surveyId}::${x.id}` === o.question)
  const metrics = q ? (METRICS_BY_TYPE[q.type] ?? []) : []
  const path = (f: string) => `operationalizations.${i}.${f}`
  return (
    <div className="op-card" role="group" aria-label={t.findings.operationalizationN(i + 1)}>
      <div className="field">
        <label className="field__label" htmlFor={`op-${i}-q`}>
          {t.findings.question}
        </label>
        <select
          id={`op-${i}-q`}
          className="input input--select"
          value={o.question}
          aria-invalid={Boolean(fieldError(err, path('questionId')) || fieldError(err, path('surveyId'))) || undefined}
          onChange={(e) => {
            const next = scaleQuestions.find((x) => `${x.surveyId}::${x.id}` === e.target.value)
            const allowed = next ? (METRICS_BY_TYPE[next.type] ?? []) : []
            const metric = o.metric && allowed.includes(o.metric) ? o.metric : (allowed[0] ?? '')
            onChange({ question: e.target.value, metric })
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
          <p className="field__error">{fieldError(err, path('questionId')) ?? fieldError(err, path('surveyId'))}</p>
        ) : null}
      </div>
      <SelectField
        label={t.findings.metric}
        value={o.metric}
        options={metrics.map((m) => ({ value: m, label: t.findings.metrics[m] ?? m }))}
        onChange={(metric) =>
          onChange({
            metric,
            sesoi: scaled(metric) ? (scaled(o.metric) ? o.sesoi : '5') : o.metric === metric ? o.sesoi : '0.2',
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
        onChange={(kind) => onChange({ kind })}
        error={fieldError(err, path('claim.kind'))}
      />
      {o.kind === 'comparative' ? (
        <>
          <SelectField
            label={t.findings.referenceLabel}
            value={o.reference}
            options={[
              { value: 'rest', label: t.findings.restOfJourney },
              ...touchpoints.filter((tp) => tp.id !== q?.touchpointId).map((tp) => ({ value: tp.id, label: tp.name })),
            ]}
            onChange={(reference) => onChange({ reference })}
            error={fieldError(err, path('claim.reference'))}
          />
          <SelectField
            label={t.findings.direction}
            value={o.direction}
            options={(['higher', 'lower'] as const).map((d) => ({
              value: d,
              label: t.findings.directions[d]!,
            }))}
            onChange={(direction) => onChange({ direction })}
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
            onChange={(levelDirection) => onChange({ levelDirection })}
          />
          <TextField
            label={t.findings.thresholdLabel}
            value={o.threshold}
            inputMode="decimal"
            hint={scaled(o.metric) ? t.findings.thresholdHintShare : t.findings.thresholdHintScale}
            onChange={(threshold) => onChange({ threshold })}
            error={fieldError(err, path('claim.threshold'))}
          />
        </>
      ) : null}
      {o.kind === 'personas' ? (
        <>
          <SelectField
            label={t.findings.persona}
            value={o.personaId}
            options={[{ value: '', label: '–' }, ...model.personas.map((p) => ({ value: p.id, label: p.name }))]}
            onChange={(personaId) => onChange({ personaId })}
            error={fieldError(err, path('claim.personaId'))}
          />
          <SelectField
            label={t.findings.direction}
            value={o.direction}
            options={(['higher', 'lower'] as const).map((d) => ({
              value: d,
              label: t.findings.directions[d]!,
            }))}
            onChange={(direction) => onChange({ direction })}
          />
          <SelectField
            label={t.findings.otherPersona}
            value={o.otherPersonaId}
            options={[{ value: '', label: '–' }, ...model.personas.map((p) => ({ value: p.id, label: p.name }))]}
            onChange={(otherPersonaId) => onChange({ otherPersonaId })}
            error={fieldError(err, path('claim.otherPersonaId'))}
          />
        </>
      ) : null}
      <TextField
        label={t.findings.sesoiLabel}
        value={o.sesoi}
        inputMode="decimal"
        hint={scaled(o.metric) ? t.findings.sesoiHintShare : t.findings.sesoiHintScale}
        onChange={(sesoi) => onChange({ sesoi })}
        error={fieldError(err, path('sesoi'))}
      />
      <label className="choice">
        <input type="checkbox" checked={o.primary} onChange={(e) => onChange({ primary: e.target.checked })} />
        <span>{t.findings.primaryLabel}</span>
      </label>
      <div>
        <button type="button" className="btn btn--small btn--danger-text" onClick={onRemove}>
          {t.findings.removeOperationalization(i + 1)}
        </button>
      </div>
    </div>
  )
}
