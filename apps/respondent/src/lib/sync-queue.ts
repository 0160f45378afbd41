// The one offline outbox for what a participant writes: diary entries (features/diary/api/entry-store.ts)
// and questionnaire answers (features/survey/api/response-store.ts) both run on it.
//
// A store keeps its items on the device (IndexedDB) and tells the queue which keys wait, how to send
// one (an idempotent request: the id is made on the device, so sending twice is storing once) and how
// to classify a failure:
// - park:  retrying will not fix it (refused as invalid, diary closed, conflict…): the store marks
//          the item for the participant, and the round goes on with the next one;
// - retry: this item hit a fault (a 500): skipped for this round, tried again at the next, and the
//          round goes on, so one item the server chokes on never holds up those written after it;
// - stop:  nothing gets through now (no connection, 503/429/408 "come back later", no session): the
//          round ends, everything stays on the device, and the queue tries again after a back-off
//          (the server's Retry-After when it names one), or at once when the browser is back online.
// Rounds run one at a time under a lock shared by the tabs of this origin (navigator.locks), so two
// tabs never send one queue at once, and a store may tell the other tabs that its items changed
// (BroadcastChannel).
import { ApiRequestError } from './api-client'

export type Verdict = 'park' | 'retry' | 'stop'
/** What became of one item in a round. */
export type Result<R> = { ok: true; value: R } | { ok: false; error: ApiRequestError; verdict: Verdict }

export type SyncState = {
  syncing: boolean
  /** false after a request got no answer, or when the browser says it is offline. */
  online: boolean
  lastSyncAt: number | null
  /** The queue stopped: it tries again by itself at this time (a tap or `online` may go first). */
  retryAt: number | null
  /** 401 during sync: the participant must open the personal link again. */
  authLost: boolean
}

export type QueueSpec<R> = {
  /** The navigator.locks name the tabs share (keep it when renaming anything: an older tab must use it too). */
  lock: string
  /** The BroadcastChannel for `broadcast()` and `onRemote`; none without it. */
  channel?: string
  /** The keys of the items waiting to be sent, in the order to send them. */
  waiting(): Promise<string[]>
  /** Sends one item and records the server's answer on the device; throws what the server refused. */
  send(key: string): Promise<R>
  classify(error: ApiRequestError): Verdict
  /** A parked or skipped item: the store records it (the participant sees a parked one). */
  setAside?(key: string, error: ApiRequestError, verdict: 'park' | 'retry'): Promise<void>
  /** After the items of a round: e.g. fetch the server's list. */
  afterRound?(): Promise<void>
  /** After every run, whatever its end. */
  afterRun?(): Promise<void>
  /** A stop that waits for something other than time (a new link, a new consent): no timer. */
  halts?(error: ApiRequestError): boolean
  /** Each item's outcome, as it happens (a stop reports every item the round did not reach). */
  onResult?(key: string, result: Result<R>): void
  /** Another tab changed the store. */
  onRemote?(): void
  /** Checked every 30 s while the tab is visible: worth a round even if nothing was left over? */
  due?(): boolean
}

/** The wait after the n-th stop in a row (n ≥ 1): 5 s, 10 s, 20 s … at most 5 minutes. */
export const backoff = (n: number) => Math.min(300_000, 5_000 * 2 ** Math.min(n - 1, 6))

const inBrowser = typeof window !== 'undefined'
const browserOnline = () => typeof navigator === 'undefined' || navigator.onLine !== false
const asError = (e: unknown) => (e instanceof ApiRequestError ? e : new ApiRequestError(0, 'CLIENT', String(e)))

