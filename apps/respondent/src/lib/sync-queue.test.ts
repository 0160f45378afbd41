// The outbox engine on its own, against a fake store: what each verdict does to the round and to
// the item, the back-off schedule, the lock, and runs asked for while one is on its way.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { ApiRequestError } from './api-client'
import { backoff, createSyncQueue, type QueueSpec, type Result, type Verdict } from './sync-queue'

const err = (status: number, code = `HTTP_${status}`, retryAfterMs: number | null = null) =>
  new ApiRequestError(status, code, code, null, retryAfterMs)

/** A store whose items fail while `fails[key]` returns an error; everything else is sent. */
function fakeStore(keys: string[], fails: Record<string, () => ApiRequestError | null> = {}) {
  const items = new Set(keys)
  const sent: string[] = []
  const tried: string[] = []
  const asides: [string, Verdict][] = []
  const results: [string, boolean, Verdict | null][] = []
  const spec: QueueSpec<string> = {
    lock: 'test-lock',
    waiting: async () => [...items],
    async send(key) {
      tried.push(key)
      const fail = fails[key]?.()
      if (fail) throw fail
      items.delete(key)
      sent.push(key)
      return `stored ${key}`
    },
    // the rule both stores follow: no answer or "later" stops, a fault retries, a refusal parks
    classify: (e) => (e.transient ? (e.serverFault ? 'retry' : 'stop') : 'park'),
    async setAside(key, _e, verdict) {
      asides.push([key, verdict])
      if (verdict === 'park') items.delete(key)
    },
    onResult: (key, r: Result<string>) => results.push([key, r.ok, r.ok ? null : r.verdict]),
  }
  return { spec, items, sent, tried, asides, results }
}

afterEach(() => {
  vi.useRealTimers()
  vi.unstubAllGlobals()
})

