import createError from '@fastify/error'

export const InvalidCredentialsError = createError('INVALID_CREDENTIALS', 'Email or password is wrong', 401)
export const OrganizationNotFoundError = createError<[string]>('ORGANIZATION_NOT_FOUND', 'Organization %s not found', 404)
export const InvitationInvalidError = createError(
  'INVITATION_INVALID',
  'This invitation link is not valid (any more); ask for a new one',
  400,
)
