// Types come from the shared contract (erased at build time: no zod in the bundle);
// values only from the zod-free constants module.
import type { DiaryEntry, RespondentMe } from '@klantreis/shared/diary'
import type { VALENCES } from '@klantreis/shared/diary/constants'

export type { DiaryEntry, RespondentMe }
export type Lang = RespondentMe['participant']['language']
export type Valence = (typeof VALENCES)[number]
export type Channel = NonNullable<DiaryEntry['channel']>
export type EntryForm = NonNullable<RespondentMe['diary']>['form']
export type FieldSetting = EntryForm[keyof EntryForm]

/**
 * The channel list. '@klantreis/shared/studies' would pull zod into the bundle and its zod-free
 * constants module is not exported, so the list is repeated here and checked both ways against
 * the contract's type: adding or removing a channel there fails the type check here.
 */
export const CHANNELS = [
  'web',
  'app',
  'email',
  'phone',
  'chat',
  'store',
  'post',
  'delivery',
  'social',
  'review_site',
  'word_of_mouth',
  'advertising',
  'other',
] as const satisfies readonly Channel[]
type Missing = Exclude<Channel, (typeof CHANNELS)[number]>
const everyChannelListed: [Missing] extends [never] ? true : Missing = true
void everyChannelListed

/** What the participant writes; the body of PUT /entries/:id without baseVersion. */
export type EntryContent = {
  occurredAt: string
  touchpointId: string | null
  somethingElse: string | null
  text: string
  emotion: number | null
  valence: Valence | null
  channel: Channel | null
  photoId: string | null
}

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
