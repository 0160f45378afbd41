import type { Study } from '@klantreis/shared/studies'
import { useState, type FormEvent } from 'react'
import { ErrorAlert } from '../../../components/ui/alert'
import { TextField } from '../../../components/ui/field'
import { fieldError } from '../../../lib/api-client'
import { useStudiesI18n } from '../i18n'
import { useUpdateStudy } from '../api/save-study'
import { changedFields } from './changed-fields'

type Props = { study: Study; canEdit: boolean; onBack: () => void; onDone: () => void }

export function ScopeStep({ study, canEdit, onBack, onDone }: Props) {
  const { t } = useStudiesI18n()
  const [scope, setScope] = useState(study.scope)
  const [customerJob, setCustomerJob] = useState(study.customerJob)
  const update = useUpdateStudy()

  const submit = (e: FormEvent) => {
    e.preventDefault()
    const body = changedFields(study, { scope: scope.trim(), customerJob: customerJob.trim() })
    if (!canEdit || Object.keys(body).length === 0) return onDone()
    update.mutate({ studyId: study.id, body }, { onSuccess: onDone })
  }

  return (
    <form onSubmit={submit} noValidate className="panel stack">
      <div>
        <h2 id="scope-heading">{t.wizard.stepScope}</h2>
        <p className="muted">{t.wizard.scopeIntro}</p>
      </div>
      <ErrorAlert error={update.error} />
      <TextField
        label={t.wizard.scopeLabel}
        hint={t.wizard.scopeHint}
        value={scope}
        onChange={setScope}
        error={fieldError(update.error, 'scope')}
        disabled={!canEdit}
        maxLength={4000}
        multiline
        rows={3}
        autoFocus={canEdit}
      />
      <TextField
        label={t.wizard.customerJobLabel}
        hint={t.wizard.customerJobHint}
        value={customerJob}
        onChange={setCustomerJob}
        error={fieldError(update.error, 'customerJob')}
        disabled={!canEdit}
        maxLength={4000}
        multiline
        rows={3}
      />
      <div className="wizard-nav">
        <button type="button" className="btn btn--secondary" onClick={onBack}>
          {t.common.back}
        </button>
        <button type="submit" className="btn btn--primary" disabled={update.isPending}>
          {update.isPending ? t.common.saving : canEdit ? t.wizard.saveAndContinue : t.wizard.continue}
        </button>
      </div>
    </form>
  )
}
