import type { FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { RuleValidationError } from '../lib/errors.js'
import { decodeUtf8Body, findUnstorableText } from '../lib/safe-text.js'

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

    app.addHook('preValidation', async (request: FastifyRequest) => {
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
