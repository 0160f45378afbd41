import { DEFAULT_ENTRY_FORM, ENTRY_FIELDS, type Diary, type EntryForm } from '@klantreis/shared/diary'
import { useId, useMemo, useState, type FormEvent } from 'react'
import { ErrorAlert, Notice } from '../../../components/ui/alert'
import { SelectField, TextField } from '../../../components/ui/field'
import { fieldError } from '../../../lib/api-client'
import { useDiaryI18n } from '../i18n'
import { useSaveDiary } from '../api/diary'

const DEFAULT_TIME_ZONE = 'Europe/Amsterdam'
const MAX_PROMPT_TIMES = 6
const SETTINGS = ['hidden', 'optional', 'required'] as const
type Setting = (typeof SETTINGS)[number]

/** A local calendar day as YYYY-MM-DD, `plusDays` from today. */
function localDay(plusDays = 0): string {
  const d = new Date()
  d.setDate(d.getDate() + plusDays)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}

/** Every IANA zone the browser knows, with the current value kept even when it does not. */
function timeZones(current: string): string[] {
  let zones: string[] = []
  try {
    zones = Intl.supportedValuesOf('timeZone')
  } catch {
    zones = [DEFAULT_TIME_ZONE, 'Europe/London', 'Europe/Brussels', 'UTC']
  }
  const all = new Set([...zones, 'UTC', DEFAULT_TIME_ZONE, current])
  return [...all].sort((a, b) => a.localeCompare(b))
}

type Props = { studyId: string; diary: Diary | null; defaultTitle: string; canEdit: boolean }

