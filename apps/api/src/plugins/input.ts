import { errorCodes, type FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { RuleValidationError } from '../lib/errors.js'
import { decodeUtf8Body, findUnstorableText } from '../lib/safe-text.js'

// Fastify's own errors, so the error plugin maps them as it maps Fastify's (BODY_TOO_LARGE, UNSUPPORTED_MEDIA_TYPE)
const { FST_ERR_CTP_BODY_TOO_LARGE: BodyTooLargeError, FST_ERR_CTP_INVALID_MEDIA_TYPE: UnsupportedMediaTypeError } =
  errorCodes

/**
 * Input every route shares, checked before its zod schema: bodies that are not UTF-8, and strings
 * in the body, query or params that PostgreSQL cannot store or that nest absurdly deep. Done once
 * here rather than in each of the many text fields' schemas, so no new field can forget it.
 */
export default fp(
  async (app) => {
    // No route takes plain text: refused as the wrong media type (415), not parsed into a string
    // for the schema to puzzle over.
    app.removeContentTypeParser('text/plain')
    const parseJson = app.getDefaultJsonParser('error', 'error')
    app.removeContentTypeParser('application/json')
    app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
      let text: string
      try {
        text = decodeUtf8Body(body as Buffer)
      } catch (err) {
        return done(err as Error, undefined)
      }
      parseJson(request, text, done)
    })

    // Expect: 100-continue. Node would answer "100 Continue" as soon as the headers arrive, before
    // any route is known; a client then sends megabytes that the route refuses, and the 413 races
    // the upload (sometimes the client only sees the connection reset). Here the route decides:
    // too large for it, and the 413 goes out before the body is sent; otherwise, go on.
    app.server.on('checkContinue', (req, res) => app.server.emit('request', req, res))
    app.addHook('preParsing', async (request, reply, payload) => {
      if (String(request.headers.expect).toLowerCase() !== '100-continue') return payload
      const length = Number(request.headers['content-length'])
      if (Number.isFinite(length) && length > request.routeOptions.bodyLimit) {
        // the body will never come, so this connection has nothing more to read
        reply.header('connection', 'close')
        throw new BodyTooLargeError()
      }
      reply.raw.writeContinue()
      return payload
    })

    app.addHook('preValidation', async (request: FastifyRequest) => {
      // a route that declares what it consumes (a photo, a CSV file) takes nothing else: JSON sent
      // there is the wrong media type, not a file that fails validation
      const consumes = (request.routeOptions.schema as { consumes?: string[] } | undefined)?.consumes
      const type = String(request.headers['content-type'] ?? '')
        .split(';')[0]!
        .trim()
        .toLowerCase()
      if (consumes && request.body !== undefined && !consumes.includes(type)) throw new UnsupportedMediaTypeError(type)

      const problems = [
        ...findUnstorableText(request.params, 'params'),
        ...findUnstorableText(request.query, 'querystring'),
        ...findUnstorableText(request.body, 'body'),
      ]
      if (problems.length) throw new RuleValidationError(problems)
    })
  },
  { name: 'input', dependencies: ['errors'] },
)
