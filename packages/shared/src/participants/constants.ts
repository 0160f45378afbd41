// zod-free: front ends read these without pulling in validation.
export const PARTICIPANT_STATUSES = ['invited', 'consented', 'active', 'finished'] as const
/** How mail to a participant stopped: their unsubscribe link, one-click in their mail program, or the researcher. */
export const UNSUBSCRIBE_REASONS = ['link', 'one_click', 'researcher'] as const
/** Segment attributes of a participant (customerType: new): limits shared by the form, the CSV import and the API. */
export const SEGMENT_KEY_MAX = 60
export const SEGMENT_VALUE_MAX = 200
export const SEGMENTS_MAX = 20
/** A CSV column named `segment:<key>` fills that segment attribute. */
export const SEGMENT_COLUMN_PREFIX = 'segment:'
export const PARTICIPANT_CSV_MAX_BYTES = 10 * 1024 * 1024
export const IMPORT_STATUSES = ['queued', 'running', 'done', 'failed'] as const
/** Why a participant was erased: by an analyst, by the study's retention period, or at their own request. */
export const ERASURE_REASONS = ['analyst', 'retention', 'participant_request'] as const
export type ErasureReason = (typeof ERASURE_REASONS)[number]
/** A participant's request to have their data removed, waiting for an admin or declined (confirmed = erased). */
export const REMOVAL_REQUEST_STATUSES = ['pending', 'declined'] as const
/** What the participant sees of their request: none yet, waiting, declined, or carried out (their data is gone). */
export const REMOVAL_STATES = ['none', 'pending', 'declined', 'removed'] as const
export const REMOVAL_DECLINE_REASON_MAX = 1000

/** The error codes the API answers with in this domain: participants, their consent and their links. */
export const PARTICIPANTS_ERROR_CODES = [
  'PARTICIPANT_NOT_FOUND',
  'PARTICIPANT_EXISTS',
  'PARTICIPANT_CHANGED',
  'CONSENT_NOT_FOUND',
  'CONSENT_OUTDATED',
  'CONSENT_REQUIRED',
  'REMOVAL_REQUEST_NOT_FOUND',
  'REMOVAL_REQUEST_DECIDED',
] as const
