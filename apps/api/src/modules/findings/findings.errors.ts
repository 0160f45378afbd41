import createError from '@fastify/error'

export const FindingNotFoundError = createError<[string]>('FINDING_NOT_FOUND', 'Finding %s not found', 404)
export const FindingConflictError = createError('FINDING_CONFLICT', 'Someone else changed this finding meanwhile; reload it', 409)