export function DiaryForm({ studyId, diary, defaultTitle, canEdit }: Props) {
  const { t } = useDiaryI18n()
  const save = useSaveDiary(studyId)
  const [title, setTitle] = useState(diary?.title ?? defaultTitle)
  const [instructions, setInstructions] = useState(diary?.instructions ?? '')
  const [startsOn, setStartsOn] = useState(diary?.startsOn ?? localDay())
  const [endsOn, setEndsOn] = useState(diary?.endsOn ?? localDay(13))
  const [timeZone, setTimeZone] = useState(diary?.timeZone ?? DEFAULT_TIME_ZONE)
  const [promptTimes, setPromptTimes] = useState<string[]>(diary?.promptTimes ?? ['19:30'])
  const [form, setForm] = useState<EntryForm>(diary?.form ?? DEFAULT_ENTRY_FORM)
  const [saved, setSaved] = useState(false)
  const zones = useMemo(() => timeZones(timeZone), [timeZone])
  const promptId = useId()
  const err = (path: string) => fieldError(save.error, path)

  const submit = (e: FormEvent) => {
    e.preventDefault()
    setSaved(false)
    const times = [...new Set(promptTimes.filter(Boolean))].sort()
    save.mutate(
      { title: title.trim(), instructions: instructions.trim(), startsOn, endsOn, timeZone, promptTimes: times, form },
      {
        onSuccess: (d) => {
          setPromptTimes(d.promptTimes)
          setSaved(true)
        },
      },
    )
  }

  const edited =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      setSaved(false)
      set(v)
    }

  return (
    <form onSubmit={submit} noValidate className="panel stack diary-form">
      <ErrorAlert error={save.error} />
      <TextField
        label={t.diary.title}
        hint={t.diary.titleHint}
        value={title}
        onChange={edited(setTitle)}
        error={err('title')}
        disabled={!canEdit}
        maxLength={200}
        required
      />
      <TextField
        label={t.diary.instructions}
        hint={t.diary.instructionsHint}
        optionalLabel={t.common.optional}
        value={instructions}
        onChange={edited(setInstructions)}
        error={err('instructions')}
        disabled={!canEdit}
        maxLength={10_000}
        multiline
        rows={4}
      />
      <div className="grid-2">
        <TextField
          label={t.diary.startsOn}
          type="date"
          value={startsOn}
          onChange={edited(setStartsOn)}
          error={err('startsOn')}
          disabled={!canEdit}
          required
        />
        <TextField
          label={t.diary.endsOn}
          type="date"
          value={endsOn}
          onChange={edited(setEndsOn)}
          error={err('endsOn')}
          disabled={!canEdit}
          required
        />
      </div>
      <div className="grid-2 grid-2--top">
        <SelectField
          label={t.diary.timeZone}
          hint={t.diary.timeZoneHint}
          value={timeZone}
          options={zones.map((z) => ({ value: z, label: z.replace(/_/g, ' ') }))}
          onChange={edited(setTimeZone)}
          error={err('timeZone')}
          disabled={!canEdit}
        />
        <fieldset className="fieldset" aria-describedby={`${promptId}-hint`} disabled={!canEdit}>
          <legend className="field__label">{t.diary.promptTimes}</legend>
          <p id={`${promptId}-hint`} className="field__hint">
            {t.diary.promptTimesHint}
          </p>
          {promptTimes.length === 0 ? <p className="muted">{t.diary.noPromptTimes}</p> : null}
          <ul className="prompt-times">
            {promptTimes.map((time, i) => (
              <li key={i} className="prompt-times__item">
                <label htmlFor={`${promptId}-${i}`} className="visually-hidden">
                  {t.diary.promptTime(i + 1)}
                </label>
                <input
                  id={`${promptId}-${i}`}
                  type="time"
                  className="input input--time"
                  value={time}
                  aria-invalid={err(`promptTimes.${i}`) ? true : undefined}
                  onChange={(e) => edited(setPromptTimes)(promptTimes.map((p, j) => (j === i ? e.target.value : p)))}
                />
                <button
                  type="button"
                  className="btn btn--ghost btn--icon btn--small"
                  aria-label={t.diary.removePromptTime(i + 1)}
                  onClick={() => edited(setPromptTimes)(promptTimes.filter((_, j) => j !== i))}
                >
                  <span aria-hidden="true">×</span>
                </button>
              </li>
            ))}
          </ul>
          {err('promptTimes') ? <p className="field__error">{err('promptTimes')}</p> : null}
          {promptTimes.length < MAX_PROMPT_TIMES ? (
            <button
              type="button"
              className="btn btn--secondary btn--small"
              onClick={() => edited(setPromptTimes)([...promptTimes, '12:00'])}
            >
              <span aria-hidden="true">+ </span>
              {t.diary.addPromptTime}
            </button>
          ) : null}
        </fieldset>
      </div>

      <div className="stack stack--sm">
        <div>
          <h3>{t.diary.form}</h3>
          <p className="field__hint">{t.diary.formIntro}</p>
        </div>
        <div className="field-settings">
          {ENTRY_FIELDS.map((field) => (
            <FieldSetting
              key={field}
              label={t.diary.fields[field]}
              value={form[field]}
              disabled={!canEdit}
              onChange={(v) => edited(setForm)({ ...form, [field]: v })}
            />
          ))}
        </div>
        {err('form') ? <p className="field__error">{err('form')}</p> : null}
      </div>

      {saved ? <Notice tone="success">{t.diary.saved}</Notice> : null}
      {canEdit ? (
        <div className="form-actions form-actions--start">
          <button type="submit" className="btn btn--primary" disabled={save.isPending}>
            {save.isPending ? t.common.saving : t.diary.save}
          </button>
        </div>
      ) : null}
    </form>
  )
}

/** One entry-form field as a radio group: hidden, optional or required. */
function FieldSetting({
  label,
  value,
  disabled,
  onChange,
}: {
  label: string
  value: Setting
  disabled: boolean
  onChange: (v: Setting) => void
}) {
  const { t } = useDiaryI18n()
  const id = useId()
  return (
    <div className="field-setting" role="radiogroup" aria-labelledby={`${id}-label`}>
      <span id={`${id}-label`} className="field-setting__name">
        {label}
      </span>
      <div className="segmented">
        {SETTINGS.map((s) => (
          <label key={s} className={`segmented__option segmented__option--${s}`}>
            <input
              type="radio"
              className="segmented__input"
              name={id}
              value={s}
              checked={value === s}
              disabled={disabled}
              onChange={() => onChange(s)}
            />
            <span>{t.diary.settings[s]}</span>
          </label>
        ))}
      </div>
    </div>
  )
}
