// Types come from the shared contract (erased at build time: no zod in the bundle); values (the
// channel list, the valences) only from its zod-free constants modules, imported where they are used.
import type { DiaryEntry, PutEntryBody, RespondentMe } from '@klantreis/shared/diary'
import type { VALENCES } from '@klantreis/shared/diary/constants'

export type { DiaryEntry, RespondentMe }
export type { Channel } from '@klantreis/shared/journey/constants'
export type Lang = RespondentMe['participant']['language']
export type Valence = (typeof VALENCES)[number]
export type EntryForm = NonNullable<RespondentMe['diary']>['form']
export type FieldSetting = EntryForm[keyof EntryForm]

/**
 * What the participant writes: the contract's body of PUT /entries/:id without baseVersion, with
 * every field present (the app always sends them all, null when empty).
 */
export type EntryContent = Required<Omit<PutEntryBody, 'baseVersion'>>

/** A photo chosen on this device and not yet uploaded; the key tells one choice from the next. */
export type LocalPhoto = { key: string; blob: Blob }

export type PendingChange =
  | { kind: 'put'; content: EntryContent; baseVersion: number | null; photo: LocalPhoto | null }
  | { kind: 'delete'; baseVersion: number | null }

/** One entry as this device knows it (IndexedDB store "entries"). */
export type LocalRecord = {
  id: string
  /** The last version the server confirmed; null until the first submit is acknowledged. */
  server: DiaryEntry | null
  /** A change written on this device and not yet confirmed by the server. */
  pending: PendingChange | null
  /** Bumped on every local change, so a response never overwrites a newer edit. */
  rev: number
  /** A submit was attempted: the server may have the entry even if we never heard back. */
  sent: boolean
  /** 409 ENTRY_CONFLICT: the server's copy (null: deleted there); waits for the participant. */
  conflict: { server: DiaryEntry | null } | null
  /**
   * A refusal that retrying will not fix (closed diary, invalid, photo too large), or repeated server
   * faults; waits for the participant. `fields`: what a 400 named, e.g. 'text' for body.text.
   */
  failure: { code: string; message: string; status?: number; fields?: string[] } | null
  /** Server faults in a row while sending this change (absent: none); the third parks it. */
  serverFaults?: number
  savedAt: string
}
