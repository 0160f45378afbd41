import createError from '@fastify/error'

// Cross-module errors. Feature modules define their own in <module>.errors.ts.
export const UnauthenticatedError = createError('UNAUTHENTICATED', 'Sign in to continue', 401)
export const SessionExpiredError = createError('SESSION_EXPIRED', 'Your session has expired; sign in again', 401)
export const CsrfTokenError = createError('CSRF_TOKEN_INVALID', 'Missing or wrong x-csrf-token header', 403)
export const ForbiddenError = createError<[string]>('FORBIDDEN', 'Your role may not %s', 403)
export const ConflictError = createError<[string]>('CONFLICT', '%s', 409)
export const InvalidCursorError = createError('VALIDATION_FAILED', 'cursor is not valid for this list', 400)
export const ServiceUnavailableError = createError<[string]>('SERVICE_UNAVAILABLE', '%s', 503)
export const RateLimitedError = createError('RATE_LIMITED', 'Too many attempts; try again in a minute', 429)

/** A rule the schema cannot express (it depends on stored settings); same shape as schema failures. */
export class RuleValidationError extends Error {
  readonly statusCode = 400
  readonly code = 'VALIDATION_FAILED'
  constructor(readonly details: { path: string; message: string }[]) {
    super(`Invalid request: ${details.map((d) => `${d.path}: ${d.message}`).join('; ')}`)
  }
}
