// zod-free so front ends can list the options without pulling in validation.
export const LOYALTY_METRICS = ['buy_more', 'stay_longer', 'recommend'] as const
export const STUDY_STATUSES = ['draft', 'live', 'closed'] as const
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
