import { useState } from 'react'
import { ErrorAlert } from '../../../components/ui/alert'
import { ConfirmDialog } from '../../../components/ui/dialog'
import { useMessagesI18n } from '../i18n'
import { MailPreview } from './mail-preview'
import { SendProgress } from './send-progress'

type PreviewResult = { items: { language: 'nl' | 'en'; subject: string; text: string; html: string }[] }

type Props = {
  studyId: string
  preview: { data?: PreviewResult; error: unknown; isPending: boolean }
  onPreview: () => void
  /** Checks the form; a message to show instead of the confirmation, or null when it may be sent. */
  check: () => string | null
  confirmMessage: string
  send: { isPending: boolean; error: unknown; reset: () => void }
  onSend: (done: (sendId: string) => void) => void
}

/** Preview, then send after a confirmation, then the send's progress bar. */
export function ComposeActions({ studyId, preview, onPreview, check, confirmMessage, send, onSend }: Props) {
  const { t } = useMessagesI18n()
  const [confirming, setConfirming] = useState(false)
  const [problem, setProblem] = useState<string | null>(null)
  const [sendId, setSendId] = useState<string | null>(null)

  return (
    <div className="stack">
      <div className="form-actions form-actions--start">
        <button type="button" className="btn btn--secondary" onClick={onPreview} disabled={preview.isPending}>
          {preview.isPending ? t.messages.previewing : t.messages.preview}
        </button>
        <button
          type="button"
          className="btn btn--primary"
          disabled={send.isPending}
          onClick={() => {
            const found = check()
            setProblem(found)
            if (!found) {
              send.reset()
              setConfirming(true)
            }
          }}
        >
          {send.isPending ? t.messages.sending : t.messages.send}
        </button>
      </div>
      {problem ? (
        <p className="field__error" role="alert">
          {problem}
        </p>
      ) : null}
      <ErrorAlert error={preview.error} />
      {preview.data ? <MailPreview items={preview.data.items} /> : null}
      {sendId ? <SendProgress key={sendId} studyId={studyId} sendId={sendId} /> : null}
      <ConfirmDialog
        open={confirming}
        message={confirmMessage}
        confirmLabel={t.messages.send}
        tone="primary"
        pending={send.isPending}
        pendingLabel={t.messages.sending}
        error={<ErrorAlert error={send.error} />}
        onClose={() => setConfirming(false)}
        onConfirm={() =>
          onSend((id) => {
            setSendId(id)
            setConfirming(false)
          })
        }
      />
    </div>
  )
}
