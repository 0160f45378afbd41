import type { ReactNode } from 'react'
import { isApiError } from '../../lib/api-client'
import { useI18n } from '../../lib/i18n'

/** Shows an API error's message (never raw HTML), or a generic line for anything else. */
export function ErrorAlert({ error, children }: { error: unknown; children?: ReactNode }) {
  const { t } = useI18n()
  if (!error) return null
  const message = isApiError(error) ? error.message : t.common.somethingWrong
  return (
    <div className="alert alert--error" role="alert">
      <p>{message}</p>
      {children}
    </div>
  )
}

export function Notice({ children, tone = 'info' }: { children: ReactNode; tone?: 'info' | 'success' }) {
  return (
    <div className={`alert alert--${tone}`} role="status">
      {children}
    </div>
  )
}

export function Loading({ label }: { label?: string }) {
  const { t } = useI18n()
  return (
    <p className="loading" role="status">
      <span className="spinner" aria-hidden="true" />
      {label ?? t.common.loading}
    </p>
  )
}
