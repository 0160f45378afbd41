import { useEffect, useId, useRef } from 'react'

/** A native modal <dialog>: focus is trapped and Escape closes it. */
export function ConfirmDialog(props: {
  open: boolean
  title: string
  body: string
  confirm: string
  cancel: string
  onConfirm: () => void
  onClose: () => void
}) {
  const ref = useRef<HTMLDialogElement>(null)
  const id = useId()
  useEffect(() => {
    const d = ref.current
    if (!d) return
    if (props.open && !d.open) d.showModal()
    if (!props.open && d.open) d.close()
  }, [props.open])
  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={`${id}-t`}
      aria-describedby={`${id}-b`}
      onClose={props.onClose}
    >
      <h2 id={`${id}-t`}>{props.title}</h2>
      <p id={`${id}-b`}>{props.body}</p>
      <div className="dialog-actions">
        <button type="button" onClick={props.onClose} autoFocus>
          {props.cancel}
        </button>
        <button type="button" className="danger" onClick={props.onConfirm}>
          {props.confirm}
        </button>
      </div>
    </dialog>
  )
}
