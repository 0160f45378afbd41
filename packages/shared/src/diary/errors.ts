/** The error codes the API answers with in this domain: participants, consent, the diary and its entries. Zod-free, so a bundle may switch on them. */
export const DIARY_ERROR_CODES = [
  'PARTICIPANT_NOT_FOUND',
  'PARTICIPANT_EXISTS',
  'PARTICIPANT_CHANGED',
  'CONSENT_NOT_FOUND',
  'CONSENT_OUTDATED',
  'CONSENT_REQUIRED',
  'DIARY_NOT_FOUND',
  'DIARY_CLOSED',
  'ENTRY_NOT_FOUND',
  'ENTRY_CONFLICT',
  'PHOTO_NOT_FOUND',
  'PROPOSAL_NOT_FOUND',
] as const
