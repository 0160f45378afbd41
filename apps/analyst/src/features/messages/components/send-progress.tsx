import { ErrorAlert } from '../../../components/ui/alert'
import { useMessagesI18n } from '../i18n'
import { useSendProgress } from '../api/messages'

/** A running send's bar, asked every second until every message is sent, failed or skipped. */
export function SendProgress({ studyId, sendId }: { studyId: string; sendId: string }) {
  const { t } = useMessagesI18n()
  const send = useSendProgress(studyId, sendId)
  if (send.isError) return <ErrorAlert error={send.error} />
  if (!send.data) return null
  const { total, sent, failed, suppressed, done } = send.data
  const text = t.messages.progress(sent, total, failed, suppressed)
  return (
    <div className="send-progress" role="group" aria-label={t.messages.progressLabel}>
      <progress
        max={Math.max(total, 1)}
        value={total === 0 ? 1 : sent + failed + suppressed}
        aria-label={t.messages.progressLabel}
        aria-valuetext={text}
      />
      <p role="status" className="send-progress__text">
        {text}
        {done ? ` ${t.messages.progressDone}` : ''}
      </p>
    </div>
  )
}
