import { useApp } from '../../../lib/context'
import { formatTime } from '../../../lib/i18n'
import { pendingCount, type Snapshot, syncNow, waitingCount } from '../api/entry-store'

/**
 * "N not yet synced", offline, conflicts, failures: what the queue is doing, in words. A moment
 * that waits for the participant (a conflict, a refusal) is never counted as one that will go by itself.
 */
export function SyncStatus({ snap }: { snap: Snapshot }) {
  const { t, lang, navigate } = useApp()
  const { sync, records } = snap
  const pending = pendingCount(records)
  const conflicts = records.filter((r) => r.conflict)
  const failed = records.filter((r) => r.failure && !r.conflict).length
  const waiting = waitingCount(records)
  const online = sync.online && navigator.onLine
  const ok = pending === 0 && !sync.authLost

  let main: string
  // refused moments get a line of their own unless they are the main news
  let attention = failed > 0
  if (sync.authLost && pending > 0) main = t.syncAuth
  else if (waiting > 0) main = t.syncPending(waiting)
  else if (conflicts.length > 0) main = t.syncConflicts(conflicts.length)
  else if (failed > 0) {
    main = t.syncFailed(failed)
    attention = false
  } else main = t.syncAll

  return (
    <div className={`sync ${ok ? 'sync-ok' : 'sync-waiting'}`} data-testid="sync-status" data-pending={pending}>
      <svg className="sync-icon" viewBox="0 0 24 24" width="22" height="22" aria-hidden="true">
        {ok ? (
          <path
            d="M5 12.5l4.5 4.5L19 7.5"
            fill="none"
            stroke="currentColor"
            strokeWidth="2.6"
            strokeLinecap="round"
            strokeLinejoin="round"
          />
        ) : online ? (
          <path
            d="M20 12a8 8 0 1 1-2.3-5.6M20 4v4.5h-4.5"
            fill="none"
            stroke="currentColor"
            strokeWidth="2.4"
            strokeLinecap="round"
            strokeLinejoin="round"
          />
        ) : (
          <path
            d="M3 3l18 18M8.5 8.9A7 7 0 0 0 5 10.5M12 6a11 11 0 0 1 9 4.5M2.5 10A11 11 0 0 1 6 7.3M9 14a4 4 0 0 1 6 0M12 18.5h.01"
            fill="none"
            stroke="currentColor"
            strokeWidth="2.2"
            strokeLinecap="round"
          />
        )}
      </svg>
      <div className="sync-text">
        <p role="status" className="sync-main">
          {!online && <>{t.syncOffline} </>}
          {main}
          {sync.syncing && pending > 0 && <> · {t.syncing}</>}
        </p>
        {waiting > 0 && !sync.authLost && (
          <p className="sync-sub">
            {t.syncPendingHelp}
            {sync.retryAt && online ? <> {t.syncRetryAt(formatTime(lang, new Date(sync.retryAt)))}</> : null}
          </p>
        )}
        {attention && (
          <p role="status" className="sync-sub sync-attention">
            {t.syncAttention(failed)}
          </p>
        )}
        {ok && sync.lastSyncAt && <p className="sync-sub">{t.lastSync(formatTime(lang, new Date(sync.lastSyncAt)))}</p>}
      </div>
      {conflicts.length > 0 ? (
        <button type="button" className="small" onClick={() => navigate({ name: 'conflict', id: conflicts[0]!.id })}>
          {t.chooseVersion}
        </button>
      ) : waiting > 0 && online && !sync.syncing && !sync.authLost ? (
        <button type="button" className="small" onClick={() => void syncNow(true)}>
          {t.syncNow}
        </button>
      ) : null}
    </div>
  )
}
