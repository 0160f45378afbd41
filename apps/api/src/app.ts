import { existsSync } from 'node:fs'
import path from 'node:path'
import cookie from '@fastify/cookie'
import helmet from '@fastify/helmet'
import rateLimit from '@fastify/rate-limit'
import fastifyStatic from '@fastify/static'
import Fastify from 'fastify'
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod'
import { ApiErrorSchema } from '@klantreis/shared/common'
import { sql } from 'kysely'
import type { DestinationStream } from 'pino'
import { z } from 'zod'
import { type Config, REPO_ROOT } from './config.js'
import { serializeRequest } from './lib/redact.js'
import { createAuthService } from './modules/auth/auth.service.js'
import authPublicRoutes from './modules/auth/auth.public.routes.js'
import { createDiaryService } from './modules/diary/diary.service.js'
import { createJourneyService } from './modules/journey/journey.service.js'
import { createParticipantsService } from './modules/participants/participants.service.js'
import { createStudiesService } from './modules/studies/studies.service.js'
import { anonymousRoutes } from './modules/surveys/links.routes.js'
import { createLinksService } from './modules/surveys/links.service.js'
import { createResponsesService } from './modules/responses/responses.service.js'
import { createMessagesService } from './modules/messages/messages.service.js'
import { createCodingService } from './modules/coding/coding.service.js'
import { createFindingsService } from './modules/findings/findings.service.js'
import { createEmpathyService } from './modules/empathy/empathy.service.js'
import { createDashboardService } from './modules/dashboard/dashboard.service.js'
import { unsubscribeRoutes } from './modules/messages/unsubscribe.routes.js'
import { createSurveysService } from './modules/surveys/surveys.service.js'
import { createTeamService } from './modules/team/team.service.js'
import configPlugin from './plugins/config.js'
import dbPlugin, { serializeError } from './plugins/db.js'
import errorsPlugin, { notFoundBody, sendError } from './plugins/errors.js'
import inputPlugin from './plugins/input.js'
import mailerPlugin from './plugins/mailer.js'
import queuesPlugin from './plugins/queues.js'
import swaggerPlugin from './plugins/swagger.js'
import analystRoutes from './routes/analyst.js'
import respondentRoutes from './routes/respondent.js'

export type AppConfig = Config & { DATABASE_URL: string }

const ANALYST_DIST = path.join(REPO_ROOT, 'apps/analyst/dist')
const RESPONDENT_DIST = path.join(REPO_ROOT, 'apps/respondent/dist')

/** Why this process cannot recover by itself (then /healthz answers 503 and it should be restarted), or undefined. */
export type Liveness = () => string | undefined