describe('the sync queue', () => {
  it('sends every waiting item in order and reports each', async () => {
    const s = fakeStore(['a', 'b', 'c'])
    const q = createSyncQueue(s.spec)
    await q.syncNow(true)
    expect(s.sent).toEqual(['a', 'b', 'c'])
    expect(s.results).toEqual([
      ['a', true, null],
      ['b', true, null],
      ['c', true, null],
    ])
    expect(q.state()).toMatchObject({ syncing: false, online: true, retryAt: null })
  })

  it('a refusal parks that item and the round goes on with the ones after it', async () => {
    const s = fakeStore(['a', 'b'], { a: () => err(400, 'VALIDATION_FAILED') })
    const q = createSyncQueue(s.spec)
    await q.syncNow(true)
    expect(s.asides).toEqual([['a', 'park']])
    expect(s.sent).toEqual(['b'])
    expect(s.results).toEqual([
      ['a', false, 'park'],
      ['b', true, null],
    ])
    // a parked item is not a reason to wait: no back-off
    expect(q.state().retryAt).toBeNull()
    await q.syncNow(true)
    expect(s.tried.filter((k) => k === 'a')).toHaveLength(1)
  })

  it('a server fault skips that item for the round, the ones after it are sent, and the next round tries it again', async () => {
    let faults = 1
    const s = fakeStore(['a', 'b'], { a: () => (faults-- > 0 ? err(500, 'INTERNAL_ERROR') : null) })
    const q = createSyncQueue(s.spec)
    await q.syncNow(true)
    expect(s.asides).toEqual([['a', 'retry']])
    expect(s.sent).toEqual(['b'])
    expect(s.items.has('a')).toBe(true)
    expect(q.state().retryAt).toBeNull()
    // the fault is gone: the next round sends it
    await q.syncNow(true)
    expect(s.sent).toEqual(['b', 'a'])
  })

  it('no connection stops the round: nothing after it is tried, everything is kept, each item hears it', async () => {
    const s = fakeStore(['a', 'b', 'c'], { b: () => err(0, 'NETWORK') })
    const q = createSyncQueue(s.spec)
    await q.syncNow(true)
    expect(s.tried).toEqual(['a', 'b'])
    expect(s.items).toEqual(new Set(['b', 'c']))
    expect(s.asides).toEqual([])
    expect(s.results).toEqual([
      ['a', true, null],
      ['b', false, 'stop'],
      ['c', false, 'stop'],
    ])
    expect(q.state().online).toBe(false)
  })

  it('backs off 5 s, 10 s, 20 s … up to 5 minutes, and honours Retry-After', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 20].map((n) => backoff(n) / 1000)).toEqual([5, 10, 20, 40, 80, 160, 300, 300, 300])
  })

  it('a stop schedules the next run by that back-off; a 503 with Retry-After waits what the server asked; success resets it', async () => {
    vi.useFakeTimers()
    let answer: ApiRequestError | null = err(0, 'NETWORK')
    const s = fakeStore(['a', 'b'], { a: () => answer, b: () => answer })
    const q = createSyncQueue(s.spec)

    const t0 = Date.now()
    await q.syncNow(true)
    expect(q.state().retryAt! - t0).toBe(5_000)
    // not forced (the 30 s check, a return to the tab): the back-off holds
    await q.syncNow()
    expect(s.tried).toEqual(['a'])
    // the timer tries again, and backs off twice as long
    await vi.advanceTimersByTimeAsync(5_000)
    expect(s.tried).toEqual(['a', 'a'])
    expect(q.state().retryAt! - Date.now()).toBe(10_000)

    answer = err(503, 'SERVICE_UNAVAILABLE', 7_000)
    await q.syncNow(true)
    expect(s.tried).toEqual(['a', 'a', 'a'])
    expect(q.state()).toMatchObject({ online: true })
    expect(q.state().retryAt! - Date.now()).toBe(7_000)

    answer = null
    await vi.advanceTimersByTimeAsync(7_000)
    expect(s.sent).toEqual(['a', 'b'])
    expect(q.state().retryAt).toBeNull()
    // the count started over: the next stop waits 5 s again
    answer = err(0, 'NETWORK')
    s.items.add('a')
    await q.syncNow(true)
    expect(q.state().retryAt! - Date.now()).toBe(5_000)
  })

  it('a stop the store says waits for something else (no session) sets no timer', async () => {
    vi.useFakeTimers()
    const s = fakeStore(['a'], { a: () => err(401, 'UNAUTHENTICATED') })
    const q = createSyncQueue({ ...s.spec, classify: () => 'stop', halts: (e) => e.status === 401 })
    await q.syncNow(true)
    expect(q.state()).toMatchObject({ authLost: true, retryAt: null, online: true })
    await vi.advanceTimersByTimeAsync(600_000)
    expect(s.tried).toEqual(['a'])
  })

  it('runs under the lock the tabs share, one at a time; asked again meanwhile, it runs once more', async () => {
    const locks: string[] = []
    vi.stubGlobal('navigator', {
      onLine: true,
      locks: { request: (name: string, fn: () => Promise<void>) => (locks.push(name), fn()) },
    })
    const s = fakeStore(['a'])
    let release!: () => void
    const gate = new Promise<void>((r) => (release = r))
    const first = s.spec.send
    let calls = 0
    const q = createSyncQueue({
      ...s.spec,
      async send(k) {
        if (calls++ === 0) await gate
        return first(k)
      },
    })
    const one = q.syncNow(true)
    s.items.add('b') // written while the first round is on its way
    const two = q.syncNow(true)
    expect(two).toBe(one)
    release()
    await one
    expect(s.sent).toEqual(['a', 'b'])
    expect(locks).toEqual(['test-lock', 'test-lock'])
  })

  it('a change asked to go after a pause goes then, or at once when a run starts sooner', async () => {
    vi.useFakeTimers()
    const s = fakeStore([])
    const q = createSyncQueue(s.spec)
    s.items.add('a')
    q.soon(800)
    await vi.advanceTimersByTimeAsync(799)
    expect(s.sent).toEqual([])
    await vi.advanceTimersByTimeAsync(1)
    expect(s.sent).toEqual(['a'])

    s.items.add('b')
    q.soon(800)
    await q.syncNow(true)
    expect(s.sent).toEqual(['a', 'b'])
    await vi.advanceTimersByTimeAsync(1_000)
    expect(s.tried).toEqual(['a', 'b']) // the pending pause was taken over, not run twice
  })
})
