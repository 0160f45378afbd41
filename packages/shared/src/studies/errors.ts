/** The error codes the API answers with in this domain: studies. Zod-free, so a bundle may switch on them. */
export const STUDIES_ERROR_CODES = ['STUDY_NOT_FOUND'] as const
