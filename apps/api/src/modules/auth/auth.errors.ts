import { defineError } from '../../lib/errors.js'

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
