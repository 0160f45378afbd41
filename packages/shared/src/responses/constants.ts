// zod-free: the respondent bundle reads these without pulling in validation.
export const RESPONSE_STATUSES = ['in_progress', 'complete'] as const

/** The error codes the API answers with in this domain: a participant's or an anonymous response. */
export const RESPONSES_ERROR_CODES = [
  'VERSION_MISMATCH',
  'RESPONSE_NOT_FOUND',
  'RESPONSE_EXISTS',
  'RESPONSE_COMPLETE',
] as const
