import { ENTRY_TEXT_MAX, VALENCES } from '@klantreis/shared/diary/constants'
import { CHANNELS } from '@klantreis/shared/journey/constants'
import { useEffect, useRef, useState } from 'react'
import { EmotionScale } from '../../../components/emotion-scale'
import { type EntryField, problemField } from './entry-problem'
import { TouchpointPicker } from './touchpoint-picker'
import { useApp, useScreenHeading } from '../../../lib/context'
import { clearDraft, type FormValues, loadDraft, saveDraft } from '../api/draft'
import type { Messages } from '../../../lib/i18n'
import { PhotoError, preparePhoto } from './photo'
import * as db from '../../../lib/idb'
import { contentOf, requestPersistence, saveEntry, uuid } from '../api/entry-store'
import { hasUnstorable, stripUnstorable } from '../../../lib/text'
import type { EntryContent, EntryForm, FieldSetting, LocalPhoto, LocalRecord } from '../../../lib/types'
import { Header } from '../../../components/header'

const pad = (n: number) => String(n).padStart(2, '0')
/** A Date as the value of <input type="datetime-local"> in the device's time zone. */
export const toLocalInput = (d: Date) =>
  `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`
/** ISO 8601 with the device's offset, e.g. 2026-05-04T14:30:00+02:00. */
export function toIsoWithOffset(d: Date) {
  const off = -d.getTimezoneOffset()
  const sign = off >= 0 ? '+' : '-'
  const a = Math.abs(off)
  return `${toLocalInput(d)}:${pad(d.getSeconds())}${sign}${pad(Math.floor(a / 60))}:${pad(a % 60)}`
}

const emptyValues = (): FormValues => ({
  when: toLocalInput(new Date()),
  touchpoint: '',
  somethingElse: '',
  text: '',
  emotion: null,
  valence: null,
  channel: '',
  channelTouched: false,
  photoId: null,
})

function valuesOf(r: LocalRecord): FormValues | null {
  const c = contentOf(r)
  if (!c) return null
  const se = c.somethingElse ?? (c.touchpointId ? null : (c.proposal?.description ?? null))
  return {
    when: toLocalInput(new Date(c.occurredAt)),
    touchpoint: c.touchpointId ?? (se ? 'else' : ''),
    somethingElse: se ?? '',
    text: c.text,
    emotion: c.emotion,
    valence: c.valence,
    channel: c.channel ?? '',
    channelTouched: true,
    photoId: c.photoId,
  }
}

type Errors = Partial<
  Record<'when' | 'touchpoint' | 'somethingElse' | 'text' | 'emotion' | 'valence' | 'channel' | 'photo', string>
>
const FIELD_ORDER = ['when', 'touchpoint', 'somethingElse', 'text', 'emotion', 'valence', 'channel', 'photo'] as const
const FIELD_ID: Record<keyof Errors, string> = {
  when: 'f-when',
  touchpoint: 'f-touchpoint',
  somethingElse: 'f-touchpoint-else',
  text: 'f-text',
  emotion: 'f-emotion',
  valence: 'f-valence',
  channel: 'f-channel',
  photo: 'f-photo',
}
const ERROR_OF: Record<EntryField, keyof Errors> = {
  text: 'text',
  somethingElse: 'somethingElse',
  occurredAt: 'when',
  touchpointId: 'touchpoint',
  emotion: 'emotion',
  valence: 'valence',
  channel: 'channel',
  photoId: 'photo',
}

/** A moment the server refused, opened to fix it: the error stands at the field the refusal named. */
function refusalErrors(rec: LocalRecord | undefined, t: Messages): Errors {
  const content = rec?.pending?.kind === 'put' ? rec.pending.content : null
  const field = rec?.failure && !rec.conflict ? problemField(t, rec.failure, content) : null
  if (!field) return {}
  const value = content?.[field]
  return { [ERROR_OF[field]]: typeof value === 'string' && hasUnstorable(value) ? t.fieldUnstorable : t.fieldRefused }
}

