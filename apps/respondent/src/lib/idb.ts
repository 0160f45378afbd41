// A very small IndexedDB wrapper. Two stores: "entries" (LocalRecord by id) and "meta" (key → value).
// Writes resolve when the transaction has committed (durability "strict" where supported), so
// "saved" on screen means saved on disk. One database per participant: on a shared phone one
// participant's unsent moments are never shown to, or sent as, another.

// Not under the `klantreis.respondent.` prefix, on purpose (lib/storage.ts): renaming the database
// would lose the offline entries on participants' devices, and the owner key picks that database.
const DB_PREFIX = 'klantreis-diary'
const OWNER_KEY = 'klantreis-diary-owner'
const DB_VERSION = 1
const readOwner = () => {
  try {
    return localStorage.getItem(OWNER_KEY)
  } catch {
    return null
  }
}
let owner: string | null = readOwner()
const dbName = () => (owner ? `${DB_PREFIX}-${owner}` : DB_PREFIX)
/** The participant whose moments are open on this device (the last one whose link was opened). */
export const currentOwner = () => owner
export type StoreName = 'entries' | 'meta'

let opening: Promise<IDBDatabase> | null = null
/** When IndexedDB is unavailable (some private modes) the app still works for this session. */
const memory: Record<StoreName, Map<string, unknown>> = { entries: new Map(), meta: new Map() }
let useMemory = typeof indexedDB === 'undefined'

function open(): Promise<IDBDatabase> {
  opening ??= new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open(dbName(), DB_VERSION)
    req.onupgradeneeded = () => {
      const db = req.result
      if (!db.objectStoreNames.contains('entries')) db.createObjectStore('entries', { keyPath: 'id' })
      if (!db.objectStoreNames.contains('meta')) db.createObjectStore('meta')
    }
    req.onsuccess = () => {
      const db = req.result
      // another tab upgraded the schema: let go so it can proceed, reopen on next use
      db.onversionchange = () => {
        db.close()
        opening = null
      }
      resolve(db)
    }
    req.onerror = () => reject(req.error)
    req.onblocked = () => reject(new Error('IndexedDB blocked'))
  }).catch((err) => {
    opening = null
    throw err
  })
  return opening
}

export const storageIsVolatile = () => useMemory

/**
 * Another participant's personal link was opened here: from now on read and write their database.
 * The previous participant's data stays in theirs, and is sent when their link is opened again.
 * Returns whether anything changed (the caller reloads what it shows).
 */
export async function switchOwner(id: string) {
  if (id === owner) return false
  const previous = opening
  owner = id
  opening = null
  memory.entries = new Map()
  memory.meta = new Map()
  try {
    localStorage.setItem(OWNER_KEY, id)
  } catch {
    // private mode: this session still uses the right database
  }
  const db = await previous?.catch(() => null)
  db?.close()
  return true
}

async function tx<T>(
  store: StoreName,
  mode: IDBTransactionMode,
  run: (s: IDBObjectStore, done: (v: T) => void) => void,
  memoryRun: (m: Map<string, unknown>) => T,
): Promise<T> {
  if (!useMemory) {
    try {
      const db = await open()
      return await new Promise<T>((resolve, reject) => {
        const t = db.transaction(store, mode, mode === 'readwrite' ? { durability: 'strict' } : undefined)
        let result: T
        run(t.objectStore(store), (v) => (result = v))
        t.oncomplete = () => resolve(result)
        t.onerror = () => reject(t.error)
        t.onabort = () => reject(t.error ?? new Error('transaction aborted'))
      })
    } catch (err) {
      if (
        err instanceof DOMException &&
        (err.name === 'InvalidStateError' || err.name === 'SecurityError' || err.name === 'UnknownError')
      ) {
        useMemory = true
      } else throw err
    }
  }
  return memoryRun(memory[store])
}

export function get<T>(store: StoreName, key: string): Promise<T | undefined> {
  return tx<T | undefined>(
    store,
    'readonly',
    (s, done) => {
      const r = s.get(key)
      r.onsuccess = () => done(r.result as T | undefined)
    },
    (m) => m.get(key) as T | undefined,
  )
}

export function getAll<T>(store: StoreName): Promise<T[]> {
  return tx<T[]>(
    store,
    'readonly',
    (s, done) => {
      const r = s.getAll()
      r.onsuccess = () => done(r.result as T[])
    },
    (m) => [...m.values()] as T[],
  )
}

export function set(store: StoreName, key: string, value: unknown): Promise<void> {
  return tx<void>(
    store,
    'readwrite',
    (s) => {
      if (store === 'entries') s.put(value)
      else s.put(value, key)
    },
    (m) => void m.set(key, value),
  )
}

export function remove(store: StoreName, key: string): Promise<void> {
  return tx<void>(
    store,
    'readwrite',
    (s) => void s.delete(key),
    (m) => void m.delete(key),
  )
}

/**
 * Read-modify-write of one record (an entry by id, or a meta value by key) in a single transaction,
 * so a sync response and an edit made at the same moment cannot overwrite each other. `fn` returns
 * the new record, undefined to leave it, or null to delete it.
 */
export function update<T>(
  id: string,
  fn: (current: T | undefined) => T | null | undefined,
  store: StoreName = 'entries',
): Promise<T | null | undefined> {
  return tx<T | null | undefined>(
    store,
    'readwrite',
    (s, done) => {
      const r = s.get(id)
      r.onsuccess = () => {
        const next = fn(r.result as T | undefined)
        done(next)
        if (next === undefined) return
        if (next === null) s.delete(id)
        else if (store === 'entries') s.put(next)
        else s.put(next, id)
      }
    },
    (m) => {
      const next = fn(m.get(id) as T | undefined)
      if (next === null) m.delete(id)
      else if (next !== undefined) m.set(id, next)
      return next
    },
  )
}

/** All records at once, changed in one transaction (used to merge the server's list). */
export function updateAll<T extends { id: string }>(
  fn: (current: T[]) => { put: T[]; remove: string[] },
): Promise<void> {
  return tx<void>(
    'entries',
    'readwrite',
    (s) => {
      const r = s.getAll()
      r.onsuccess = () => {
        const { put, remove: gone } = fn(r.result as T[])
        for (const p of put) s.put(p)
        for (const id of gone) s.delete(id)
      }
    },
    (m) => {
      const { put, remove: gone } = fn([...m.values()] as T[])
      for (const p of put) m.set(p.id, p)
      for (const id of gone) m.delete(id)
    },
  )
}
