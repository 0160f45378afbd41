import { forwardRef, useId, useState } from 'react'
import { useCodingI18n } from '../i18n'

export type TouchpointOption = { id: string; name: string; stage: string }

type Props = {
  options: TouchpointOption[]
  value: string | null
  onChange: (id: string | null) => void
  /** Picked, or Escape: the workbench takes the keys back. */
  onDone: () => void
  disabled?: boolean
}

/** A type-ahead for the touchpoint (a combobox): type, ↓/↑ to move, Enter to pick, Escape to go back. */
export const TouchpointPicker = forwardRef<HTMLInputElement, Props>(function TouchpointPicker(
  { options, value, onChange, onDone, disabled },
  ref,
) {
  const { t } = useCodingI18n()
  const id = useId()
  const [query, setQuery] = useState('')
  const [open, setOpen] = useState(false)
  const [active, setActive] = useState(0)
  const current = options.find((o) => o.id === value)
  const q = query.trim().toLowerCase()
  const matches = options
    .filter((o) => !q || o.name.toLowerCase().includes(q) || o.stage.toLowerCase().includes(q))
    .slice(0, 8)

  const pick = (o: TouchpointOption | undefined) => {
    if (!o) return
    onChange(o.id)
    setQuery('')
    setOpen(false)
    onDone()
  }

  return (
    <div className="field tp-picker">
      <label htmlFor={id} className="field__label">
        {t.coding.touchpointSearch} <kbd>T</kbd>
      </label>
      <p className="tp-picker__current" id={`${id}-current`}>
        {current ? (
          <>
            <strong>{current.name}</strong> <span className="muted">· {current.stage}</span>
            {!disabled ? (
              <button type="button" className="btn btn--ghost btn--small" onClick={() => onChange(null)}>
                {t.coding.clearTouchpoint}
              </button>
            ) : null}
          </>
        ) : (
          <span className="muted">{t.common.none}</span>
        )}
      </p>
      <input
        ref={ref}
        id={id}
        className="input"
        role="combobox"
        aria-expanded={open}
        aria-controls={`${id}-list`}
        aria-autocomplete="list"
        aria-describedby={`${id}-current`}
        aria-activedescendant={open && matches[active] ? `${id}-opt-${active}` : undefined}
        placeholder={t.coding.touchpointPlaceholder}
        value={query}
        disabled={disabled}
        autoComplete="off"
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onChange={(e) => {
          setQuery(e.target.value)
          setActive(0)
          setOpen(true)
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault()
            setActive((a) => Math.min(a + 1, matches.length - 1))
          } else if (e.key === 'ArrowUp') {
            e.preventDefault()
            setActive((a) => Math.max(a - 1, 0))
          } else if (e.key === 'Enter') {
            e.preventDefault()
            pick(matches[active])
          } else if (e.key === 'Escape') {
            e.preventDefault()
            setQuery('')
            setOpen(false)
            onDone()
          }
        }}
      />
      {open ? (
        <ul id={`${id}-list`} role="listbox" aria-label={t.coding.touchpointOptions} className="tp-picker__list">
          {matches.length === 0 ? <li className="muted">{t.coding.noMatch}</li> : null}
          {matches.map((o, i) => (
            <li
              key={o.id}
              id={`${id}-opt-${i}`}
              role="option"
              aria-selected={i === active}
              className="tp-picker__option"
              // mousedown, not click: the input's blur would close the list first
              onMouseDown={(e) => {
                e.preventDefault()
                pick(o)
              }}
            >
              {o.name} <span className="muted">· {o.stage}</span>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  )
})
