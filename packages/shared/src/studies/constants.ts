// zod-free so front ends can list the options without pulling in validation.
export const LOYALTY_METRICS = ['buy_more', 'stay_longer', 'recommend'] as const
export const STUDY_STATUSES = ['draft', 'live', 'closed'] as const

/** The error codes the API answers with in this domain: the study itself. */
export const STUDIES_ERROR_CODES = ['STUDY_NOT_FOUND', 'RETENTION_WOULD_ERASE_RUNNING'] as const

/** A retention period (issue 14) is whole months within these bounds (the database checks them too). */
export const RETENTION_MONTHS_MIN = 1
export const RETENTION_MONTHS_MAX = 120
