// The entry being written survives reload and tab close: every change is kept in IndexedDB
// (with the photo) shortly after it is typed, and on `pagehide` the text is also written
// synchronously to localStorage, which survives even when the IndexedDB write is cut off.
import * as db from '../../../lib/idb'
import { readMigrated, STORAGE_PREFIX } from '../../../lib/storage'
import type { Channel, LocalPhoto, Valence } from '../../../lib/types'

export type FormValues = {
  /** datetime-local value in the device's time zone */
  when: string
  /** a touchpoint id, 'else' for "something else…", or '' */
  touchpoint: string
  somethingElse: string
  text: string
  emotion: number | null
  valence: Valence | null
  channel: Channel | ''
  channelTouched: boolean
  /** a photo already on the server */
  photoId: string | null
}

export type Draft = {
  /** 'new', or the id of the entry being edited */
  mode: 'new' | 'edit'
  id: string
  values: FormValues
  photo: LocalPhoto | null
  savedAt: number
}

/** The draft of the participant whose moments are open (see idb.switchOwner). */
const lsKey = () => `${STORAGE_PREFIX}draft${db.currentOwner() ? `.${db.currentOwner()}` : ''}`
/** The same draft's key before the prefix (see lib/storage.ts): moved on read, removed on clear. */
const legacyKey = () => `klantreis-diary-draft${db.currentOwner() ? `-${db.currentOwner()}` : ''}`
let latest: Draft | null = null
let timer: ReturnType<typeof setTimeout> | undefined

function writeLocal(d: Draft) {
  try {
    localStorage.setItem(lsKey(), JSON.stringify({ ...d, photo: null, hasPhoto: !!d.photo }))
  } catch {
    // storage full or disabled: IndexedDB still has it
  }
}

export async function loadDraft(): Promise<Draft | null> {
  let stored: Draft | null = null
  try {
    stored = (await db.get<Draft>('meta', 'draft')) ?? null
  } catch {
    stored = null
  }
  let local: Draft | null = null
  try {
    const raw = readMigrated(lsKey(), legacyKey())
    local = raw ? (JSON.parse(raw) as Draft) : null
  } catch {
    local = null
  }
  if (local && (!stored || local.savedAt > stored.savedAt)) {
    // the text from the last moment before the page went away; the photo from IndexedDB
    return { ...local, photo: stored && stored.id === local.id ? stored.photo : null }
  }
  return stored
}

export function saveDraft(d: Draft, immediately = false) {
  latest = d
  clearTimeout(timer)
  const write = () => {
    if (latest) void db.set('meta', 'draft', latest).catch(() => undefined)
  }
  if (immediately) write()
  else timer = setTimeout(write, 300)
}

export async function clearDraft() {
  latest = null
  clearTimeout(timer)
  try {
    localStorage.removeItem(lsKey())
    localStorage.removeItem(legacyKey())
  } catch {
    // ignore
  }
  await db.remove('meta', 'draft').catch(() => undefined)
}

/** The page is going away (tab closed, app switched, reload): keep what was typed. */
export function flushDraft() {
  if (!latest) return
  clearTimeout(timer)
  writeLocal(latest)
  void db.set('meta', 'draft', latest).catch(() => undefined)
}

if (typeof window !== 'undefined') {
  window.addEventListener('pagehide', flushDraft)
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') flushDraft()
  })
}
