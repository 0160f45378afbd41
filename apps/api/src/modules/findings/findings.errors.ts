import { defineError } from '../../lib/errors.js'

export const FindingNotFoundError = defineError<[string]>('FINDING_NOT_FOUND', 'Finding %s not found', 404)
export const FindingConflictError = defineError(
  'FINDING_CONFLICT',
  'Someone else changed this finding meanwhile; reload it',
  409,
)
