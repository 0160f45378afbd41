/** The error codes the API answers with in this domain: participant mail. Zod-free, so a bundle may switch on them. */
export const MESSAGES_ERROR_CODES = ['SEND_NOT_FOUND'] as const
