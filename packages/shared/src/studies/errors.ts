/** The error codes the API answers with in this domain: studies and their journey model. Zod-free, so a bundle may switch on them. */
export const STUDIES_ERROR_CODES = [
  'STUDY_NOT_FOUND',
  'PERSONA_NOT_FOUND',
  'STAGE_NOT_FOUND',
  'TOUCHPOINT_NOT_FOUND',
  'STAGE_NOT_EMPTY',
  'REORDER_MISMATCH',
] as const
