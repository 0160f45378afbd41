// The sync queue against an in-memory server that follows the API's rules (client-made ids,
// idempotent PUT, base versions, soft delete). In Node there is no IndexedDB, so the store runs
// on its in-memory fallback; each test loads fresh modules.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { DiaryEntry, EntryContent, LocalRecord } from '../../../lib/types'

type Stored = DiaryEntry & { deleted: boolean }

function fakeServer() {
  const rows = new Map<string, Stored>()
  const calls: { method: string; path: string; body?: unknown }[] = []
  let open = true
  /** Runs before the request is handled; return 'drop' to handle it but lose the answer. */
  let interceptor: ((method: string, path: string) => Response | 'network' | 'drop' | null) | null = null
  const json = (status: number, body: unknown) =>
    new Response(body === null ? null : JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json' },
    })
  const clean = ({ deleted: _, ...e }: Stored): DiaryEntry => e
  const same = (r: Stored, b: EntryContent) =>
    Date.parse(r.occurredAt) === Date.parse(b.occurredAt) &&
    r.touchpointId === b.touchpointId &&
    r.text === b.text &&
    r.emotion === b.emotion &&
    r.valence === b.valence &&
    r.channel === b.channel &&
    r.photoId === b.photoId

  function handle(
    method: string,
    path: string,
    body: (EntryContent & { baseVersion: number | null }) | undefined,
  ): Response {
    const m = /^\/api\/v1\/respondent\/entries\/([^/?]+)(?:\?baseVersion=(\d+))?$/.exec(path)
    if (method === 'GET' && path === '/api/v1/respondent/entries')
      return json(200, { items: [...rows.values()].filter((r) => !r.deleted).map(clean) })
    if (method === 'POST' && path === '/api/v1/respondent/photos') return json(201, { photoId: crypto.randomUUID() })
    if (!m) return json(404, { statusCode: 404, code: 'NOT_FOUND', error: 'Not Found', message: path })
    if (!open) return json(403, { statusCode: 403, code: 'DIARY_CLOSED', error: 'Forbidden', message: 'closed' })
    const id = m[1]!
    const existing = rows.get(id)
    if (method === 'PUT') {
      const b = body!
      const now = new Date().toISOString()
      if (!existing) {
        if (b.baseVersion !== null)
          return json(409, {
            statusCode: 409,
            code: 'ENTRY_CONFLICT',
            error: 'Conflict',
            message: 'gone',
            server: null,
          })
        const e: Stored = { id, ...b, proposal: null, version: 1, createdAt: now, updatedAt: now, deleted: false }
        delete (e as { baseVersion?: unknown }).baseVersion
        delete (e as { somethingElse?: unknown }).somethingElse
        rows.set(id, e)
        return json(201, clean(e))
      }
      if (!existing.deleted && same(existing, b) && (b.baseVersion === null || b.baseVersion >= existing.version - 1))
        return json(200, clean(existing))
      if (existing.deleted || b.baseVersion !== existing.version)
        return json(409, {
          statusCode: 409,
          code: 'ENTRY_CONFLICT',
          error: 'Conflict',
          message: 'moved',
          server: existing.deleted ? null : clean(existing),
        })
      const { baseVersion: _b, somethingElse: _s, ...content } = b
      Object.assign(existing, content, { version: existing.version + 1, updatedAt: now })
      return json(200, clean(existing))
    }
    if (method === 'DELETE') {
      if (!existing) return json(404, { statusCode: 404, code: 'ENTRY_NOT_FOUND', error: 'Not Found', message: id })
      if (existing.deleted) return new Response(null, { status: 204 })
      if (existing.version !== Number(m[2]))
        return json(409, {
          statusCode: 409,
          code: 'ENTRY_CONFLICT',
          error: 'Conflict',
          message: 'moved',
          server: clean(existing),
        })
      existing.deleted = true
      return new Response(null, { status: 204 })
    }
    return json(405, { statusCode: 405, code: 'METHOD', error: 'x', message: 'x' })
  }

  const fetch = vi.fn(async (url: string, init: RequestInit = {}) => {
    const method = init.method ?? 'GET'
    const body = typeof init.body === 'string' ? JSON.parse(init.body) : undefined
    calls.push({ method, path: url, body })
    expect((init.headers as Record<string, string>)['x-requested-with']).toBe('klantreis')
    const hit = interceptor?.(method, url) ?? null
    if (hit === 'network') throw new TypeError('Failed to fetch')
    if (hit instanceof Response) return hit
    const res = handle(method, url, body)
    if (hit === 'drop') throw new TypeError('Failed to fetch') // stored, but the answer never arrived
    return res
  })
  return {
    rows,
    calls,
    fetch,
    close: () => void (open = false),
    intercept: (fn: typeof interceptor) => void (interceptor = fn),
    /** Another device edits the entry. */
    editElsewhere(id: string, text: string) {
      const r = rows.get(id)!
      Object.assign(r, { text, version: r.version + 1 })
    },
  }
}

