import { ApiErrorSchema } from '@klantreis/shared/common'
import type { FastifyReply } from 'fastify'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { sql } from 'kysely'
import { z } from 'zod'
import { unsubscribeAskPage, unsubscribeDonePage, unsubscribeInvalidPage } from '../email/templates/unsubscribe-page.js'
import { sendError } from '../plugins/errors.js'
import type { Services } from '../services.js'

/** Why this process cannot recover by itself (then /healthz answers 503 and it should be restarted), or undefined. */
export type Liveness = () => string | undefined

type Opts = Pick<Services, 'participants' | 'links' | 'messages'> & { liveness?: Liveness | undefined }

const TokenParamsSchema = z.object({ token: z.string() })
// Guessing 256-bit tokens is hopeless, but it is also cheap to refuse: every link page is limited per address.
const perAddress = { rateLimit: { max: 30, timeWindow: '1 minute' } }

/** A link that opened (or did not): a 303 into the app, never cached, so the token leaves the address bar. */
const onToApp = (reply: FastifyReply, location: string) =>
  reply.code(303).header('cache-control', 'no-store').redirect(location)
const INVALID_LINK = '/r/?link=invalid'

function htmlPage(reply: FastifyReply, status: number, html: string) {
  return reply
    .code(status)
    .header('cache-control', 'no-store')
    .header('referrer-policy', 'no-referrer')
    .type('text/html; charset=utf-8')
    .send(html)
}

/**
 * The unsubscribe link of every participant mail. GET only asks (a link checker or a mail
 * scanner may open it); POST unsubscribes: the button on that page, or a mail program's RFC 8058
 * one-click POST (`List-Unsubscribe=One-Click`). No sign-in: the random token is the key.
 */
const unsubscribeRoutes: FastifyPluginAsyncZod<Pick<Services, 'messages'>> = async (app, { messages }) => {
  // the one-click body is a form post; its content does not matter, only that it came
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 1024 },
    (_req, body, done) => done(null, body),
  )
  app.get('/u/:token', { schema: { params: TokenParamsSchema }, config: perAddress }, async (req, reply) => {
    const found = await messages.findUnsubscribe(req.params.token)
    if (!found) return htmlPage(reply, 404, unsubscribeInvalidPage())
    if (found.unsubscribed_at) return htmlPage(reply, 200, unsubscribeDonePage(found))
    return htmlPage(reply, 200, unsubscribeAskPage(found, req.params.token))
  })
  app.post('/u/:token', { schema: { params: TokenParamsSchema }, config: perAddress }, async (req, reply) => {
    const oneClick = typeof req.body === 'string' && req.body.includes('List-Unsubscribe=One-Click')
    const found = await messages.unsubscribeByToken(req.params.token, oneClick ? 'one_click' : 'link')
    if (!found) return htmlPage(reply, 404, unsubscribeInvalidPage())
    return htmlPage(reply, 200, unsubscribeDonePage(found))
  })
}

/** What is served outside /api: health for the orchestrator, and the links people open from their mail. */
const pageRoutes: FastifyPluginAsyncZod<Opts> = async (app, { participants, links, messages, liveness }) => {
  app.get(
    '/healthz',
    {
      logLevel: 'warn',
      schema: { tags: ['health'], response: { 200: z.object({ status: z.literal('ok') }), 503: ApiErrorSchema } },
    },
    async (request, reply) => {
      const problem = liveness?.()
      if (!problem) return { status: 'ok' as const }
      return sendError(reply, {
        statusCode: 503,
        code: 'SERVICE_UNAVAILABLE',
        error: 'Service Unavailable',
        message: problem,
        requestId: request.id,
      })
    },
  )
  app.get(
    '/readyz',
    {
      logLevel: 'warn',
      schema: {
        tags: ['health'],
        response: {
          200: z.object({
            status: z.literal('ready'),
            database: z.literal('ok'),
            queue: z.literal('ok'),
            queueBackend: z.enum(['redis', 'postgres']),
          }),
          503: ApiErrorSchema,
        },
      },
    },
    async (request, reply) => {
      const check = async (fn: () => Promise<unknown>) => {
        try {
          await fn()
          return null
        } catch (err) {
          return String((err as Error).message ?? err)
        }
      }
      const [database, queue] = await Promise.all([
        check(() => sql`select 1`.execute(app.db)),
        check(() => app.queues.ping()),
      ])
      if (!database && !queue)
        return {
          status: 'ready' as const,
          database: 'ok' as const,
          queue: 'ok' as const,
          queueBackend: app.queues.backend,
        }
      const details = [
        ...(database ? [{ path: 'database', message: database }] : []),
        ...(queue ? [{ path: 'queue', message: queue }] : []),
      ]
      return sendError(reply, {
        statusCode: 503,
        code: 'SERVICE_UNAVAILABLE',
        error: 'Service Unavailable',
        message: `Not ready: ${details.map((d) => d.path).join(', ')} unreachable`,
        details,
        requestId: request.id,
      })
    },
  )

  // The personal link of a participant mail: a participant session cookie, and on to the app.
  app.get(
    '/r/t/:token',
    {
      // `to` is only a hint where to land: anything but one string (a repeated key, say) lands on the diary
      schema: { params: TokenParamsSchema, querystring: z.object({ to: z.string().optional().catch(undefined) }) },
      config: perAddress,
    },
    async (request, reply) => {
      const opened = await participants.openLink(request.params.token, request.query.to)
      if (!opened) return onToApp(reply, INVALID_LINK)
      return onToApp(reply.setParticipantSession(opened.cookie, opened.expires), opened.landing)
    },
  )
  // An anonymous survey link: same shape, a browser session instead of a participant.
  app.get('/s/:token', { schema: { params: TokenParamsSchema }, config: perAddress }, async (request, reply) => {
    const opened = await links.open(request.params.token)
    if (!opened) return onToApp(reply, INVALID_LINK)
    return onToApp(reply.setAnonymousSession(opened.cookie), opened.landing)
  })

  await app.register(unsubscribeRoutes, { messages })
}
export default pageRoutes
