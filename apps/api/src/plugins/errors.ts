import { type ApiError, ERROR_CODES, type ErrorCode } from '@klantreis/shared/common'
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod'
import { STATUS_CODES } from 'node:http'

// Errors that mean "the database (or queue) is not reachable right now", not "this request is wrong".
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  '57P01',
  '57P02',
  '57P03',
  '53300',
])
export function isUnavailable(err: unknown): boolean {
  const e = err as { code?: string; message?: string } | undefined
  if (!e) return false
  if (e.code && (UNAVAILABLE_CODES.has(e.code) || e.code.startsWith('08'))) return true
  // "…and is not queryable": pg's answer on a client whose connection already broke. A transaction
  // that lost its server mid-way gets it from its ROLLBACK, and that error is the one thrown.
  return /Connection terminated|timeout exceeded when trying to connect|Connection is closed|connect ECONNREFUSED|and is not queryable/i.test(
    e.message ?? '',
  )
}

export const FRAMEWORK_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'INVALID_JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'INVALID_JSON',
  FST_ERR_CTP_BODY_TOO_LARGE: 'BODY_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'BODY_TOO_LARGE',
  FST_ERR_VALIDATION: 'VALIDATION_FAILED',
}

const DECLARED = new Set<string>(ERROR_CODES)
/** A code clients know, or undefined: a library's own code (FST_…, ERR_…) never reaches them. */
const declared = (code: string | undefined) => (code && DECLARED.has(code) ? (code as ErrorCode) : undefined)

function body(
  request: FastifyRequest,
  statusCode: number,
  code: ErrorCode,
  message: string,
  details?: ApiError['details'],
): ApiError {
  return {
    statusCode,
    code,
    error: STATUS_CODES[statusCode] ?? 'Error',
    message,
    ...(details ? { details } : {}),
    requestId: request.id,
  }
}

export function sendError(reply: FastifyReply, e: ApiError) {
  return reply.code(e.statusCode).type('application/json; charset=utf-8').send(e)
}

/** The one place where errors become HTTP answers; every route answers in ApiErrorSchema's shape. */
export default fp(
  async (app) => {
    app.setErrorHandler((err: FastifyError, request, reply) => {
      if (hasZodFastifySchemaValidationErrors(err)) {
        const where = err.validationContext ?? 'body'
        const details = err.validation.flatMap((v) => {
          const base = [where, ...v.instancePath.split('/').filter(Boolean)]
          const keys = (v.params as { keys?: string[] }).keys
          return keys?.length
            ? keys.map((k) => ({ path: [...base, k].join('.'), message: `unknown field "${k}"` }))
            : [{ path: base.join('.'), message: v.message ?? 'invalid' }]
        })
        const summary = details.map((d) => `${d.path}: ${d.message}`).join('; ')
        return sendError(reply, body(request, 400, 'VALIDATION_FAILED', `Invalid request: ${summary}`, details))
      }
      if (isResponseSerializationError(err)) {
        request.log.error({ err, issues: err.cause.issues }, 'response did not match its schema')
        return sendError(reply, body(request, 500, 'INTERNAL_ERROR', 'Internal Server Error'))
      }
      if (isUnavailable(err)) {
        request.log.warn({ err }, 'backing service unavailable')
        reply.header('retry-after', '5')
        return sendError(
          reply,
          body(request, 503, 'SERVICE_UNAVAILABLE', 'The service is temporarily unavailable; try again shortly'),
        )
      }
      const status = err.statusCode ?? 500
      if (status < 500) {
        const code =
          FRAMEWORK_CODES[err.code] ?? (status === 429 ? 'RATE_LIMITED' : (declared(err.code) ?? 'BAD_REQUEST'))
        const { details, retryAfter } = err as { details?: ApiError['details']; retryAfter?: unknown }
        if (typeof retryAfter === 'number') reply.header('retry-after', String(retryAfter))
        return sendError(reply, body(request, status, code, err.message, Array.isArray(details) ? details : undefined))
      }
      if (status === 503)
        return sendError(reply, body(request, 503, declared(err.code) ?? 'SERVICE_UNAVAILABLE', err.message))
      request.log.error({ err }, 'unhandled error')
      return sendError(reply, body(request, 500, 'INTERNAL_ERROR', 'Internal Server Error'))
    })
  },
  { name: 'errors' },
)

export function notFoundBody(request: FastifyRequest): ApiError {
  return body(request, 404, 'ROUTE_NOT_FOUND', `Route ${request.method} ${request.url.split('?')[0]} not found`)
}
