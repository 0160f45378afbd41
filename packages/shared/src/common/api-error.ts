import { z } from 'zod'

/** Stable machine codes; clients switch on these, never on message text. */
export const ERROR_CODES = [
  'VALIDATION_FAILED',
  'INVALID_JSON',
  'BODY_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'UNAUTHENTICATED',
  'INVALID_CREDENTIALS',
  'SESSION_EXPIRED',
  'CSRF_TOKEN_INVALID',
  'FORBIDDEN',
  'NOT_FOUND',
  'ROUTE_NOT_FOUND',
  'STUDY_NOT_FOUND',
  'PERSONA_NOT_FOUND',
  'STAGE_NOT_FOUND',
  'TOUCHPOINT_NOT_FOUND',
  'MEMBER_NOT_FOUND',
  'ORGANIZATION_NOT_FOUND',
  'INVITATION_INVALID',
  'CONFLICT',
  'LAST_OWNER',
  'STAGE_NOT_EMPTY',
  'REORDER_MISMATCH',
  'RATE_LIMITED',
  'SERVICE_UNAVAILABLE',
  'INTERNAL_ERROR',
] as const
export type ErrorCode = (typeof ERROR_CODES)[number]

export const ApiErrorDetailSchema = z.object({ path: z.string(), message: z.string() })

export const ApiErrorSchema = z.object({
  statusCode: z.number().int(),
  code: z.string(),
  error: z.string(),
  message: z.string(),
  details: z.array(ApiErrorDetailSchema).optional(),
  requestId: z.string().optional(),
})
export type ApiError = z.infer<typeof ApiErrorSchema>
