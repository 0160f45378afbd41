import type { DiaryEntry } from '@klantreis/shared/diary'
import { defineError } from '../../lib/errors.js'

export const DiaryNotFoundError = defineError('DIARY_NOT_FOUND', 'This study has no diary yet', 404)
export const DiaryClosedError = defineError<[string]>('DIARY_CLOSED', '%s', 403)
export const EntryNotFoundError = defineError<[string]>('ENTRY_NOT_FOUND', 'Entry %s not found', 404)
export const ProposalNotFoundError = defineError<[string]>(
  'PROPOSAL_NOT_FOUND',
  'Proposed touchpoint %s not found',
  404,
)
export const ProposalResolvedError = defineError('CONFLICT', 'This proposal was already resolved', 409)
export const PhotoNotFoundError = defineError<[string]>('PHOTO_NOT_FOUND', 'Photo %s not found', 404)
export const PhotoTypeError = defineError('UNSUPPORTED_MEDIA_TYPE', 'A photo must be a JPEG, PNG or WebP image', 415)

/** Not a thrown-and-mapped error: the answer carries the stored entry, so routes send it themselves. */
export class EntryConflict extends Error {
  constructor(readonly server: DiaryEntry | null) {
    super('This entry was changed on another device')
  }
}
