import { useEffect, useId, useRef, type ReactNode } from 'react'
import { useI18n } from '../../lib/i18n'

type DialogProps = {
  open: boolean
  title: string
  onClose: () => void
  children: ReactNode
  size?: 'small' | 'medium' | 'large'
}

/**
 * A modal on the native <dialog>: the browser traps focus, closes on Escape,
 * makes the page behind inert and returns focus to the opener.
 */
export function Dialog({ open, title, onClose, children, size = 'medium' }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null)
  const titleId = useId()
  const { t } = useI18n()

  useEffect(() => {
    const dialog = ref.current
    if (!dialog) return
    if (open && !dialog.open) dialog.showModal()
    if (!open && dialog.open) dialog.close()
  }, [open])

  return (
    <dialog ref={ref} className={`dialog dialog--${size}`} aria-labelledby={titleId} onClose={onClose}>
      {open ? (
        <div className="dialog__body">
          <header className="dialog__header">
            <h2 id={titleId} className="dialog__title">
              {title}
            </h2>
            <button type="button" className="btn btn--ghost btn--icon" onClick={onClose} aria-label={t.common.close}>
              <span aria-hidden="true">×</span>
            </button>
          </header>
          {children}
        </div>
      ) : null}
    </dialog>
  )
}

type ConfirmDialogProps = {
  open: boolean
  message: string
  confirmLabel: string
  pending?: boolean
  /** Shown on the confirm button while pending; "Deleting…" unless told otherwise. */
  pendingLabel?: string
  /** A red confirm button (the default) for destructive actions, or the primary one. */
  tone?: 'danger' | 'primary'
  error?: ReactNode
  onConfirm: () => void
  onClose: () => void
}

export function ConfirmDialog({
  open,
  message,
  confirmLabel,
  pending,
  pendingLabel,
  tone = 'danger',
  error,
  onConfirm,
  onClose,
}: ConfirmDialogProps) {
  const { t } = useI18n()
  return (
    <Dialog open={open} title={t.common.confirmTitle} onClose={onClose} size="small">
      <p>{message}</p>
      {error}
      <div className="form-actions">
        <button type="button" className="btn btn--secondary" onClick={onClose} autoFocus>
          {t.common.cancel}
        </button>
        <button type="button" className={`btn btn--${tone}`} onClick={onConfirm} disabled={pending}>
          {pending ? (pendingLabel ?? t.common.deleting) : confirmLabel}
        </button>
      </div>
    </Dialog>
  )
}
