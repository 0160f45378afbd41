import { useState, type FormEvent, type ReactNode } from 'react'
import { useI18n } from '../../lib/i18n'
import { ErrorAlert } from './alert'
import { TextField } from './field'

type Props = {
  /** What must be typed, compared without surrounding spaces. */
  expected: string
  /** The field's label, which says what to type. */
  label: string
  /** The danger button's text, and its text while the action runs. */
  confirmLabel: string
  pendingLabel: string
  pending: boolean
  error: unknown
  onConfirm: () => void
  onCancel: () => void
  /** What goes and what stays, above the field. */
  children: ReactNode
  className?: string
}

/**
 * The form behind every action that cannot be undone (deleting a study, erasing a participant): the
 * danger button stays disabled until the name is typed, so a stray Enter or click destroys nothing.
 */
export function TypedConfirmation({
  expected,
  label,
  confirmLabel,
  pendingLabel,
  pending,
  error,
  onConfirm,
  onCancel,
  children,
  className,
}: Props) {
  const { t } = useI18n()
  const [typed, setTyped] = useState('')
  const confirmed = typed.trim() === expected.trim()

  const submit = (e: FormEvent) => {
    e.preventDefault()
    if (!confirmed || pending) return
    onConfirm()
  }

  return (
    <form onSubmit={submit} noValidate className={className ? `stack ${className}` : 'stack'}>
      {children}
      <ErrorAlert error={error} />
      <TextField label={label} autoComplete="off" value={typed} onChange={setTyped} autoFocus />
      <div className="form-actions">
        <button type="button" className="btn btn--secondary" onClick={onCancel}>
          {t.common.cancel}
        </button>
        <button type="submit" className="btn btn--danger" disabled={!confirmed || pending}>
          {pending ? pendingLabel : confirmLabel}
        </button>
      </div>
    </form>
  )
}
