// zod-free: the respondent bundle reads these without pulling in validation.
export const VALENCES = ['pain', 'gain', 'neutral'] as const
export type Valence = (typeof VALENCES)[number]
export const EMOTION_MIN = -3
export const EMOTION_MAX = 3
export const ENTRY_TEXT_MAX = 5000
export const PARTICIPANT_STATUSES = ['invited', 'consented', 'active', 'finished'] as const
export const PROPOSAL_STATUSES = ['pending', 'accepted', 'merged', 'rejected'] as const
/** Entry form fields an analyst can show, hide or require. */
export const ENTRY_FIELDS = ['touchpoint', 'text', 'emotion', 'valence', 'channel', 'photo'] as const
/** Segment attributes of a participant (customerType: new): limits shared by the form, the CSV import and the API. */
export const SEGMENT_KEY_MAX = 60
export const SEGMENT_VALUE_MAX = 200
export const SEGMENTS_MAX = 20
/** A CSV column named `segment:<key>` fills that segment attribute. */
export const SEGMENT_COLUMN_PREFIX = 'segment:'
export const PHOTO_MAX_BYTES = 5 * 1024 * 1024
export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const
