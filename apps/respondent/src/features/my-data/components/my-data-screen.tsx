import { useEffect, useState } from 'react'
import type { ConfirmDialog } from '../../../components/confirm-dialog'
import type { Header } from '../../../components/header'
import type { MessagePage } from '../../../components/message-page'
import type { api } from '../../../lib/api-client'
import type { AppCtx, useScreenHeading } from '../../../lib/context'
import type { formatDay } from '../../../lib/i18n'
import { myDataTexts } from '../i18n'

/**
 * What the screen uses from the app shell, handed in by app.tsx rather than imported: a lazy chunk
 * that imports the shell's modules makes the bundler split them out of the entry into a shared
 * chunk, which costs every route about a kilobyte of the 90 KiB budget.
 */
export type MyDataKit = {
  app: AppCtx
  Header: typeof Header
  MessagePage: typeof MessagePage
  ConfirmDialog: typeof ConfirmDialog
  api: typeof api
  useScreenHeading: typeof useScreenHeading
  formatDay: typeof formatDay
  /** Forgets the moments kept on this device (they were erased on the server). */
  forgetThisDevice: () => Promise<void>
}

/** What GET/POST /me/removal-request answer (RespondentRemovalState in the contract). */
type Removal = {
  status: 'none' | 'pending' | 'declined' | 'removed'
  requestedAt: string | null
  decidedAt: string | null
  declineReason: string | null
}
const isRemoval = (v: unknown): v is Removal =>
  !!v && typeof v === 'object' && ['none', 'pending', 'declined', 'removed'].includes((v as Removal).status)

/**
 * "Mijn gegevens" / "My data": what Klantreis holds about the participant, a download of all of it
 * (the ZIP of GET /me/export, the browser's own download), and their request to have it removed,
 * with its state: pending since, declined (with the reason), or removed.
 */
export function MyDataScreen({ kit }: { kit: MyDataKit }) {
  const { Header, MessagePage, ConfirmDialog, api, formatDay } = kit
  const { t: common, lang, navigate } = kit.app
  const t = myDataTexts[lang]
  const h = kit.useScreenHeading(t.title)
  const [removal, setRemoval] = useState<Removal | null>(null)
  const [failed, setFailed] = useState(false)
  const [asking, setAsking] = useState(false)
  const [busy, setBusy] = useState(false)

  useEffect(() => {
    api<unknown>('GET', '/me/removal-request')
      .then(({ data }) => setRemoval(isRemoval(data) ? data : null))
      .catch(() => setFailed(true))
  }, [api])

  const ask = async () => {
    setAsking(false)
    setBusy(true)
    setFailed(false)
    try {
      const { data } = await api<unknown>('POST', '/me/removal-request', { body: {} })
      if (!isRemoval(data)) throw new Error('unexpected answer')
      if (data.status === 'removed') await kit.forgetThisDevice()
      setRemoval(data)
    } catch {
      setFailed(true)
    } finally {
      setBusy(false)
    }
  }

  if (removal?.status === 'removed')
    return (
      <MessagePage lang={lang} title={t.removedTitle}>
        <p>{t.removedBody}</p>
      </MessagePage>
    )

  const since = (iso: string | null) => (iso ? formatDay(lang, iso.slice(0, 10)) : '')
  return (
    <>
      <Header back={() => navigate({ name: 'home' })} />
      <main className="page my-data" id="main">
        <h1 ref={h} tabIndex={-1}>
          {t.title}
        </h1>
        <p>{t.intro}</p>
        <ul className="my-data-list">
          {t.held.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>

        <h2>{t.downloadHeading}</h2>
        <p>{t.downloadBody}</p>
        <a className="button primary" href="/api/v1/respondent/me/export" download>
          {t.download}
        </a>

        <h2>{t.removeHeading}</h2>
        {removal?.status === 'pending' && (
          <p className="notice" role="status">
            {t.pending(since(removal.requestedAt))}
          </p>
        )}
        {removal?.status === 'declined' && (
          <div className="notice" role="status">
            <p>{t.declined(since(removal.decidedAt))}</p>
            {removal.declineReason && (
              <p>
                {t.declinedReason}: {removal.declineReason}
              </p>
            )}
          </div>
        )}
        {failed && (
          <p className="sync-attention" role="alert">
            {t.failed}
          </p>
        )}
        {removal?.status !== 'pending' && (
          <>
            <p>{t.removeBody}</p>
            <button type="button" className="quiet-danger" disabled={busy} onClick={() => setAsking(true)}>
              {busy ? t.asking : t.remove}
            </button>
          </>
        )}
      </main>
      <ConfirmDialog
        open={asking}
        title={t.confirmTitle}
        body={t.confirmBody}
        confirm={t.confirm}
        cancel={common.cancel}
        onConfirm={() => void ask()}
        onClose={() => setAsking(false)}
      />
    </>
  )
}