export function createSyncQueue<R>(spec: QueueSpec<R>) {
  let state: SyncState = { syncing: false, online: browserOnline(), lastSyncAt: null, retryAt: null, authLost: false }
  const listeners = new Set<() => void>()
  const set = (patch: Partial<SyncState>) => {
    state = { ...state, ...patch }
    listeners.forEach((fn) => fn())
  }
  const channel =
    inBrowser && spec.channel && typeof BroadcastChannel !== 'undefined' ? new BroadcastChannel(spec.channel) : null
  if (channel) channel.onmessage = () => spec.onRemote?.()
  const withLock = (fn: () => Promise<void>) =>
    typeof navigator !== 'undefined' && navigator.locks ? navigator.locks.request(spec.lock, fn) : fn()

  let inflight: Promise<void> | null = null
  let again = false
  /** Stops in a row: the back-off grows with them. */
  let stops = 0
  /** The last run skipped an item or stopped: the 30 s check tries again. */
  let leftOver = false
  let retryTimer: ReturnType<typeof setTimeout> | undefined
  let soonTimer: ReturnType<typeof setTimeout> | undefined

  async function round() {
    const keys = await spec.waiting()
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!
      let result: Result<R>
      try {
        result = { ok: true, value: await spec.send(key) }
      } catch (err) {
        const error = asError(err)
        const verdict = spec.classify(error)
        if (verdict === 'stop') {
          for (const k of keys.slice(i)) spec.onResult?.(k, { ok: false, error, verdict })
          throw error
        }
        if (verdict === 'retry') leftOver = true
        await spec.setAside?.(key, error, verdict)
        result = { ok: false, error, verdict }
      }
      spec.onResult?.(key, result)
    }
    await spec.afterRound?.()
  }

  /** Send what waits (one run, repeated while asked again meanwhile). `force` ignores a back-off (a tap, `online`). */
  function syncNow(force = false): Promise<void> {
    clearTimeout(soonTimer)
    soonTimer = undefined
    if (inflight) {
      again = true
      return inflight
    }
    if (!force && state.retryAt && Date.now() < state.retryAt) return Promise.resolve()
    inflight = (async () => {
      set({ syncing: true })
      leftOver = false
      try {
        do {
          again = false
          await withLock(round)
        } while (again)
        stops = 0
        clearTimeout(retryTimer)
        set({ syncing: false, online: true, lastSyncAt: Date.now(), retryAt: null, authLost: false })
      } catch (err) {
        const e = asError(err)
        leftOver = true
        if (spec.halts?.(e)) set({ syncing: false, online: true, retryAt: null, authLost: e.status === 401 })
        else {
          const delay = e.retryAfterMs ?? backoff(++stops)
          clearTimeout(retryTimer)
          retryTimer = setTimeout(() => void syncNow(true), delay)
          set({ syncing: false, online: e.status !== 0 && browserOnline(), retryAt: Date.now() + delay })
        }
      } finally {
        inflight = null
        await spec.afterRun?.()
      }
    })()
    return inflight
  }

  /** A run after `ms` (a pause in typing), unless one starts sooner; sent at once if the tab is hidden meanwhile. */
  function soon(ms: number) {
    clearTimeout(soonTimer)
    soonTimer = setTimeout(() => void syncNow(true), ms)
  }

  let started = false
  /** Runs now, and from then on on `online`, on return to the tab and every 30 s while something is left over. */
  function start() {
    if (inBrowser && !started) {
      started = true
      window.addEventListener('online', () => {
        set({ online: true })
        void syncNow(true)
      })
      window.addEventListener('offline', () => set({ online: false }))
      document.addEventListener('visibilitychange', () => {
        if (document.visibilityState === 'visible') void syncNow()
        // the tab may be closing: what waited for a pause in typing goes now
        else if (soonTimer) void syncNow(true)
      })
      setInterval(() => {
        if (document.visibilityState === 'visible' && (leftOver || spec.due?.())) void syncNow()
      }, 30_000)
    }
    void syncNow(true)
  }

  return {
    syncNow,
    soon,
    start,
    state: () => state,
    subscribe(fn: () => void) {
      listeners.add(fn)
      return () => void listeners.delete(fn)
    },
    /** Tell the other tabs this store changed (they reload it). */
    broadcast: () => channel?.postMessage('changed'),
  }
}
