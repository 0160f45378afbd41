import type { ReminderSettings } from '@klantreis/shared/messages'
import { useEffect, useId, useState, type FormEvent } from 'react'
import { ErrorAlert, Loading, Notice } from '../../../components/ui/alert'
import { TextField } from '../../../components/ui/field'
import { useMessagesI18n } from '../i18n'
import { useReminders, useSaveReminders } from '../api/messages'

const HOURS_PER_DAY = 24

/** Reminders of a survey's invitation: on or off, how many at most, and how many days apart (the API counts hours). */
export function ReminderSettingsSection({
  studyId,
  surveyId,
  canEdit,
}: {
  studyId: string
  surveyId: string
  canEdit: boolean
}) {
  const { t } = useMessagesI18n()
  const settings = useReminders(studyId, surveyId)
  return (
    <section className="panel stack" aria-labelledby="reminders-heading">
      <div>
        <h4 id="reminders-heading">{t.messages.reminders.heading}</h4>
        <p className="muted">{t.messages.reminders.intro}</p>
      </div>
      {settings.isPending ? <Loading /> : null}
      <ErrorAlert error={settings.error} />
      {settings.data ? (
        canEdit ? (
          <ReminderForm studyId={studyId} surveyId={surveyId} saved={settings.data} />
        ) : (
          <p>
            {t.messages.reminders.summary(
              settings.data.enabled,
              settings.data.maxReminders,
              Math.round(settings.data.intervalHours / HOURS_PER_DAY),
            )}
          </p>
        )
      ) : null}
    </section>
  )
}

function ReminderForm({ studyId, surveyId, saved }: { studyId: string; surveyId: string; saved: ReminderSettings }) {
  const { t } = useMessagesI18n()
  const id = useId()
  const save = useSaveReminders(studyId, surveyId)
  const [enabled, setEnabled] = useState(saved.enabled)
  const [max, setMax] = useState(String(saved.maxReminders))
  const [days, setDays] = useState(String(Math.round(saved.intervalHours / HOURS_PER_DAY)))
  const [errors, setErrors] = useState<{ max?: string; days?: string }>({})
  const [done, setDone] = useState(false)

  useEffect(() => {
    setEnabled(saved.enabled)
    setMax(String(saved.maxReminders))
    setDays(String(Math.round(saved.intervalHours / HOURS_PER_DAY)))
  }, [saved])

  const submit = (e: FormEvent) => {
    e.preventDefault()
    setDone(false)
    const m = /^\d+$/.test(max.trim()) ? Number(max.trim()) : NaN
    const d = /^\d+$/.test(days.trim()) ? Number(days.trim()) : NaN
    const found = {
      max: m >= 1 && m <= 5 ? undefined : t.messages.reminders.maxError,
      days: d >= 1 && d <= 14 ? undefined : t.messages.reminders.intervalError,
    }
    setErrors(found)
    if (found.max || found.days) return
    save.mutate({ enabled, maxReminders: m, intervalHours: d * HOURS_PER_DAY }, { onSuccess: () => setDone(true) })
  }

  return (
    <form onSubmit={submit} noValidate className="stack">
      <label className="choice switch" htmlFor={`${id}-enabled`}>
        <input
          id={`${id}-enabled`}
          type="checkbox"
          role="switch"
          checked={enabled}
          onChange={(e) => setEnabled(e.target.checked)}
        />
        <span>{t.messages.reminders.enabled}</span>
      </label>
      <div className="link-form">
        <TextField
          label={t.messages.reminders.max}
          inputMode="numeric"
          value={max}
          onChange={setMax}
          error={errors.max}
          maxLength={1}
          autoComplete="off"
        />
        <TextField
          label={t.messages.reminders.interval}
          inputMode="numeric"
          value={days}
          onChange={setDays}
          hint={t.messages.reminders.intervalHint}
          error={errors.days}
          maxLength={2}
          autoComplete="off"
        />
      </div>
      <div className="form-actions form-actions--start">
        <button type="submit" className="btn btn--primary" disabled={save.isPending}>
          {save.isPending ? t.common.saving : t.messages.reminders.save}
        </button>
      </div>
      <ErrorAlert error={save.error} />
      {done ? <Notice tone="success">{t.messages.reminders.saved}</Notice> : null}
    </form>
  )
}
