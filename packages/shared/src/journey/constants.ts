// zod-free so front ends (the respondent bundle above all) can list the options without pulling in validation.
export const DMU_ROLES = ['decider', 'buyer', 'user', 'influencer', 'gatekeeper'] as const
export const TOUCHPOINT_KINDS = ['direct', 'indirect'] as const
export const TOUCHPOINT_ORIGINS = ['model', 'research'] as const
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
] as const
export type Channel = (typeof CHANNELS)[number]

/** The error codes the API answers with in this domain: personas, stages, touchpoints and their order. */
export const JOURNEY_ERROR_CODES = [
  'PERSONA_NOT_FOUND',
  'STAGE_NOT_FOUND',
  'TOUCHPOINT_NOT_FOUND',
  'STAGE_NOT_EMPTY',
  'REORDER_MISMATCH',
] as const
