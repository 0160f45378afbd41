import { RETENTION_MONTHS_MAX, RETENTION_MONTHS_MIN } from '@klantreis/shared/studies/constants'
import { useState, type FormEvent } from 'react'
import { ErrorAlert, Loading, Notice } from '../../../components/ui/alert'
import { TextField } from '../../../components/ui/field'
import { fieldError } from '../../../lib/api-client'
import { useOrganizationSettings, useUpdateOrganizationSettings } from '../../../lib/organization-settings'
import { useTeamI18n } from '../i18n'

/** The organization's default retention period (issue 14): admins and owners change it, the rest read it. */
export function RetentionDefaultPanel({ canManage }: { canManage: boolean }) {
  const { t } = useTeamI18n()
  const settings = useOrganizationSettings()
  return (
    <section className="panel stack" aria-labelledby="org-retention-heading">
      <div>
        <h2 id="org-retention-heading">{t.orgRetention.heading}</h2>
        <p className="muted">{t.orgRetention.intro}</p>
      </div>
      {settings.isPending ? <Loading /> : null}
      <ErrorAlert error={settings.error} />
      {settings.data ? (
        <>
          <p data-testid="org-retention-current">
            <strong>
              {settings.data.retentionMonths === null
                ? t.orgRetention.none
                : t.orgRetention.current(settings.data.retentionMonths)}
            </strong>
          </p>
          {canManage ? (
            <RetentionDefaultForm months={settings.data.retentionMonths} />
          ) : (
            <Notice>{t.orgRetention.adminOnly}</Notice>
          )}
        </>
      ) : null}
    </section>
  )
}

function RetentionDefaultForm({ months }: { months: number | null }) {
  const { t } = useTeamI18n()
  const update = useUpdateOrganizationSettings()
  const [value, setValue] = useState(months === null ? '' : String(months))
  const [invalid, setInvalid] = useState(false)
  const [saved, setSaved] = useState(false)

  const submit = (e: FormEvent) => {
    e.preventDefault()
    setSaved(false)
    const text = value.trim()
    const n = Number(text)
    if (text !== '' && (!/^\d+$/.test(text) || n < RETENTION_MONTHS_MIN || n > RETENTION_MONTHS_MAX))
      return setInvalid(true)
    setInvalid(false)
    update.mutate({ retentionMonths: text === '' ? null : n }, { onSuccess: () => setSaved(true) })
  }

  return (
    <form onSubmit={submit} noValidate className="stack">
      {update.error && !fieldError(update.error, 'retentionMonths') ? <ErrorAlert error={update.error} /> : null}
      <TextField
        label={t.orgRetention.label}
        hint={t.orgRetention.hint}
        value={value}
        onChange={(v) => {
          setValue(v)
          setSaved(false)
        }}
        inputMode="numeric"
        error={invalid ? t.orgRetention.invalid : fieldError(update.error, 'retentionMonths')}
      />
      <div className="form-actions">
        {saved ? <p role="status">{t.orgRetention.saved}</p> : null}
        <button type="submit" className="btn btn--primary" disabled={update.isPending}>
          {update.isPending ? t.common.saving : t.orgRetention.save}
        </button>
      </div>
    </form>
  )
}
