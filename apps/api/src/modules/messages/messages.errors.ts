import { defineError } from '../../lib/errors.js'

export const SendNotFoundError = defineError<[string]>('SEND_NOT_FOUND', 'Send %s not found', 404)
