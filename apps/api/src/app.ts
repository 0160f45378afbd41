import Fastify from 'fastify'
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod'
import type { DestinationStream } from 'pino'
import type { Config } from './config.js'
import { redactLogMethod, serializeRequest } from './lib/redact.js'
import authPlugin from './plugins/auth.js'
import configPlugin from './plugins/config.js'
import dbPlugin, { serializeError } from './plugins/db.js'
import errorsPlugin from './plugins/errors.js'
import inputPlugin from './plugins/input.js'
import mailerPlugin from './plugins/mailer.js'
import queuesPlugin from './plugins/queues.js'
import securityPlugin from './plugins/security.js'
import spaPlugin from './plugins/spa.js'
import swaggerPlugin from './plugins/swagger.js'
import analystRoutes from './routes/analyst.js'
import anonymousRoutes from './routes/anonymous.js'
import pageRoutes, { type Liveness } from './routes/pages.js'
import publicRoutes from './routes/public.js'
import respondentRoutes from './routes/respondent.js'
import { createServices } from './services.js'

export type AppConfig = Config & { DATABASE_URL: string }

export type { Liveness } from './routes/pages.js'

/** Builds the whole HTTP app; never listens, so tests drive it with inject(). */
export async function buildApp(config: AppConfig, opts: { logStream?: DestinationStream; liveness?: Liveness } = {}) {
  const app = Fastify({
    logger: {
      level: config.LOG_LEVEL,
      serializers: { req: serializeRequest, err: serializeError },
      hooks: { logMethod: redactLogMethod },
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
  await app.register(securityPlugin)
  await app.register(swaggerPlugin)
  await app.register(dbPlugin)
  await app.register(queuesPlugin)
  await app.register(mailerPlugin)

  const services = createServices({ db: app.db, pool: app.pg.pool, queues: app.queues, config, log: app.log })
  const { auth, participants, links } = services
  // the session cookies are read here, looked up by the services that own the sessions
  await app.register(authPlugin, {
    sessions: {
      analyst: auth.resolveSession,
      participant: participants.resolveSession,
      anonymous: links.resolveSession,
    },
  })

  await app.register(
    async (api) => {
      await api.register(publicRoutes, services)
      await api.register(analystRoutes, services)
      await api.register(respondentRoutes, { ...services, prefix: '/respondent' })
      await api.register(anonymousRoutes, { ...services, prefix: '/anonymous' })
    },
    { prefix: '/api/v1' },
  )
  await app.register(pageRoutes, { ...services, liveness: opts.liveness })
  await app.register(spaPlugin)
  return app
}
export type App = Awaited<ReturnType<typeof buildApp>>
