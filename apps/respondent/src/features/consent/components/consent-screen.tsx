import { useState } from 'react'
import { ApiRequestError, api } from '../../../lib/api-client'
import { useApp, useScreenHeading } from '../../../lib/context'
import type { RespondentMe } from '../../../lib/types'
import { isMe } from '../../../lib/validate'
import { Header } from '../../../components/header'

/** Until the current consent version is given, this is the only screen. */
export function ConsentScreen({ onConsented }: { onConsented: (me: RespondentMe) => void }) {
  const { me, t } = useApp()
  const h = useScreenHeading(`${t.consentTitle} – ${me.study.title}`)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const consent = me.consent!
  const paragraphs = consent.text.split(/\n\s*\n/).filter((p) => p.trim())

  const agree = async () => {
    setBusy(true)
    setError(null)
    try {
      const { data } = await api<unknown>('POST', '/consent', { body: { version: consent.version } })
      if (!isMe(data)) throw new ApiRequestError(502, 'BAD_RESPONSE', 'unexpected answer')
      onConsented(data)
    } catch {
      setError(t.consentFailed)
      setBusy(false)
    }
  }

  return (
    <>
      <Header />
      <main className="page" id="main">
        <p className="eyebrow">{me.study.title}</p>
        <h1 ref={h} tabIndex={-1}>
          {t.consentTitle}
        </h1>
        <p>{t.consentIntro}</p>
        <section className="consent-text" aria-label={t.consentTitle}>
          {paragraphs.map((p, i) => (
            <p key={i}>{p}</p>
          ))}
        </section>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <button type="button" className="primary big" onClick={agree} disabled={busy}>
          {busy ? t.consentBusy : t.consentAgree}
        </button>
      </main>
    </>
  )
}
