/** The error codes the API answers with in this domain: surveys, their responses and anonymous links. Zod-free, so a bundle may switch on them. */
export const SURVEYS_ERROR_CODES = [
  'SURVEY_NOT_FOUND',
  'SURVEY_VERSION_NOT_FOUND',
  'SURVEY_CLOSED',
  'VERSION_MISMATCH',
  'RESPONSE_NOT_FOUND',
  'RESPONSE_EXISTS',
  'RESPONSE_COMPLETE',
  'LINK_CLOSED',
  'LIMIT_REACHED',
] as const
