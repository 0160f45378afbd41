import { useId, type ReactNode } from 'react'

type FieldFrameProps = {
  label: string
  hint?: string
  error?: string
  optionalLabel?: string
  children: (ids: { id: string; describedBy: string | undefined; invalid: boolean }) => ReactNode
}

/** Label, control, hint and error wired together for assistive technology. */
function FieldFrame({ label, hint, error, optionalLabel, children }: FieldFrameProps) {
  const id = useId()
  const hintId = hint ? `${id}-hint` : undefined
  const errorId = error ? `${id}-error` : undefined
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined
  return (
    <div className={`field${error ? ' field--invalid' : ''}`}>
      <label htmlFor={id} className="field__label">
        {label}
        {optionalLabel ? <span className="field__optional"> {optionalLabel}</span> : null}
      </label>
      {hint ? (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      ) : null}
      {children({ id, describedBy, invalid: Boolean(error) })}
      {error ? (
        <p id={errorId} className="field__error">
          {error}
        </p>
      ) : null}
    </div>
  )
}

type TextFieldProps = {
  label: string
  value: string
  onChange: (value: string) => void
  hint?: string
  error?: string
  optionalLabel?: string
  type?: 'text' | 'email' | 'password' | 'date' | 'time'
  /** The phone keyboard to show, e.g. 'numeric' for a count (the field stays text, so the app checks it and says why). */
  inputMode?: 'numeric' | 'decimal' | 'email' | 'url'
  autoComplete?: string
  required?: boolean
  disabled?: boolean
  autoFocus?: boolean
  maxLength?: number
  multiline?: boolean
  rows?: number
}

export function TextField({ multiline, rows = 4, onChange, type = 'text', ...props }: TextFieldProps) {
  return (
    <FieldFrame label={props.label} hint={props.hint} error={props.error} optionalLabel={props.optionalLabel}>
      {({ id, describedBy, invalid }) =>
        multiline ? (
          <textarea
            id={id}
            className="input input--multiline"
            rows={rows}
            value={props.value}
            onChange={(e) => onChange(e.target.value)}
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
            aria-required={props.required || undefined}
            disabled={props.disabled}
            maxLength={props.maxLength}
            autoFocus={props.autoFocus}
          />
        ) : (
          <input
            id={id}
            className="input"
            type={type}
            value={props.value}
            onChange={(e) => onChange(e.target.value)}
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
            aria-required={props.required || undefined}
            autoComplete={props.autoComplete}
            inputMode={props.inputMode}
            disabled={props.disabled}
            maxLength={props.maxLength}
            autoFocus={props.autoFocus}
          />
        )
      }
    </FieldFrame>
  )
}

type SelectFieldProps<T extends string> = {
  label: string
  value: T
  options: readonly { value: T; label: string }[]
  onChange: (value: T) => void
  hint?: string
  error?: string
  disabled?: boolean
}

export function SelectField<T extends string>({ options, onChange, ...props }: SelectFieldProps<T>) {
  return (
    <FieldFrame label={props.label} hint={props.hint} error={props.error}>
      {({ id, describedBy, invalid }) => (
        <select
          id={id}
          className="input input--select"
          value={props.value}
          onChange={(e) => onChange(e.target.value as T)}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          disabled={props.disabled}
        >
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </FieldFrame>
  )
}

type CheckboxGroupProps<T extends string> = {
  legend: string
  hint?: string
  error?: string
  options: readonly { value: T; label: string }[]
  value: readonly T[]
  onChange: (value: T[]) => void
  disabled?: boolean
}

export function CheckboxGroup<T extends string>({
  legend,
  hint,
  error,
  options,
  value,
  onChange,
  disabled,
}: CheckboxGroupProps<T>) {
  const id = useId()
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined
  const toggle = (option: T, checked: boolean) => {
    // keep the order of the options, not the order of clicking
    const next = options.map((o) => o.value).filter((v) => (v === option ? checked : value.includes(v)))
    onChange(next)
  }
  return (
    <fieldset
      className={`fieldset${error ? ' field--invalid' : ''}`}
      aria-describedby={describedBy}
      disabled={disabled}
    >
      <legend className="field__label">{legend}</legend>
      {hint ? (
        <p id={`${id}-hint`} className="field__hint">
          {hint}
        </p>
      ) : null}
      <div className="choice-row">
        {options.map((o) => (
          <label key={o.value} className="choice">
            <input
              type="checkbox"
              checked={value.includes(o.value)}
              onChange={(e) => toggle(o.value, e.target.checked)}
            />
            <span>{o.label}</span>
          </label>
        ))}
      </div>
      {error ? (
        <p id={`${id}-error`} className="field__error">
          {error}
        </p>
      ) : null}
    </fieldset>
  )
}
