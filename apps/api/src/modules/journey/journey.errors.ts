import { defineError } from '../../lib/errors.js'

export const PersonaNotFoundError = defineError<[string]>('PERSONA_NOT_FOUND', 'Persona %s not found', 404)
export const StageNotFoundError = defineError<[string]>('STAGE_NOT_FOUND', 'Stage %s not found', 404)
export const TouchpointNotFoundError = defineError<[string]>('TOUCHPOINT_NOT_FOUND', 'Touchpoint %s not found', 404)
export const StageNotEmptyError = defineError(
  'STAGE_NOT_EMPTY',
  'Move or delete the touchpoints of this stage first',
  409,
)
export const ReorderMismatchError = defineError<[string]>('REORDER_MISMATCH', '%s', 409)
