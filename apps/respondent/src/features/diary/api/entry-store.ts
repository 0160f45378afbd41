// The offline-first entry store, on the app's one sync queue (lib/sync-queue.ts).
//
// Every change is written to IndexedDB first (the screen says "saved" only after that commit),
// then the queue sends pending changes in the order they were made: on start, on `online`, on
// return to the tab, after each save and every 30 s while something waits. The id is made on
// the device, so a repeated PUT is the same entry; the base version makes edits from two
// devices a conflict the participant resolves, never a silent overwrite.
import type { PhotoUploaded } from '@klantreis/shared/diary'
import { ApiRequestError, api } from '../../../lib/api-client'
import * as db from '../../../lib/idb'
import { createSyncQueue, type SyncState } from '../../../lib/sync-queue'
import type { DiaryEntry, EntryContent, LocalPhoto, LocalRecord } from '../../../lib/types'
import { isDiaryEntry } from '../../../lib/validate'

export type { SyncState }
export type Snapshot = { loaded: boolean; records: LocalRecord[]; sync: SyncState }

const inBrowser = typeof window !== 'undefined'

const listeners = new Set<() => void>()
export const subscribe = (fn: () => void) => {
  listeners.add(fn)
  return () => void listeners.delete(fn)
}
export const getSnapshot = () => snapshot
const emit = () => listeners.forEach((fn) => fn())

export async function reload() {
  const records = await db.getAll<LocalRecord>('entries')
  snapshot = { ...snapshot, loaded: true, records }
  emit()
}
async function changed() {
  await reload()
  queue.broadcast()
}

export const uuid = () =>
  typeof crypto.randomUUID === 'function'
    ? crypto.randomUUID()
    : '10000000-1000-4000-8000-100000000000'.replace(/[018]/g, (c) =>
        (Number(c) ^ (crypto.getRandomValues(new Uint8Array(1))[0]! & (15 >> (Number(c) / 4)))).toString(16),
      )

const now = () => new Date().toISOString()

// ---------- what the screens show ----------

/** The content to show for a record: the local change if there is one, else the server's copy. */
export function contentOf(r: LocalRecord): (EntryContent & { proposal: DiaryEntry['proposal'] }) | null {
  if (r.pending?.kind === 'put') return { ...r.pending.content, proposal: r.server?.proposal ?? null }
  if (r.server) return { ...fromServer(r.server), proposal: r.server.proposal }
  return null
}
export function fromServer(e: DiaryEntry): EntryContent {
  return {
    occurredAt: e.occurredAt,
    touchpointId: e.touchpointId,
    somethingElse: e.touchpointId ? null : (e.proposal?.description ?? null),
    text: e.text,
    emotion: e.emotion,
    valence: e.valence,
    channel: e.channel,
    photoId: e.photoId,
  }
}
export const sameContent = (a: EntryContent, b: EntryContent) =>
  Date.parse(a.occurredAt) === Date.parse(b.occurredAt) &&
  a.touchpointId === b.touchpointId &&
  (a.somethingElse ?? '') === (b.somethingElse ?? '') &&
  a.text === b.text &&
  a.emotion === b.emotion &&
  a.valence === b.valence &&
  a.channel === b.channel &&
  a.photoId === b.photoId
/** Entries to list: everything not being deleted, newest moment first. */
export function visibleRecords(records: LocalRecord[]) {
  return records
    .filter((r) => r.pending?.kind !== 'delete' || r.conflict || r.failure)
    .filter((r) => contentOf(r) || r.conflict)
    .sort((a, b) => {
      const ta = contentOf(a)?.occurredAt ?? a.savedAt
      const tb = contentOf(b)?.occurredAt ?? b.savedAt
      return Date.parse(tb) - Date.parse(ta) || b.savedAt.localeCompare(a.savedAt)
    })
}
export const pendingCount = (records: LocalRecord[]) => records.filter((r) => r.pending).length
/** Changes the queue will send by itself: not those waiting for the participant (a conflict, a refusal). */
export const waitingCount = (records: LocalRecord[]) =>
  records.filter((r) => r.pending && !r.conflict && !r.failure).length

