import createError from '@fastify/error'

export const MemberNotFoundError = createError<[string]>('MEMBER_NOT_FOUND', 'Member %s not found', 404)
export const InvitationNotFoundError = createError<[string]>('NOT_FOUND', 'Invitation %s not found', 404)
export const LastOwnerError = createError('LAST_OWNER', 'An organization needs at least one owner', 409)
