import { z } from 'zod'
import { AUTH_ERROR_CODES } from '../auth/errors.js'
import { CODING_ERROR_CODES } from '../coding/errors.js'
import { DASHBOARD_ERROR_CODES } from '../dashboard/errors.js'
import { DIARY_ERROR_CODES } from '../diary/errors.js'
import { FINDINGS_ERROR_CODES } from '../findings/errors.js'
import { JOURNEY_ERROR_CODES } from '../journey/constants.js'
import { MESSAGES_ERROR_CODES } from '../messages/errors.js'
import { STUDIES_ERROR_CODES } from '../studies/errors.js'
import { SURVEYS_ERROR_CODES } from '../surveys/errors.js'

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
 * Every stable machine code the API answers with, each declared in its domain's errors.ts; clients
 * switch on these, never on message text. The API can only raise a declared one (defineError), and
 * a test holds the OpenAPI document's list to what the API sends.
 */
export const ERROR_CODES = [
  ...COMMON_ERROR_CODES,
  ...AUTH_ERROR_CODES,
  ...STUDIES_ERROR_CODES,
  ...JOURNEY_ERROR_CODES,
  ...DIARY_ERROR_CODES,
  ...SURVEYS_ERROR_CODES,
  ...MESSAGES_ERROR_CODES,
  ...CODING_ERROR_CODES,
  ...FINDINGS_ERROR_CODES,
  ...DASHBOARD_ERROR_CODES,
] as const
export type ErrorCode = (typeof ERROR_CODES)[number]

export const ApiErrorDetailSchema = z.object({ path: z.string(), message: z.string() })

export const ApiErrorSchema = z.object({
  statusCode: z.number().int(),
  code: z.enum(ERROR_CODES),
  error: z.string(),
  message: z.string(),
  details: z.array(ApiErrorDetailSchema).optional(),
  requestId: z.string().optional(),
})
export type ApiError = z.infer<typeof ApiErrorSchema>