// ---------- local changes ----------

/** Save a new entry or an edit on this device; resolves when it is on disk. */
export async function saveEntry(id: string, content: EntryContent, photo: LocalPhoto | null) {
  await db.update<LocalRecord>(id, (cur) => {
    const baseVersion = cur?.pending ? cur.pending.baseVersion : (cur?.server?.version ?? null)
    return {
      id,
      server: cur?.server ?? null,
      pending: { kind: 'put', content: { ...content, photoId: photo ? null : content.photoId }, baseVersion, photo },
      rev: (cur?.rev ?? 0) + 1,
      sent: cur?.sent ?? false,
      conflict: cur?.conflict ?? null,
      failure: null,
      savedAt: now(),
    }
  })
  await changed()
  void syncNow(true)
}

export async function deleteEntry(id: string) {
  await db.update<LocalRecord>(id, (cur) => {
    if (!cur) return undefined
    // never left this device: nothing to tell the server
    if (!cur.server && !cur.sent) return null
    return {
      ...cur,
      pending: { kind: 'delete', baseVersion: cur.pending ? cur.pending.baseVersion : (cur.server?.version ?? null) },
      rev: cur.rev + 1,
      conflict: null,
      failure: null,
      serverFaults: 0,
      savedAt: now(),
    }
  })
  await changed()
  void syncNow(true)
}

/** Conflict: keep this device's version (or deletion) on top of the server's current one. */
export async function keepMine(id: string) {
  const cur = await db.get<LocalRecord>('entries', id)
  if (!cur?.conflict || !cur.pending) return
  const theirs = cur.conflict.server
  if (theirs) {
    await db.update<LocalRecord>(id, (c) =>
      c?.conflict && c.pending
        ? {
            ...c,
            server: theirs,
            conflict: null,
            pending: { ...c.pending, baseVersion: theirs.version },
            rev: c.rev + 1,
          }
        : undefined,
    )
  } else if (cur.pending.kind === 'put') {
    // deleted on the other device: this version lives on as a new entry
    const pending = cur.pending
    const fresh: LocalRecord = {
      id: uuid(),
      server: null,
      pending: { ...pending, baseVersion: null },
      rev: 1,
      sent: false,
      conflict: null,
      failure: null,
      savedAt: now(),
    }
    await db.updateAll<LocalRecord>(() => ({ put: [fresh], remove: [id] }))
  } else {
    await db.remove('entries', id)
  }
  await changed()
  void syncNow(true)
}

/** Conflict: take the server's version (or its deletion) and drop the local change. */
export async function takeTheirs(id: string) {
  await db.update<LocalRecord>(id, (c) => {
    if (!c?.conflict) return undefined
    const theirs = c.conflict.server
    return theirs ? { ...c, server: theirs, pending: null, conflict: null, failure: null, rev: c.rev + 1 } : null
  })
  await changed()
}

export async function retry(id: string) {
  await db.update<LocalRecord>(id, (c) => (c ? { ...c, failure: null, serverFaults: 0, rev: c.rev + 1 } : undefined))
  await changed()
  void syncNow(true)
}

// ---------- sending ----------

/** Server faults in a row on one change before it waits for the participant instead. */
const MAX_SERVER_FAULTS = 3

/**
 * No answer, "come back later" (503, 429, 408), no session or consent to renew: stop here, keep
 * everything, try again later. A server fault retries the change at the next round; any other
 * refusal parks it.
 */
const classify = (e: ApiRequestError) =>
  [0, 401, 408, 429, 503].includes(e.status) || e.code === 'CONSENT_REQUIRED' || e.code === 'PARTICIPANT_CHANGED'
    ? 'stop'
    : e.serverFault
      ? 'retry'
      : 'park'

/** The `rev` of each entry's last request: a refusal never lands on a newer edit. */
const attempted = new Map<string, number>()

/**
 * A change the server did not take. A refusal that retrying will not fix is parked on the record
 * with its reason, for the participant to edit, remove or retry. A server fault only skips the
 * change for this round, so one entry the server chokes on never holds up the ones written after
 * it; the third fault in a row parks it too.
 */
