import { CHANNELS, TOUCHPOINT_KINDS, TOUCHPOINT_ORIGINS, type Stage, type Touchpoint } from '@klantreis/shared/journey'
import { useId, useState, type FormEvent } from 'react'
import { ErrorAlert } from '../../../components/ui/alert'
import { Dialog } from '../../../components/ui/dialog'
import { SelectField, TextField } from '../../../components/ui/field'
import { fieldError } from '../../../lib/api-client'
import { useJourneyModelI18n } from '../i18n'
import { useSaveTouchpoint } from '../api/touchpoints'

type Props = {
  studyId: string
  open: boolean
  stages: Stage[]
  /** An existing touchpoint to edit, or the stage a new one goes into. */
  target: { touchpoint: Touchpoint } | { stageId: string } | null
  onClose: () => void
}

export function TouchpointDialog({ studyId, open, stages, target, onClose }: Props) {
  const { t } = useJourneyModelI18n()
  const touchpoint = target && 'touchpoint' in target ? target.touchpoint : null
  const stageId = touchpoint?.stageId ?? (target && 'stageId' in target ? target.stageId : stages[0]?.id) ?? ''
  return (
    <Dialog open={open} title={touchpoint ? t.model.editTouchpointTitle : t.model.newTouchpointTitle} onClose={onClose}>
      <TouchpointForm
        key={touchpoint?.id ?? `new-${stageId}`}
        studyId={studyId}
        stages={stages}
        touchpoint={touchpoint}
        initialStageId={stageId}
        onDone={onClose}
      />
    </Dialog>
  )
}

type Kind = Touchpoint['kind']
type Channel = Touchpoint['channel']
type Origin = Touchpoint['origin']

type FormProps = {
  studyId: string
  stages: Stage[]
  touchpoint: Touchpoint | null
  initialStageId: string
  onDone: () => void
}

function TouchpointForm({ studyId, stages, touchpoint, initialStageId, onDone }: FormProps) {
  const { t } = useJourneyModelI18n()
  const save = useSaveTouchpoint(studyId)
  const [name, setName] = useState(touchpoint?.name ?? '')
  const [description, setDescription] = useState(touchpoint?.description ?? '')
  const [channel, setChannel] = useState<Channel>(touchpoint?.channel ?? 'web')
  const [kind, setKind] = useState<Kind>(touchpoint?.kind ?? 'direct')
  const [ownerDepartment, setOwnerDepartment] = useState(touchpoint?.ownerDepartment ?? '')
  const [momentOfTruth, setMomentOfTruth] = useState(touchpoint?.momentOfTruth ?? false)
  const [origin, setOrigin] = useState<Origin>(touchpoint?.origin ?? 'model')
  const [stageId, setStageId] = useState(initialStageId)
  const kindId = useId()
  const motId = useId()

  const submit = (e: FormEvent) => {
    e.preventDefault()
    save.mutate(
      {
        touchpointId: touchpoint?.id ?? null,
        body: {
          stageId,
          name: name.trim(),
          description: description.trim(),
          channel,
          kind,
          ownerDepartment: ownerDepartment.trim(),
          momentOfTruth,
          origin,
        },
      },
      { onSuccess: onDone },
    )
  }

  const kindError = fieldError(save.error, 'kind')
  const hints: Record<Kind, string> = { direct: t.model.directHint, indirect: t.model.indirectHint }

  return (
    <form onSubmit={submit} noValidate className="stack">
      <ErrorAlert error={save.error} />
      <TextField
        label={t.model.name}
        value={name}
        onChange={setName}
        error={fieldError(save.error, 'name')}
        maxLength={200}
        required
        autoFocus
      />
      <TextField
        label={t.model.description}
        value={description}
        onChange={setDescription}
        error={fieldError(save.error, 'description')}
        optionalLabel={t.common.optional}
        multiline
        rows={3}
      />
      <fieldset className={`fieldset${kindError ? ' field--invalid' : ''}`}>
        <legend className="field__label">{t.model.kind}</legend>
        <div className="choice-cards">
          {TOUCHPOINT_KINDS.map((k) => (
            <label key={k} className={`choice-card choice-card--${k}`}>
              <input type="radio" name={kindId} value={k} checked={kind === k} onChange={() => setKind(k)} />
              <span>
                <span className="choice-card__title">{k === 'direct' ? t.model.direct : t.model.indirect}</span>
                <span className="choice-card__hint">{hints[k]}</span>
              </span>
            </label>
          ))}
        </div>
        {kindError ? <p className="field__error">{kindError}</p> : null}
      </fieldset>
      <div className="grid-2">
        <SelectField
          label={t.model.channel}
          value={channel}
          options={CHANNELS.map((c) => ({ value: c, label: t.channels[c] }))}
          onChange={setChannel}
          error={fieldError(save.error, 'channel')}
        />
        <SelectField
          label={t.model.stage}
          value={stageId}
          options={stages.map((s) => ({ value: s.id, label: s.name }))}
          onChange={setStageId}
          error={fieldError(save.error, 'stageId')}
        />
      </div>
      <div className="grid-2">
        <TextField
          label={t.model.ownerDepartment}
          value={ownerDepartment}
          onChange={setOwnerDepartment}
          error={fieldError(save.error, 'ownerDepartment')}
          optionalLabel={t.common.optional}
          maxLength={200}
        />
        <SelectField
          label={t.model.origin}
          value={origin}
          options={TOUCHPOINT_ORIGINS.map((o) => ({
            value: o,
            label: o === 'model' ? t.model.originModel : t.model.originResearch,
          }))}
          onChange={setOrigin}
          error={fieldError(save.error, 'origin')}
        />
      </div>
      <div className="checkbox-field">
        <input
          id={motId}
          type="checkbox"
          checked={momentOfTruth}
          onChange={(e) => setMomentOfTruth(e.target.checked)}
          aria-describedby={`${motId}-hint`}
        />
        <div>
          <label htmlFor={motId} className="field__label">
            <span aria-hidden="true">★ </span>
            {t.model.momentOfTruth}
          </label>
          <p id={`${motId}-hint`} className="field__hint">
            {t.model.momentOfTruthHint}
          </p>
        </div>
      </div>
      <div className="form-actions">
        <button type="button" className="btn btn--secondary" onClick={onDone}>
          {t.common.cancel}
        </button>
        <button type="submit" className="btn btn--primary" disabled={save.isPending}>
          {save.isPending ? t.common.saving : t.common.save}
        </button>
      </div>
    </form>
  )
}
