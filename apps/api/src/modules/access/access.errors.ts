import { defineError } from '../../lib/errors.js'

export const RemovalRequestNotFoundError = defineError<[string]>(
  'REMOVAL_REQUEST_NOT_FOUND',
  'Removal request %s not found',
  404,
)
export const RemovalRequestDecidedError = defineError(
  'REMOVAL_REQUEST_DECIDED',
  'This removal request has already been declined',
  409,
)