async function setAside(id: string, e: ApiRequestError, verdict: 'park' | 'retry') {
  const rev = attempted.get(id)
  const fields = e.fields
  await db.update<LocalRecord>(id, (c) => {
    if (!c || c.rev !== rev) return undefined
    const serverFaults = (c.serverFaults ?? 0) + (verdict === 'retry' ? 1 : 0)
    if (verdict === 'retry' && serverFaults < MAX_SERVER_FAULTS) return { ...c, serverFaults }
    return {
      ...c,
      serverFaults,
      failure: { code: e.code, message: e.message, status: e.status, ...(fields.length ? { fields } : {}) },
    }
  })
}

/** Sends one entry's change (its photo first); a conflict is recorded on the entry, any other refusal thrown. */
async function pushOne(id: string): Promise<void> {
  for (let step = 0; step < 3; step++) {
    const rec = await db.get<LocalRecord>('entries', id)
    if (!rec?.pending || rec.conflict || rec.failure) return
    const { rev, pending } = rec
    attempted.set(id, rev)

    if (pending.kind === 'delete') {
      if (!rec.server && !rec.sent)
        return void (await db.update<LocalRecord>(id, (c) => (c && c.rev === rev ? null : undefined)))
      const base = pending.baseVersion ?? rec.server?.version ?? 1
      try {
        await api('DELETE', `/entries/${encodeURIComponent(id)}?baseVersion=${base}`)
      } catch (err) {
        if (err instanceof ApiRequestError && err.status === 404) {
          // already gone: that is what we wanted
        } else if (err instanceof ApiRequestError && err.status === 409) {
          const server = isDiaryEntry(err.body?.server) ? err.body.server : null
          if (server)
            return void (await db.update<LocalRecord>(id, (c) => (c ? { ...c, conflict: { server } } : undefined)))
        } else throw err
      }
      return void (await db.update<LocalRecord>(id, (c) => (c && c.pending?.kind === 'delete' ? null : undefined)))
    }

    if (pending.photo && !pending.content.photoId) {
      const key = pending.photo.key
      // checked by hand (no zod here), on the contract's field name: a rename there fails the typecheck
      const { data } = await api<{ [K in keyof PhotoUploaded]?: unknown }>('POST', '/photos', {
        body: pending.photo.blob,
        timeoutMs: 90_000,
      })
      if (typeof data?.photoId !== 'string') throw new ApiRequestError(502, 'BAD_RESPONSE', 'no photoId')
      const photoId = data.photoId
      // attach to the pending change if it still wants this photo, then send the entry
      await db.update<LocalRecord>(id, (c) =>
        c?.pending?.kind === 'put' && c.pending.photo?.key === key
          ? { ...c, pending: { ...c.pending, photo: null, content: { ...c.pending.content, photoId } } }
          : undefined,
      )
      continue
    }

    await db.update<LocalRecord>(id, (c) => (c && !c.sent ? { ...c, sent: true } : undefined))
    let entry: DiaryEntry
    try {
      const { data } = await api<unknown>('PUT', `/entries/${encodeURIComponent(id)}`, {
        body: { ...pending.content, baseVersion: pending.baseVersion },
      })
      if (!isDiaryEntry(data)) throw new ApiRequestError(502, 'BAD_RESPONSE', 'unexpected entry')
      entry = data
    } catch (err) {
      if (err instanceof ApiRequestError && err.status === 409) {
        const server = isDiaryEntry(err.body?.server) ? err.body.server : null
        // our own first submit arrived but its answer was lost, and the entry changed here since:
        // only this device knew the id before that submit, so version 1 is ours to build on
        if (server && server.version === 1 && pending.baseVersion === null && rec.sent && step < 2) {
          await db.update<LocalRecord>(id, (c) =>
            c?.pending ? { ...c, server, pending: { ...c.pending, baseVersion: 1 } } : undefined,
          )
          continue
        }
        // both devices made the same change: nothing to choose
        if (server && sameContent(fromServer(server), pending.content))
          return void (await db.update<LocalRecord>(id, (c) =>
            c
              ? {
                  ...c,
                  server,
                  pending: c.rev === rev ? null : c.pending && { ...c.pending, baseVersion: server.version },
                }
              : undefined,
          ))
        return void (await db.update<LocalRecord>(id, (c) => (c ? { ...c, conflict: { server } } : undefined)))
      }
      throw err
    }
    await db.update<LocalRecord>(id, (c) => {
      if (!c) return undefined
      if (c.rev === rev) return { ...c, server: entry, pending: null, failure: null, serverFaults: 0 }
      // changed again while this was on its way: the newer change now builds on this version
      return {
        ...c,
        server: entry,
        pending: c.pending ? { ...c.pending, baseVersion: entry.version } : null,
        serverFaults: 0,
      }
    })
    return
  }
}

