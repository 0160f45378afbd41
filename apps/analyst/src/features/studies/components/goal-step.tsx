import { LanguageSchema, type Language } from '@klantreis/shared/common'
import { LOYALTY_METRICS, STUDY_STATUSES, type Study } from '@klantreis/shared/studies'
import { useState, type FormEvent } from 'react'
import { routeHref } from '../../../lib/routes'
import { ErrorAlert } from '../../../components/ui/alert'
import { CheckboxGroup, SelectField, TextField } from '../../../components/ui/field'
import { fieldError } from '../../../lib/api-client'
import { useStudiesI18n } from '../i18n'
import { useCreateStudy, useUpdateStudy } from '../api/save-study'
import { changedFields } from './changed-fields'

type LoyaltyMetric = (typeof LOYALTY_METRICS)[number]
type Props = { study: Study | null; canEdit: boolean; onDone: (study: Study) => void }

export function GoalStep({ study, canEdit, onDone }: Props) {
  const { t } = useStudiesI18n()
  const [title, setTitle] = useState(study?.title ?? '')
  const [goal, setGoal] = useState(study?.goal ?? '')
  const [loyaltyMetrics, setLoyaltyMetrics] = useState<LoyaltyMetric[]>(study?.loyaltyMetrics ?? [])
  const [languages, setLanguages] = useState<Language[]>(study?.languages ?? ['nl', 'en'])
  const [status, setStatus] = useState<Study['status']>(study?.status ?? 'draft')
  const create = useCreateStudy()
  const update = useUpdateStudy()
  const error = study ? update.error : create.error
  const pending = create.isPending || update.isPending

  const submit = (e: FormEvent) => {
    e.preventDefault()
    if (!canEdit && study) return onDone(study)
    const values = { title: title.trim(), goal: goal.trim(), loyaltyMetrics, languages }
    if (!study) {
      create.mutate(values, { onSuccess: onDone })
      return
    }
    const body = changedFields(study, { ...values, status })
    if (Object.keys(body).length === 0) return onDone(study)
    update.mutate({ studyId: study.id, body }, { onSuccess: onDone })
  }

  return (
    <form onSubmit={submit} noValidate className="panel stack">
      <div>
        <h2 id="goal-heading">{t.wizard.stepGoal}</h2>
        <p className="muted">{t.wizard.goalIntro}</p>
      </div>
      <ErrorAlert error={error} />
      <TextField
        label={t.wizard.titleLabel}
        value={title}
        onChange={setTitle}
        error={fieldError(error, 'title')}
        disabled={!canEdit}
        maxLength={200}
        required
        autoFocus={!study}
      />
      <TextField
        label={t.wizard.goalLabel}
        hint={t.wizard.goalHint}
        value={goal}
        onChange={setGoal}
        error={fieldError(error, 'goal')}
        disabled={!canEdit}
        maxLength={4000}
        multiline
      />
      <CheckboxGroup
        legend={t.wizard.loyaltyLegend}
        options={LOYALTY_METRICS.map((m) => ({ value: m, label: t.loyaltyMetrics[m] }))}
        value={loyaltyMetrics}
        onChange={setLoyaltyMetrics}
        error={fieldError(error, 'loyaltyMetrics')}
        disabled={!canEdit}
      />
      <CheckboxGroup
        legend={t.wizard.languagesLegend}
        hint={t.wizard.languagesHint}
        options={LanguageSchema.options.map((l) => ({ value: l, label: t.languages[l] }))}
        value={languages}
        onChange={setLanguages}
        error={fieldError(error, 'languages')}
        disabled={!canEdit}
      />
      {study ? (
        <SelectField
          label={t.wizard.statusLabel}
          value={status}
          options={STUDY_STATUSES.map((s) => ({ value: s, label: t.statuses[s] }))}
          onChange={setStatus}
          error={fieldError(error, 'status')}
          disabled={!canEdit}
        />
      ) : null}
      <div className="wizard-nav">
        <a className="btn btn--secondary" href={routeHref({ name: 'studies' })}>
          {t.common.cancel}
        </a>
        <button type="submit" className="btn btn--primary" disabled={pending}>
          {pending
            ? t.common.saving
            : !study
              ? t.wizard.createAndContinue
              : canEdit
                ? t.wizard.saveAndContinue
                : t.wizard.continue}
        </button>
      </div>
    </form>
  )
}
