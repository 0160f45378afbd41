import type { Study } from '@klantreis/shared/studies'
import { RETENTION_MONTHS_MAX, RETENTION_MONTHS_MIN } from '@klantreis/shared/studies/constants'
import { useId, useState, type FormEvent } from 'react'
import { ErrorAlert, Notice } from '../../../components/ui/alert'
import { SelectField, TextField } from '../../../components/ui/field'
import { fieldError, isApiError } from '../../../lib/api-client'
import { useOrganizationSettings } from '../../../lib/organization-settings'
import { useStudiesI18n } from '../i18n'
import { useUpdateStudy } from '../api/save-study'

type Props = { study: Study; canManage: boolean }

/** The date line: when the data goes, or why there is no date (issue 14). */
function RetentionDate({ study }: { study: Study }) {
  const { t, lang } = useStudiesI18n()
  const long = new Intl.DateTimeFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', { dateStyle: 'long' })
  const text = study.retentionEndsOn
    ? t.retention.erasedOn(long.format(new Date(study.retentionEndsOn)))
    : study.effectiveRetentionMonths === null
      ? t.retention.keptByHand
      : t.retention.notYet(study.effectiveRetentionMonths)
  return (
    <p className="retention__date" data-testid="retention-date">
      <strong>{text}</strong>
    </p>
  )
}

/** The study's "Privacy & retention": editable by admins and owners, read-only for the rest. */
export function RetentionPanel({ study, canManage }: Props) {
  const { t } = useStudiesI18n()
  return (
    <section className="panel stack retention" aria-labelledby="retention-heading">
      <div>
        <h2 id="retention-heading">{t.retention.heading}</h2>
        <p className="muted">{t.retention.intro}</p>
      </div>
      <RetentionDate study={study} />
      {canManage ? <RetentionForm key={study.id} study={study} /> : <RetentionSummary study={study} />}
    </section>
  )
}

function RetentionSummary({ study }: { study: Study }) {
  const { t } = useStudiesI18n()
  const period =
    study.retentionMonths !== null
      ? t.retention.ownPeriod(study.retentionMonths)
      : study.effectiveRetentionMonths !== null
        ? t.retention.defaultPeriod(study.effectiveRetentionMonths)
        : t.retention.noPeriod
  return (
    <>
      <dl className="retention__summary">
        <dt>{t.retention.periodLabel}</dt>
        <dd>{period}</dd>
      </dl>
      <p>{study.eraseOnRequest ? t.retention.requestsAtOnce : t.retention.requestsConfirmed}</p>
      <Notice>{t.retention.adminOnly}</Notice>
    </>
  )
}

type Mode = 'default' | 'own'

function RetentionForm({ study }: { study: Study }) {
  const { t } = useStudiesI18n()
  const update = useUpdateStudy()
  const checkboxId = useId()
  const [mode, setMode] = useState<Mode>(study.retentionMonths === null ? 'default' : 'own')
  const [months, setMonths] = useState(study.retentionMonths === null ? '' : String(study.retentionMonths))
  const [eraseOnRequest, setEraseOnRequest] = useState(study.eraseOnRequest)
  const [invalid, setInvalid] = useState(false)
  const [saved, setSaved] = useState(false)
  // while the study has no period of its own, its effective period is the organization's default
  const settings = useOrganizationSettings()
  const orgDefault =
    study.retentionMonths === null ? study.effectiveRetentionMonths : (settings.data?.retentionMonths ?? null)

  const refused = isApiError(update.error) && update.error.code === 'RETENTION_WOULD_ERASE_RUNNING'
  const monthsError = invalid
    ? t.retention.monthsInvalid
    : refused
      ? t.retention.refused
      : fieldError(update.error, 'retentionMonths')

  const submit = (e: FormEvent) => {
    e.preventDefault()
    setSaved(false)
    let retentionMonths: number | null = null
    if (mode === 'own') {
      const n = Number(months.trim())
      if (!/^\d+$/.test(months.trim()) || n < RETENTION_MONTHS_MIN || n > RETENTION_MONTHS_MAX) return setInvalid(true)
      retentionMonths = n
    }
    setInvalid(false)
    update.mutate({ studyId: study.id, body: { retentionMonths, eraseOnRequest } }, { onSuccess: () => setSaved(true) })
  }

  return (
    <form onSubmit={submit} noValidate className="stack">
      {update.error && !refused && !fieldError(update.error, 'retentionMonths') ? (
        <ErrorAlert error={update.error} />
      ) : null}
      <SelectField<Mode>
        label={t.retention.periodLabel}
        value={mode}
        onChange={(m) => {
          setMode(m)
          setSaved(false)
        }}
        options={[
          {
            value: 'default',
            label: orgDefault !== null ? t.retention.useDefault(orgDefault) : t.retention.noDefault,
          },
          { value: 'own', label: t.retention.own },
        ]}
      />
      {mode === 'own' ? (
        <TextField
          label={t.retention.monthsLabel}
          value={months}
          onChange={(v) => {
            setMonths(v)
            setSaved(false)
          }}
          inputMode="numeric"
          error={monthsError}
          required
        />
      ) : monthsError ? (
        <p className="field__error">{monthsError}</p>
      ) : null}
      <div className="checkbox-field">
        <input
          id={checkboxId}
          type="checkbox"
          checked={eraseOnRequest}
          onChange={(e) => {
            setEraseOnRequest(e.target.checked)
            setSaved(false)
          }}
          aria-describedby={`${checkboxId}-hint`}
        />
        <div>
          <label htmlFor={checkboxId}>{t.retention.eraseOnRequest}</label>
          <p id={`${checkboxId}-hint`} className="field__hint">
            {t.retention.eraseOnRequestHint}
          </p>
        </div>
      </div>
      <div className="form-actions">
        {saved ? (
          <p role="status" className="retention__saved">
            {t.retention.saved}
          </p>
        ) : null}
        <button type="submit" className="btn btn--primary" disabled={update.isPending}>
          {update.isPending ? t.common.saving : t.retention.save}
        </button>
      </div>
    </form>
  )
}