const content = (text: string, extra: Partial<EntryContent> = {}): EntryContent => ({
  occurredAt: '2026-05-04T14:30:00+02:00',
  touchpointId: null,
  somethingElse: null,
  text,
  emotion: -2,
  valence: 'pain',
  channel: null,
  photoId: null,
  ...extra,
})

let server: ReturnType<typeof fakeServer>
let store: typeof import('./entry-store')
const record = (id: string) => store.getSnapshot().records.find((r) => r.id === id) as LocalRecord | undefined
const puts = () => server.calls.filter((c) => c.method === 'PUT')

beforeEach(async () => {
  vi.resetModules()
  server = fakeServer()
  vi.stubGlobal('fetch', server.fetch)
  store = await import('./entry-store')
})
afterEach(() => {
  vi.unstubAllGlobals()
})

describe('the sync queue', () => {
  it('sends a new entry once, with the id made on the device, and keeps the server copy', async () => {
    const id = store.uuid()
    await store.saveEntry(id, content('Paid twice'), null)
    await store.syncNow(true)
    expect(server.rows.get(id)).toMatchObject({ text: 'Paid twice', version: 1 })
    expect(record(id)).toMatchObject({ pending: null, server: { version: 1 }, conflict: null })
    await store.syncNow(true)
    expect(puts()).toHaveLength(1) // nothing pending: the second round only reads
    expect(store.pendingCount(store.getSnapshot().records)).toBe(0)
  })

  it('a submit whose answer was lost is sent again and stays one entry', async () => {
    const id = store.uuid()
    server.intercept((method) => (method === 'PUT' ? 'drop' : null))
    await store.saveEntry(id, content('Lost answer'), null)
    await store.syncNow(true)
    expect(server.rows.size).toBe(1)
    expect(record(id)?.pending).not.toBeNull() // we do not know it arrived
    expect(store.getSnapshot().sync.online).toBe(false)
    server.intercept(null)
    await store.syncNow(true)
    expect(server.rows.size).toBe(1)
    expect(puts()).toHaveLength(2)
    expect(record(id)).toMatchObject({ pending: null, server: { version: 1 } })
  })

  it('an edit after a lost first answer builds on our own version 1 instead of showing a conflict', async () => {
    const id = store.uuid()
    server.intercept((method) => (method === 'PUT' ? 'drop' : null))
    await store.saveEntry(id, content('First'), null)
    await store.syncNow(true)
    server.intercept(null)
    await store.saveEntry(id, content('First, then more'), null)
    await store.syncNow(true)
    expect(server.rows.get(id)).toMatchObject({ text: 'First, then more', version: 2 })
    expect(record(id)).toMatchObject({ conflict: null, pending: null })
  })

  it('an edit from two devices becomes a conflict; keeping mine resubmits on top of the server version', async () => {
    const id = store.uuid()
    await store.saveEntry(id, content('v1'), null)
    await store.syncNow(true)
    server.editElsewhere(id, 'tablet')
    await store.saveEntry(id, content('phone'), null)
    await store.syncNow(true)
    expect(record(id)?.conflict?.server).toMatchObject({ text: 'tablet', version: 2 })
    expect(server.rows.get(id)?.text).toBe('tablet') // nothing overwritten
    await store.keepMine(id)
    await store.syncNow(true)
    expect(server.rows.get(id)).toMatchObject({ text: 'phone', version: 3 })
    expect(puts().at(-1)?.body).toMatchObject({ baseVersion: 2 })
    expect(record(id)).toMatchObject({ conflict: null, pending: null })
  })

  it('taking theirs drops the local change', async () => {
    const id = store.uuid()
    await store.saveEntry(id, content('v1'), null)
    await store.syncNow(true)
    server.editElsewhere(id, 'tablet')
    await store.saveEntry(id, content('phone'), null)
    await store.syncNow(true)
    await store.takeTheirs(id)
    expect(record(id)).toMatchObject({ pending: null, conflict: null, server: { text: 'tablet' } })
    expect(store.contentOf(record(id)!)?.text).toBe('tablet')
  })

  it('a change to an entry deleted elsewhere can live on as a new entry', async () => {
    const id = store.uuid()
    await store.saveEntry(id, content('v1'), null)
    await store.syncNow(true)
    server.rows.get(id)!.deleted = true
    await store.saveEntry(id, content('still mine'), null)
    await store.syncNow(true)
    expect(record(id)?.conflict).toEqual({ server: null })
    await store.keepMine(id)
    await store.syncNow(true)
    const live = [...server.rows.values()].filter((r) => !r.deleted)
    expect(live.map((r) => r.text)).toEqual(['still mine'])
    expect(live[0]!.id).not.toBe(id)
  })

  it('deleting: never sent is only local; sent is a DELETE with the base version; a stale base is a conflict', async () => {
    const local = store.uuid()
    server.intercept(() => 'network')
    await store.saveEntry(local, content('offline only'), null)
    await store.deleteEntry(local)
    expect(record(local)).toBeUndefined()
    server.intercept(null)

    const id = store.uuid()
    await store.saveEntry(id, content('to delete'), null)
    await store.syncNow(true)
    await store.deleteEntry(id)
    await store.syncNow(true)
    expect(server.rows.get(id)?.deleted).toBe(true)
    expect(record(id)).toBeUndefined()
    expect(server.calls.some((c) => c.method === 'DELETE' && c.path.endsWith(`${id}?baseVersion=1`))).toBe(true)

    const moved = store.uuid()
    await store.saveEntry(moved, content('x'), null)
    await store.syncNow(true)
    server.editElsewhere(moved, 'changed on tablet')
    await store.deleteEntry(moved)
    await store.syncNow(true)
    expect(record(moved)?.conflict?.server).toMatchObject({ text: 'changed on tablet' })
    expect(server.rows.get(moved)?.deleted).toBe(false)
  })

  it('a closed diary parks the entry with its reason and the queue goes on; a rate limit stops it with a back-off', async () => {
    const a = store.uuid()
    server.intercept((method, path) =>
      method === 'PUT' && path.includes(a)
        ? new Response(
            JSON.stringify({ statusCode: 403, code: 'DIARY_CLOSED', error: 'Forbidden', message: 'closed' }),
            { status: 403 },
          )
        : null,
    )
    await store.saveEntry(a, content('refused'), null)
    const b = store.uuid()
    await store.saveEntry(b, content('accepted'), null)
    await store.syncNow(true)
    expect(record(a)?.failure?.code).toBe('DIARY_CLOSED')
    expect(record(b)?.pending).toBeNull()

    const c = store.uuid()
    server.intercept((method) =>
      method === 'PUT'
        ? new Response(JSON.stringify({ statusCode: 429, code: 'RATE_LIMITED', error: 'x', message: 'x' }), {
            status: 429,
            headers: { 'retry-after': '7' },
          })
        : null,
    )
    const before = Date.now()
    await store.saveEntry(c, content('later'), null)
    await store.syncNow(true)
    expect(record(c)?.pending).not.toBeNull()
    expect(record(c)?.failure).toBeNull()
    expect(store.getSnapshot().sync.retryAt! - before).toBeGreaterThanOrEqual(7000)
  })

  it('an entry the server refuses as invalid is parked with the fields it named, and the entries after it still sync', async () => {
    const a = store.uuid()
    const b = store.uuid()
    server.intercept((method, path) =>
      method === 'PUT' && path.includes(a)
        ? new Response(
            JSON.stringify({
              statusCode: 400,
              code: 'VALIDATION_FAILED',
              error: 'Bad Request',
              message: 'x',
              details: [{ path: 'body.text', message: 'contains NUL' }],
              requestId: 'r1',
            }),
            { status: 400 },
          )
        : null,
    )
    await store.saveEntry(a, content('a\u0000b'), null)
    await store.saveEntry(b, content('fine'), null)
    await store.syncNow(true)
    expect(record(a)?.failure).toMatchObject({ code: 'VALIDATION_FAILED', fields: ['text'] })
    expect(record(b)).toMatchObject({ pending: null, server: { text: 'fine' } })
    expect(server.rows.has(a)).toBe(false)
    // parked: not sent again by itself, and not counted as waiting to be sent
    await store.syncNow(true)
    expect(puts().filter((c) => c.path.includes(a))).toHaveLength(1)
    expect(store.waitingCount(store.getSnapshot().records)).toBe(0)
    expect(store.pendingCount(store.getSnapshot().records)).toBe(1)

    // fixed by the participant: the edit goes out
    server.intercept(null)
    await store.saveEntry(a, content('ab'), null)
    await store.syncNow(true)
    expect(record(a)).toMatchObject({ pending: null, failure: null, server: { text: 'ab' } })
  })

  it('a server fault skips the entry for the round so the ones after it sync; the third in a row parks it', async () => {
    const a = store.uuid()
    const b = store.uuid()
    // both written offline first, so each sync below is exactly one round
    server.intercept(() => 'network')
    await store.saveEntry(a, content('server chokes on this'), null)
    await store.saveEntry(b, content('written after it'), null)
    await store.syncNow(true)
    const fault = () =>
      new Response(
        JSON.stringify({
          statusCode: 500,
          code: 'INTERNAL_ERROR',
          error: 'Internal Server Error',
          message: 'Internal Server Error',
        }),
        { status: 500 },
      )
    server.intercept((method, path) => (method === 'PUT' && path.includes(a) ? fault() : null))
    const putsOfA = () => puts().filter((c) => c.path.includes(a)).length
    const sentBefore = putsOfA()

    await store.syncNow(true)
    expect(putsOfA() - sentBefore).toBe(1)
    expect(record(a)).toMatchObject({ failure: null, serverFaults: 1 })
    expect(record(a)?.pending).not.toBeNull()
    expect(record(b)).toMatchObject({ pending: null, server: { text: 'written after it' } })
    expect(store.getSnapshot().sync).toMatchObject({ online: true, retryAt: null })

    await store.syncNow(true)
    expect(record(a)).toMatchObject({ failure: null, serverFaults: 2 })
    await store.syncNow(true)
    expect(record(a)?.failure).toMatchObject({ code: 'INTERNAL_ERROR', status: 500 })
    expect(record(a)?.serverFaults).toBe(3)
    await store.syncNow(true)
    expect(putsOfA() - sentBefore).toBe(3) // parked: no fourth try by itself

    // "Try again" once the server is well: sent, and the count starts over
    server.intercept(null)
    await store.retry(a)
    await store.syncNow(true)
    expect(record(a)).toMatchObject({
      pending: null,
      failure: null,
      serverFaults: 0,
      server: { text: 'server chokes on this' },
    })
  })

  it('a lost connection or a 503 still stops the whole queue with a back-off, parking nothing', async () => {
    const a = store.uuid()
    const b = store.uuid()
    server.intercept((method, path) => (method === 'PUT' && path.includes(a) ? 'network' : null))
    await store.saveEntry(a, content('first'), null)
    await store.saveEntry(b, content('second'), null)
    await store.syncNow(true)
    expect(puts().some((c) => c.path.includes(b))).toBe(false)
    expect(record(a)).toMatchObject({ failure: null })
    expect(record(b)).toMatchObject({ failure: null, server: null })
    expect(store.getSnapshot().sync.online).toBe(false)
    expect(store.getSnapshot().sync.retryAt).not.toBeNull()

    server.intercept((method, path) =>
      method === 'PUT' && path.includes(a)
        ? new Response(JSON.stringify({ statusCode: 503, code: 'SERVICE_UNAVAILABLE', error: 'x', message: 'x' }), {
            status: 503,
            headers: { 'retry-after': '5' },
          })
        : null,
    )
    for (let i = 0; i < 4; i++) await store.syncNow(true)
    expect(puts().some((c) => c.path.includes(b))).toBe(false)
    expect(record(a)?.failure).toBeNull()
    expect(record(a)?.serverFaults ?? 0).toBe(0)
    expect(store.getSnapshot().sync.retryAt).not.toBeNull()
    expect(store.waitingCount(store.getSnapshot().records)).toBe(2)
  })

  it('the server list brings entries from other devices and removes ones deleted there', async () => {
    const mine = store.uuid()
    await store.saveEntry(mine, content('here'), null)
    await store.syncNow(true)
    const other = crypto.randomUUID()
    server.rows.set(other, { ...server.rows.get(mine)!, id: other, text: 'from tablet', deleted: false })
    server.rows.get(mine)!.deleted = true
    await store.syncNow(true)
    expect(store.visibleRecords(store.getSnapshot().records).map((r) => store.contentOf(r)?.text)).toEqual([
      'from tablet',
    ])
  })

  it('a photo is uploaded first and the entry refers to it', async () => {
    const id = store.uuid()
    await store.saveEntry(id, content('with photo'), {
      key: 'k1',
      blob: new Blob([new Uint8Array([0xff, 0xd8, 0xff])], { type: 'image/jpeg' }),
    })
    await store.syncNow(true)
    const upload = server.calls.findIndex((c) => c.method === 'POST' && c.path.endsWith('/photos'))
    const put = server.calls.findIndex((c) => c.method === 'PUT')
    expect(upload).toBeGreaterThanOrEqual(0)
    expect(put).toBeGreaterThan(upload)
    expect(server.rows.get(id)?.photoId).toMatch(/^[0-9a-f-]{36}$/)
    expect(record(id)?.pending).toBeNull()
  })
})
