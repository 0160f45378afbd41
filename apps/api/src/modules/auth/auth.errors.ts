import { defineError, RateLimitedError } from '../../lib/errors.js'

export const InvalidCredentialsError = defineError('INVALID_CREDENTIALS', 'Email or password is wrong', 401)
export const OrganizationNotFoundError = defineError<[string]>(
  'ORGANIZATION_NOT_FOUND',
  'Organization %s not found',
  404,
)
export const InvitationInvalidError = defineError(
  'INVITATION_INVALID',
  'This invitation link is not valid (any more); ask for a new one',
  400,
)
/** Too many sign-in attempts; the error handler turns retryAfter (seconds) into a Retry-After header. */
export class LoginThrottledError extends RateLimitedError {
  constructor(readonly retryAfter: number) {
    super()
  }
}
