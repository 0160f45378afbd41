import { useId, useRef, useState } from 'react'
import type { Messages } from '../../../lib/i18n'
import type { RespondentMe } from '../../../lib/types'

type Stage = RespondentMe['stages'][number]
const norm = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()

/**
 * The study's touchpoints grouped by stage, one radio group, with a search box; "something
 * else…" always stays at the end. After a tap the list folds up to the choice and a "Change"
 * button (keyboard users moving with the arrow keys keep the open list).
 */
export function TouchpointPicker(props: {
  t: Messages
  stages: Stage[]
  value: string
  somethingElse: string
  onChange: (v: string) => void
  onSomethingElse: (v: string) => void
  required: boolean
  error: string | null
  elseError: string | null
  id: string
}) {
  const { t, stages, value } = props
  const [open, setOpen] = useState(!value || value === 'else')
  const [query, setQuery] = useState('')
  const changeRef = useRef<HTMLButtonElement>(null)
  const firstRef = useRef<HTMLInputElement>(null)
  const uid = useId()
  const q = norm(query.trim())
  const shown = stages
    .map((s) => ({
      ...s,
      touchpoints: q
        ? s.touchpoints.filter((tp) => norm(tp.name).includes(q) || norm(s.name).includes(q))
        : s.touchpoints,
    }))
    .filter((s) => s.touchpoints.length > 0)
  const chosen = stages
    .flatMap((s) => s.touchpoints.map((tp) => ({ stage: s.name, tp })))
    .find((x) => x.tp.id === value)
  const errId = `${props.id}-error`
  const helpId = `${uid}-help`

  const pick = (id: string, byPointer: boolean) => {
    props.onChange(id)
    if (byPointer && id !== 'else') {
      setOpen(false)
      setQuery('')
      requestAnimationFrame(() => changeRef.current?.focus())
    }
  }
  const radio = (id: string, label: string, first = false) => (
    <label className="choice" key={id}>
      <input
        ref={first ? firstRef : undefined}
        type="radio"
        name="touchpoint"
        value={id}
        checked={value === id}
        onChange={() => props.onChange(id)}
        onClick={(e) => pick(id, e.detail > 0)}
        aria-invalid={props.error ? true : undefined}
      />
      <span>{label}</span>
    </label>
  )

  return (
    <fieldset className="field" id={props.id} aria-describedby={[helpId, props.error ? errId : ''].join(' ').trim()}>
      <legend>
        {t.touchpoint}
        {!props.required && <span className="opt"> ({t.optional})</span>}
      </legend>
      <p className="help" id={helpId}>
        {t.touchpointHelp}
      </p>
      {props.error && (
        <p className="field-error" id={errId}>
          {props.error}
        </p>
      )}
      {!open && chosen ? (
        <div className="chosen">
          <span>
            <span className="chosen-stage">{chosen.stage}</span>
            <strong>{chosen.tp.name}</strong>
          </span>
          <button
            type="button"
            ref={changeRef}
            className="link-button"
            aria-label={`${t.change}: ${chosen.tp.name}`}
            onClick={() => {
              setOpen(true)
              requestAnimationFrame(() =>
                (
                  document.querySelector<HTMLInputElement>('input[name="touchpoint"]:checked') ?? firstRef.current
                )?.focus(),
              )
            }}
          >
            {t.change}
          </button>
        </div>
      ) : (
        <>
          <label className="search">
            <span className="visually-hidden">{t.search}</span>
            <input
              type="search"
              value={query}
              placeholder={t.search}
              onChange={(e) => setQuery(e.target.value)}
              autoComplete="off"
            />
          </label>
          {shown.length === 0 && <p className="help">{t.searchNone}</p>}
          {shown.map((s, si) => (
            <fieldset key={s.id} className="stage-group">
              <legend>{s.name}</legend>
              {s.touchpoints.map((tp, ti) => radio(tp.id, tp.name, si === 0 && ti === 0))}
            </fieldset>
          ))}
          <div className="stage-group else-group">{radio('else', t.somethingElse, shown.length === 0)}</div>
        </>
      )}
      {value === 'else' && (
        <div className="subfield">
          <label htmlFor={`${props.id}-else`}>{t.somethingElseDesc}</label>
          {props.elseError && (
            <p className="field-error" id={`${props.id}-else-error`}>
              {props.elseError}
            </p>
          )}
          <input
            id={`${props.id}-else`}
            type="text"
            maxLength={300}
            value={props.somethingElse}
            onChange={(e) => props.onSomethingElse(e.target.value)}
            aria-invalid={props.elseError ? true : undefined}
            aria-describedby={props.elseError ? `${props.id}-else-error` : undefined}
          />
        </div>
      )}
    </fieldset>
  )
}
