import { type ReactNode, useId, useState } from 'react'
import { useI18n } from '../../lib/i18n'

type Props = {
  label: string
  link: string
  /** The copy button is the main action (focused first). */
  primary?: boolean
  /** Under the field, e.g. when the link expires. */
  hint?: ReactNode
  /** More buttons beside "Copy link", e.g. "Done". */
  children?: ReactNode
}

/**
 * A link shown to be passed on (invitations, personal and anonymous links): read-only, selected on
 * focus, with a copy button that falls back to selecting the text where the clipboard is blocked.
 */
export function CopyLink({ label, link, primary, hint, children }: Props) {
  const { t } = useI18n()
  const id = useId()
  const [copied, setCopied] = useState(false)

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(link)
      setCopied(true)
    } catch {
      // clipboard blocked (permissions, insecure context): select the text so it can be copied by hand
      const input = document.getElementById(id)
      if (input instanceof HTMLInputElement) input.select()
    }
  }

  return (
    <div className="copy-row">
      <label htmlFor={id} className="field__label">
        {label}
      </label>
      <div className="copy-row__controls">
        <input id={id} className="input input--mono" readOnly value={link} onFocus={(e) => e.currentTarget.select()} />
        <button
          type="button"
          className={`btn ${primary ? 'btn--primary' : 'btn--secondary'}`}
          onClick={() => void copy()}
          autoFocus={primary}
        >
          {copied ? t.common.copied : t.common.copy}
        </button>
        {children}
      </div>
      {hint ? <p className="field__hint">{hint}</p> : null}
      <p role="status" className="visually-hidden">
        {copied ? t.common.copied : ''}
      </p>
    </div>
  )
}
