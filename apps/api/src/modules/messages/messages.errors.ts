import createError from '@fastify/error'

export const SendNotFoundError = createError<[string]>('SEND_NOT_FOUND', 'Send %s not found', 404)