function validate(v: FormValues, photo: LocalPhoto | null, form: EntryForm, t: Messages): Errors {
  const e: Errors = {}
  const when = new Date(v.when)
  if (!v.when || Number.isNaN(when.getTime())) e.when = t.whenInvalid
  else if (when.getTime() > Date.now() + 5 * 60_000) e.when = t.whenFuture
  const req = (f: keyof EntryForm) => form[f] === 'required'
  if (form.touchpoint !== 'hidden') {
    if (v.touchpoint === 'else' && !v.somethingElse.trim()) e.somethingElse = t.somethingElseRequired
    else if (req('touchpoint') && !v.touchpoint) e.touchpoint = t.touchpointRequired
  }
  if (form.text !== 'hidden') {
    if (req('text') && !stripUnstorable(v.text).trim()) e.text = t.textRequired
    else if (v.text.length > ENTRY_TEXT_MAX) e.text = t.textTooLong(ENTRY_TEXT_MAX)
  }
  if (req('emotion') && v.emotion === null) e.emotion = t.emotionRequired
  if (req('valence') && !v.valence) e.valence = t.valenceRequired
  if (req('channel') && !v.channel) e.channel = t.channelRequired
  if (req('photo') && !photo && !v.photoId) e.photo = t.photoRequired
  return e
}

// Prevention only: NUL and lone surrogates (a paste from a broken source) are dropped here, as the
// server cannot store them. Whatever else the server refuses is parked by the sync queue and shown.
function toContent(v: FormValues, form: EntryForm): EntryContent {
  const shown = (f: keyof EntryForm) => form[f] !== 'hidden'
  const tp = shown('touchpoint') ? v.touchpoint : ''
  return {
    occurredAt: toIsoWithOffset(new Date(v.when)),
    touchpointId: tp && tp !== 'else' ? tp : null,
    somethingElse: tp === 'else' ? stripUnstorable(v.somethingElse).trim() : null,
    text: shown('text') ? stripUnstorable(v.text).trim() : '',
    emotion: shown('emotion') ? v.emotion : null,
    valence: shown('valence') ? v.valence : null,
    channel: shown('channel') && v.channel ? v.channel : null,
    photoId: shown('photo') ? v.photoId : null,
  }
}

