// zod-free: every error code the API answers with, gathered from the domains that declare them, so a
// bundle may switch on them without pulling in validation.
import { AUTH_ERROR_CODES } from '../auth/constants.js'
import { CODING_ERROR_CODES } from '../coding/constants.js'
import { DASHBOARD_ERROR_CODES } from '../dashboard/constants.js'
import { DIARY_ERROR_CODES } from '../diary/constants.js'
import { EMPATHY_ERROR_CODES } from '../empathy/constants.js'
import { EXPORTS_ERROR_CODES } from '../exports/constants.js'
import { FINDINGS_ERROR_CODES } from '../findings/constants.js'
import { JOURNEY_ERROR_CODES } from '../journey/constants.js'
import { MESSAGES_ERROR_CODES } from '../messages/constants.js'
import { PARTICIPANTS_ERROR_CODES } from '../participants/constants.js'
import { RESPONSES_ERROR_CODES } from '../responses/constants.js'
import { STUDIES_ERROR_CODES } from '../studies/constants.js'
import { SURVEYS_ERROR_CODES } from '../surveys/constants.js'

export const LANGUAGES = ['nl', 'en'] as const

/** The codes every route may answer with: the request's form, the session, limits and outages. */
export const COMMON_ERROR_CODES = [
  'VALIDATION_FAILED',
  'INVALID_JSON',
  'BODY_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'BAD_REQUEST',
  'UNAUTHENTICATED',
  'SESSION_EXPIRED',
  'CSRF_TOKEN_INVALID',
  'FORBIDDEN',
  'NOT_FOUND',
  'ROUTE_NOT_FOUND',
  'CONFLICT',
  'RATE_LIMITED',
  'SERVICE_UNAVAILABLE',
  'INTERNAL_ERROR',
] as const

/**
 * Every stable machine code the API answers with, each declared in its domain's constants.ts; clients
 * switch on these, never on message text. The API can only raise a declared one (defineError), and
 * a test holds the OpenAPI document's list to what the API sends.
 */
export const ERROR_CODES = [
  ...COMMON_ERROR_CODES,
  ...AUTH_ERROR_CODES,
  ...STUDIES_ERROR_CODES,
  ...JOURNEY_ERROR_CODES,
  ...PARTICIPANTS_ERROR_CODES,
  ...DIARY_ERROR_CODES,
  ...SURVEYS_ERROR_CODES,
  ...RESPONSES_ERROR_CODES,
  ...MESSAGES_ERROR_CODES,
  ...CODING_ERROR_CODES,
  ...FINDINGS_ERROR_CODES,
  ...DASHBOARD_ERROR_CODES,
  ...EMPATHY_ERROR_CODES,
  ...EXPORTS_ERROR_CODES,
] as const
export type ErrorCode = (typeof ERROR_CODES)[number]
