// zod-free: the respondent bundle reads these without pulling in validation.
export const VALENCES = ['pain', 'gain', 'neutral'] as const
export type Valence = (typeof VALENCES)[number]
export const EMOTION_MIN = -3
export const EMOTION_MAX = 3
export const ENTRY_TEXT_MAX = 5000
export const PROPOSAL_STATUSES = ['pending', 'accepted', 'merged', 'rejected'] as const
/** Entry form fields an analyst can show, hide or require. */
export const ENTRY_FIELDS = ['touchpoint', 'text', 'emotion', 'valence', 'channel', 'photo'] as const
export const ENTRY_FIELD_SETTINGS = ['hidden', 'optional', 'required'] as const
/** A diary as the participant sees it: open, not started yet, or ended (read-only). */
export const DIARY_STATES = ['open', 'not_started', 'ended'] as const
export const PHOTO_MAX_BYTES = 5 * 1024 * 1024
export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const

/** The error codes the API answers with in this domain: the diary, its entries, photos and proposed touchpoints. */
export const DIARY_ERROR_CODES = [
  'DIARY_NOT_FOUND',
  'DIARY_CLOSED',
  'ENTRY_NOT_FOUND',
  'ENTRY_CONFLICT',
  'PHOTO_NOT_FOUND',
  'PROPOSAL_NOT_FOUND',
] as const
