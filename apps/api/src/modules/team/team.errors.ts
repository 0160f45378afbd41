import { defineError } from '../../lib/errors.js'

export const MemberNotFoundError = defineError<[string]>('MEMBER_NOT_FOUND', 'Member %s not found', 404)
export const InvitationNotFoundError = defineError<[string]>('NOT_FOUND', 'Invitation %s not found', 404)
export const LastOwnerError = defineError('LAST_OWNER', 'An organization needs at least one owner', 409)
