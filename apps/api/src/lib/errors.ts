import createError from '@fastify/error'
import type { ErrorCode } from '@klantreis/shared/common'

/**
 * An error the API answers with: its code must be declared in the contract (packages/shared,
 * <domain>/constants.ts), so an undeclared code fails the typecheck rather than surprise a client.
 */
export function defineError<Arg extends unknown[] = [unknown?, unknown?, unknown?]>(
  code: ErrorCode,
  message: string,
  statusCode: number,
) {
  return createError<Arg>(code, message, statusCode)
}

// Cross-module errors. Feature modules define their own in <module>.errors.ts.
export const UnauthenticatedError = defineError('UNAUTHENTICATED', 'Sign in to continue', 401)
export const SessionExpiredError = defineError('SESSION_EXPIRED', 'Your session has expired; sign in again', 401)
export const CsrfTokenError = defineError('CSRF_TOKEN_INVALID', 'Missing or wrong x-csrf-token header', 403)
export const ForbiddenError = defineError<[string]>('FORBIDDEN', 'Your role may not %s', 403)
export const ConflictError = defineError<[string]>('CONFLICT', '%s', 409)
export const InvalidCursorError = defineError('VALIDATION_FAILED', 'cursor is not valid for this list', 400)
export const ServiceUnavailableError = defineError<[string]>('SERVICE_UNAVAILABLE', '%s', 503)
export const RateLimitedError = defineError('RATE_LIMITED', 'Too many attempts; try again in a minute', 429)

/** A rule the schema cannot express (it depends on stored settings); same shape as schema failures. */
export class RuleValidationError extends Error {
  readonly statusCode = 400
  readonly code = 'VALIDATION_FAILED'
  constructor(readonly details: { path: string; message: string }[]) {
    super(`Invalid request: ${details.map((d) => `${d.path}: ${d.message}`).join('; ')}`)
  }
}
