/** The error codes the API answers with in this domain: findings and their verification. Zod-free, so a bundle may switch on them. */
export const FINDINGS_ERROR_CODES = ['FINDING_NOT_FOUND', 'FINDING_CONFLICT'] as const
