import { defineError } from '../../lib/errors.js'

export const ExportNotFoundError = defineError<[string]>('EXPORT_NOT_FOUND', 'Export %s not found', 404)
export const ExportNotReadyError = defineError(
  'EXPORT_NOT_READY',
  'This export is still being made; try again when it is done',
  409,
)
export const ExportExpiredError = defineError(
  'EXPORT_EXPIRED',
  'This export is no longer available (it expired or failed); start it again',
  410,
)