export function EntryFormScreen({ editId }: { editId: string | null }) {
  const { me, t, navigate, announce } = useApp()
  const form = me.diary!.form
  const title = editId ? t.editTitle : t.newTitle
  const h = useScreenHeading(title)
  const [state, setState] = useState<
    { id: string; values: FormValues; initial: string; photo: LocalPhoto | null } | 'missing' | null
  >(null)
  const [errors, setErrors] = useState<Errors>({})
  const [photoError, setPhotoError] = useState<string | null>(null)
  const [photoBusy, setPhotoBusy] = useState(false)
  const [saving, setSaving] = useState(false)
  const [saveError, setSaveError] = useState<string | null>(null)
  const summaryRef = useRef<HTMLDivElement>(null)
  const touched = useRef(false)
  const lastPhoto = useRef<string | null>(null)

  // start from the draft if it belongs here, else from the entry (edit) or empty (new)
  useEffect(() => {
    let live = true
    void (async () => {
      const draft = await loadDraft()
      const rec = editId ? await db.get<LocalRecord>('entries', editId) : undefined
      let next: typeof state
      if (draft && (editId ? draft.mode === 'edit' && draft.id === editId : draft.mode === 'new')) {
        next = { id: draft.id, values: draft.values, photo: draft.photo, initial: '' }
        lastPhoto.current = draft.photo?.key ?? null
      } else if (editId) {
        const v = rec ? valuesOf(rec) : null
        next = v
          ? {
              id: editId,
              values: v,
              photo: rec?.pending?.kind === 'put' ? rec.pending.photo : null,
              initial: JSON.stringify(v),
            }
          : 'missing'
      } else {
        const v = emptyValues()
        next = { id: uuid(), values: v, photo: null, initial: JSON.stringify(v) }
      }
      if (!live) return
      setState(next)
      setErrors(refusalErrors(rec, t))
    })()
    return () => {
      live = false
    }
    // t: the language's texts only name the fields; a language switch need not reload the entry
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [editId])

  // every change goes to the draft (a new photo at once, typing shortly after)
  useEffect(() => {
    if (!touched.current || !state || state === 'missing') return
    const key = state.photo?.key ?? null
    saveDraft(
      { mode: editId ? 'edit' : 'new', id: state.id, values: state.values, photo: state.photo, savedAt: Date.now() },
      key !== lastPhoto.current,
    )
    lastPhoto.current = key
  }, [state, editId])

  if (state === null) return null
  const back = () => navigate({ name: 'home' })
  if (state === 'missing' || me.diary?.state !== 'open') {
    return (
      <>
        <Header back={back} />
        <main className="page" id="main">
          <h1 ref={h} tabIndex={-1}>
            {title}
          </h1>
          <p className="notice">{state === 'missing' ? t.notFound : t.readOnlyForm}</p>
        </main>
      </>
    )
  }

  const { values, photo } = state
  const set = (patch: Partial<FormValues>) => {
    touched.current = true
    setState((s) => (s && s !== 'missing' ? { ...s, values: { ...s.values, ...patch } } : s))
    if (Object.keys(errors).length)
      setErrors((e) =>
        Object.fromEntries(
          Object.entries(e).filter(([k]) => !(k in patch) && !(k === 'somethingElse' && 'touchpoint' in patch)),
        ),
      )
  }
  const setPhoto = (p: LocalPhoto | null, photoId: string | null) => {
    touched.current = true
    setState((s) => (s && s !== 'missing' ? { ...s, photo: p, values: { ...s.values, photoId } } : s))
    setErrors(({ photo: _, ...rest }) => rest)
  }

  const onTouchpoint = (id: string) => {
    const tp = me.stages.flatMap((s) => s.touchpoints).find((x) => x.id === id)
    set({
      touchpoint: id,
      ...(tp && !values.channelTouched && form.channel !== 'hidden' ? { channel: tp.channel } : {}),
    })
  }

  const onFile = async (file: File | undefined) => {
    if (!file) return
    setPhotoError(null)
    setPhotoBusy(true)
    try {
      const blob = await preparePhoto(file)
      setPhoto({ key: uuid(), blob }, null)
    } catch (err) {
      setPhotoError(err instanceof PhotoError && err.reason === 'too_large' ? t.photoTooLarge : t.photoUnreadable)
    } finally {
      setPhotoBusy(false)
    }
  }

  const submit = async (e: React.FormEvent) => {
    e.preventDefault()
    if (saving || photoBusy) return
    const errs = validate(values, photo, form, t)
    setErrors(errs)
    if (Object.keys(errs).length) {
      requestAnimationFrame(() => summaryRef.current?.focus())
      return
    }
    setSaving(true)
    try {
      await saveEntry(state.id, toContent(values, form), form.photo === 'hidden' ? null : photo)
      await clearDraft()
      void requestPersistence()
      announce(navigator.onLine ? t.savedSent : t.savedLocally)
      navigate({ name: 'home' })
    } catch {
      setSaving(false)
      setSaveError(t.saveFailed)
    }
  }

  const leave = () => {
    // nothing typed: no draft to keep
    if (JSON.stringify(values) === state.initial && !photo) void clearDraft()
    back()
  }

  const focusField = (k: keyof Errors) => {
    const el = document.getElementById(FIELD_ID[k])
    const target = el?.matches('input,textarea,select')
      ? el
      : el?.querySelector<HTMLElement>('input:checked, input, textarea, select, button')
    target?.focus()
  }
  const errList = FIELD_ORDER.filter((k) => errors[k])
  const opt = (s: FieldSetting) => (s === 'optional' ? <span className="opt"> ({t.optional})</span> : null)
  const err = (k: keyof Errors) =>
    errors[k] ? (
      <p className="field-error" id={`${FIELD_ID[k]}-error`}>
        {errors[k]}
      </p>
    ) : null
  const described = (k: keyof Errors, help?: string) =>
    [help, errors[k] ? `${FIELD_ID[k]}-error` : ''].filter(Boolean).join(' ') || undefined

  return (
    <>
      <Header back={leave} />
      <main className="page" id="main">
        <h1 ref={h} tabIndex={-1}>
          {title}
        </h1>
        <form onSubmit={submit} noValidate className="entry-form">
          {errList.length > 0 && (
            <div className="error-summary" role="alert" tabIndex={-1} ref={summaryRef} aria-labelledby="err-title">
              <h2 id="err-title">{t.errorSummary}</h2>
              <ul>
                {errList.map((k) => (
                  <li key={k}>
                    <button type="button" className="link-button" onClick={() => focusField(k)}>
                      {errors[k]}
                    </button>
                  </li>
                ))}
              </ul>
            </div>
          )}

          <div className="field">
            <label htmlFor="f-when">{t.when}</label>
            {err('when')}
            <input
              id="f-when"
              type="datetime-local"
              value={values.when}
              max={toLocalInput(new Date(Date.now() + 5 * 60_000))}
              onChange={(e) => set({ when: e.target.value })}
              aria-invalid={errors.when ? true : undefined}
              aria-describedby={described('when')}
            />
          </div>

          {form.touchpoint !== 'hidden' && (
            <TouchpointPicker
              t={t}
              stages={me.stages}
              value={values.touchpoint}
              somethingElse={values.somethingElse}
              onChange={onTouchpoint}
              onSomethingElse={(v) => set({ somethingElse: v })}
              required={form.touchpoint === 'required'}
              error={errors.touchpoint ?? null}
              elseError={errors.somethingElse ?? null}
              id="f-touchpoint"
            />
          )}

          {form.text !== 'hidden' && (
            <div className="field">
              <label htmlFor="f-text">
                {t.text}
                {opt(form.text)}
              </label>
              <p className="help" id="f-text-help">
                {t.textHelp}
              </p>
              {err('text')}
              <textarea
                id="f-text"
                rows={5}
                value={values.text}
                maxLength={ENTRY_TEXT_MAX}
                onChange={(e) => set({ text: e.target.value })}
                aria-invalid={errors.text ? true : undefined}
                aria-describedby={described('text', 'f-text-help')}
              />
            </div>
          )}

          {form.emotion !== 'hidden' && (
            <EmotionScale
              id="f-emotion"
              legend={t.emotion}
              words={t.emotions}
              value={values.emotion}
              onChange={(v) => set({ emotion: v })}
              required={form.emotion === 'required'}
              optionalText={t.optional}
              error={errors.emotion ?? null}
            />
          )}

          {form.valence !== 'hidden' && (
            <fieldset className="field" id="f-valence" aria-describedby={described('valence')}>
              <legend>
                {t.valence}
                {opt(form.valence)}
              </legend>
              {err('valence')}
              <div className="valence">
                {VALENCES.map((v) => (
                  <label key={v} className={`choice valence-${v}`}>
                    <input
                      type="radio"
                      name="valence"
                      value={v}
                      checked={values.valence === v}
                      onChange={() => set({ valence: v })}
                      aria-invalid={errors.valence ? true : undefined}
                    />
                    <span>
                      <strong>{t.valences[v]}</strong>
                      <span className="choice-help">{t.valenceHelp[v]}</span>
                    </span>
                  </label>
                ))}
              </div>
            </fieldset>
          )}

          {form.channel !== 'hidden' && (
            <div className="field">
              <label htmlFor="f-channel">
                {t.channel}
                {opt(form.channel)}
              </label>
              {err('channel')}
              <select
                id="f-channel"
                value={values.channel}
                onChange={(e) => set({ channel: e.target.value as FormValues['channel'], channelTouched: true })}
                aria-invalid={errors.channel ? true : undefined}
                aria-describedby={described('channel')}
              >
                <option value="">{t.channelNone}</option>
                {CHANNELS.map((c) => (
                  <option key={c} value={c}>
                    {t.channels[c]}
                  </option>
                ))}
              </select>
            </div>
          )}

          {form.photo !== 'hidden' && (
            <PhotoField
              t={t}
              setting={form.photo}
              photo={photo}
              photoId={values.photoId}
              busy={photoBusy}
              error={errors.photo ?? photoError}
              onFile={onFile}
              onRemove={() => setPhoto(null, null)}
            />
          )}

          {saveError && (
            <p className="form-error" role="alert">
              {saveError}
            </p>
          )}
          <button type="submit" className="primary big" disabled={saving || photoBusy}>
            {saving ? t.saving : t.save}
          </button>
        </form>
      </main>
    </>
  )
}

function PhotoField(props: {
  t: Messages
  setting: FieldSetting
  photo: LocalPhoto | null
  photoId: string | null
  busy: boolean
  error: string | null
  onFile: (f: File | undefined) => void
  onRemove: () => void
}) {
  const { t } = props
  const [url, setUrl] = useState<string | null>(null)
  useEffect(() => {
    if (props.photo) {
      const u = URL.createObjectURL(props.photo.blob)
      setUrl(u)
      return () => URL.revokeObjectURL(u)
    }
    setUrl(props.photoId ? `/api/v1/respondent/photos/${encodeURIComponent(props.photoId)}` : null)
    return undefined
  }, [props.photo, props.photoId])
  const has = !!url
  return (
    <div className="field" id="f-photo">
      <span className="label" id="f-photo-label">
        {t.photo}
        {props.setting === 'optional' && <span className="opt"> ({t.optional})</span>}
      </span>
      {props.error && (
        <p className="field-error" id="f-photo-error" role="alert">
          {props.error}
        </p>
      )}
      {url && <img className="photo-preview" src={url} alt={t.photoAlt} />}
      {props.busy && (
        <p className="help" role="status">
          {t.photoPreparing}
        </p>
      )}
      <div className="row">
        <label className="file-button">
          <input
            type="file"
            accept="image/*"
            className="visually-hidden"
            aria-describedby={props.error ? 'f-photo-error' : undefined}
            onChange={(e) => {
              props.onFile(e.target.files?.[0])
              e.target.value = ''
            }}
          />
          {has ? t.photoReplace : t.photoAdd}
        </label>
        {has && (
          <button type="button" onClick={props.onRemove}>
            {t.photoRemove}
          </button>
        )}
      </div>
    </div>
  )
}
