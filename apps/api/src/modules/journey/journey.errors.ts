import createError from '@fastify/error'

export const PersonaNotFoundError = createError<[string]>('PERSONA_NOT_FOUND', 'Persona %s not found', 404)
export const StageNotFoundError = createError<[string]>('STAGE_NOT_FOUND', 'Stage %s not found', 404)
export const TouchpointNotFoundError = createError<[string]>('TOUCHPOINT_NOT_FOUND', 'Touchpoint %s not found', 404)
export const StageNotEmptyError = createError('STAGE_NOT_EMPTY', 'Move or delete the touchpoints of this stage first', 409)
export const ReorderMismatchError = createError<[string]>('REORDER_MISMATCH', '%s', 409)