/** Builds the whole HTTP app; never listens, so tests drive it with inject(). */
export async function buildApp(config: AppConfig, opts: { logStream?: DestinationStream; liveness?: Liveness } = {}) {
  const app = Fastify({
    logger: {
      level: config.LOG_LEVEL,
      serializers: { req: serializeRequest, err: serializeError },
      ...(opts.logStream ? { stream: opts.logStream } : {}),
    },
    bodyLimit: 1024 * 1024,
    // Only a configured proxy may say who the client is: trusting X-Forwarded-For from anyone lets
    // each request claim a new address and walk past every per-address limit.
    // (a hop count is "trust the nearest n", as proxy-addr reads a number)
    trustProxy:
      typeof config.trustProxy === 'number'
        ? (_address: string, hop: number) => hop < (config.trustProxy as number)
        : config.trustProxy,
    requestIdHeader: false,
    // personal-link tokens travel as a path parameter; longer garbage still gets the friendly answer
    routerOptions: { maxParamLength: 500 },
  }).withTypeProvider<ZodTypeProvider>()
  app.setValidatorCompiler(validatorCompiler)
  app.setSerializerCompiler(serializerCompiler)

  await app.register(configPlugin, { config })
  await app.register(errorsPlugin)
  await app.register(inputPlugin)
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        // charts and drag-and-drop position elements with style attributes
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'"],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: config.secureCookies ? [] : null,
      },
    },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: config.secureCookies,
    crossOriginEmbedderPolicy: false,
  })
  // What the API answers is someone's data (and a session's CSRF token): no browser or proxy cache
  // may keep it for the next person on a shared computer.
  app.addHook('onSend', async (request, reply) => {
    if (request.url.startsWith('/api/') && !request.url.startsWith('/api/docs') && !reply.hasHeader('cache-control'))
      reply.header('cache-control', 'no-store')
  })
  await app.register(cookie)
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (request, ctx) => ({
      statusCode: 429,
      code: 'RATE_LIMITED',
      error: 'Too Many Requests',
      message: `Too many attempts; try again in ${Math.ceil(ctx.ttl / 1000)} seconds`,
      requestId: request.id,
    }),
  })
  await app.register(swaggerPlugin)
  await app.register(dbPlugin)
  await app.register(queuesPlugin)
  await app.register(mailerPlugin)
  app.decorateRequest('analyst', null as never)

  const auth = createAuthService({ db: app.db, pool: app.pg.pool, config })
  const studies = createStudiesService({ db: app.db })
  const journey = createJourneyService({ db: app.db, studies })
  const participants = createParticipantsService({
    db: app.db,
    pool: app.pg.pool,
    config,
    studies,
    workQueue: app.queues.work,
  })
  const diary = createDiaryService({ db: app.db, pool: app.pg.pool, studies, journey, participants })
  const surveys = createSurveysService({ db: app.db, studies, journey })
  const responses = createResponsesService({ db: app.db, pool: app.pg.pool, studies, participants, surveys })
  const links = createLinksService({ db: app.db, config, studies })
  const coding = createCodingService({ db: app.db, studies })
  const findings = createFindingsService({ db: app.db, studies, surveys, responses })
  const empathy = createEmpathyService({ db: app.db, studies, journey })
  const dashboard = createDashboardService({ db: app.db, studies, liveTimeoutMs: config.DASHBOARD_LIVE_TIMEOUT_MS })
  const messages = createMessagesService({
    db: app.db,
    studies,
    diary,
    participants,
    surveys,
    mailQueue: app.queues.mail,
    log: app.log,
    publicUrl: config.publicUrl,
  })
  const team = createTeamService({ db: app.db, config, mailQueue: app.queues.mail, log: app.log, auth })

  app.get(
    '/healthz',
    {
      logLevel: 'warn',
      schema: { tags: ['health'], response: { 200: z.object({ status: z.literal('ok') }), 503: ApiErrorSchema } },
    },
    async (request, reply) => {
      const problem = opts.liveness?.()
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

  await app.register(
    async (api) => {
      await api.register(authPublicRoutes, { auth, team })
      await api.register(analystRoutes, {
        auth,
        team,
        studies,
        journey,
        participants,
        diary,
        surveys,
        responses,
        links,
        messages,
        coding,
        findings,
        empathy,
        dashboard,
      })
      await api.register(respondentRoutes, { participants, diary, responses, prefix: '/respondent' })
      await api.register(anonymousRoutes, { links, responses, prefix: '/anonymous' })
    },
    { prefix: '/api/v1' },
  )

  // The two single-page apps; a missing build (API-only development) just serves no pages.
  const hasAnalyst = existsSync(path.join(ANALYST_DIST, 'index.html'))
  const hasRespondent = existsSync(path.join(RESPONDENT_DIST, 'index.html'))
  if (hasAnalyst)
    await app.register(fastifyStatic, { root: ANALYST_DIST, prefix: '/', wildcard: false, index: 'index.html' })
  if (hasRespondent)
    await app.register(fastifyStatic, {
      root: RESPONDENT_DIST,
      prefix: '/r/',
      decorateReply: !hasAnalyst,
      wildcard: false,
      index: 'index.html',
    })
  app.get('/r', (_req, reply) => reply.redirect('/r/'))
  // The personal link. Limited per address: guessing 256-bit tokens is hopeless, but it is also cheap to refuse.
  app.get<{ Params: { token: string }; Querystring: { to?: string } }>(
    '/r/t/:token',
    { config: { rateLimit: { max: 30, timeWindow: '1 minute' } } },
    async (request, reply) =>
      participants.openLink(
        request.params.token,
        reply,
        typeof request.query.to === 'string' ? request.query.to : undefined,
      ),
  )
  // The unsubscribe link of every participant mail (a page to confirm, and RFC 8058 one-click).
  await app.register(unsubscribeRoutes, { messages })
  // An anonymous survey link: same shape, a browser session instead of a participant.
  app.get<{ Params: { token: string } }>(
    '/s/:token',
    { config: { rateLimit: { max: 30, timeWindow: '1 minute' } } },
    async (request, reply) => links.open(request.params.token, reply),
  )

  app.setNotFoundHandler({ preHandler: app.rateLimit({ max: 300, timeWindow: '1 minute' }) }, (request, reply) => {
    const url = request.url.split('?')[0]!
    const wantsPage =
      request.method === 'GET' && !url.startsWith('/api/') && (request.headers.accept ?? '').includes('text/html')
    if (wantsPage && url.startsWith('/r/') && hasRespondent) return reply.sendFile('index.html', RESPONDENT_DIST)
    if (wantsPage && !url.startsWith('/r/') && hasAnalyst) return reply.sendFile('index.html', ANALYST_DIST)
    return sendError(reply, notFoundBody(request))
  })
  return app
}
export type App = Awaited<ReturnType<typeof buildApp>>