async function pull() {
  const { data } = await api<{ items?: unknown }>('GET', '/entries')
  const items = Array.isArray(data?.items) ? data.items.filter(isDiaryEntry) : []
  const seen = new Set(items.map((i) => i.id))
  await db.updateAll<LocalRecord>((records) => {
    const byId = new Map(records.map((r) => [r.id, r]))
    const put: LocalRecord[] = []
    for (const item of items) {
      const r = byId.get(item.id)
      if (!r)
        put.push({
          id: item.id,
          server: item,
          pending: null,
          rev: 1,
          sent: true,
          conflict: null,
          failure: null,
          savedAt: item.updatedAt,
        })
      else if (
        !r.pending &&
        !r.conflict &&
        (r.server?.version !== item.version ||
          r.server.updatedAt !== item.updatedAt ||
          r.server.proposal?.status !== item.proposal?.status)
      )
        put.push({ ...r, server: item })
      // with a local change waiting, the server copy is left alone: the PUT decides
    }
    // deleted elsewhere, and nothing of ours is waiting for it
    const gone = records.filter((r) => r.server && !r.pending && !r.conflict && !seen.has(r.id)).map((r) => r.id)
    return { put, remove: gone }
  })
}

// The channel and lock names keep their old form (see lib/storage.ts): a tab still on the previous
// build must hear the same channel and wait for the same lock.
const queue = createSyncQueue<void>({
  lock: 'klantreis-diary-sync',
  channel: 'klantreis-diary',
  waiting: async () =>
    (await db.getAll<LocalRecord>('entries'))
      .filter((r) => r.pending && !r.conflict && !r.failure)
      .sort((a, b) => a.savedAt.localeCompare(b.savedAt))
      .map((r) => r.id),
  send: pushOne,
  classify,
  setAside,
  afterRound: pull,
  afterRun: reload,
  halts(e) {
    if (e.status === 401) return true
    if (e.code !== 'CONSENT_REQUIRED' && e.code !== 'PARTICIPANT_CHANGED') return false
    // a new consent text, or another participant's link opened here: the app fetches /me again
    // (and, for another participant, switches to their moments)
    if (inBrowser) window.dispatchEvent(new Event('klantreis:refresh-me'))
    return true
  },
  onRemote: () => void reload(),
  // something waits, or the list was last fetched over two minutes ago
  due: () => waitingCount(snapshot.records) > 0 || Date.now() - (snapshot.sync.lastSyncAt ?? 0) > 120_000,
})
let snapshot: Snapshot = { loaded: false, records: [], sync: queue.state() }
queue.subscribe(() => {
  snapshot = { ...snapshot, sync: queue.state() }
  emit()
})

/** Send what waits, then fetch the server's list. `force` ignores a back-off (a tap, `online`). */
export const syncNow = queue.syncNow
/** Start the queue once the participant may write (after consent). */
export const startSync = queue.start

/** Ask the browser not to evict the diary's storage (quietly granted or refused; no prompt in Chromium). */
export async function requestPersistence() {
  try {
    if (navigator.storage?.persist && !(await navigator.storage.persisted())) await navigator.storage.persist()
  } catch {
    // not supported: nothing to do
  }
}
