import { randomBytes } from 'node:crypto'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type { Me, Role } from '@klantreis/shared/auth'
import type { InjectOptions, LightMyRequestResponse } from 'fastify'
import { buildApp } from '../src/app.js'
import { loadConfig } from '../src/config.js'
import { startWorkers } from '../src/jobs/registry.js'
import { createTestDatabase } from './db.js'
import { makeMember } from './factories.js'

/** Queue backends this machine can test: PostgreSQL always, Redis when REDIS_URL names one. */
export const QUEUE_BACKENDS = ['postgres', ...(process.env.REDIS_URL ? ['redis'] : [])] as ('postgres' | 'redis')[]

export type TestAppOptions = {
  queue?: 'postgres' | 'redis'
  smtpUrl?: string
  env?: Record<string, string>
  /** Reach the test database another way (through a TCP proxy, say). */
  routeDatabase?: (url: string) => Promise<string>
  /** Where the app's log lines go (with LOG_LEVEL in env), to read what it logs. */
  logStream?: NodeJS.WritableStream
}

/** The real app on its own database; LOG_LEVEL=silent unless TEST_LOG is set. */
export async function buildTestApp(opts: TestAppOptions = {}) {
  const database = await createTestDatabase()
  const databaseUrl = opts.routeDatabase ? await opts.routeDatabase(database.url) : database.url
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'klantreis-test-data-'))
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: process.env.TEST_LOG ? 'debug' : 'silent',
    DATA_DIR: dataDir,
    QUEUE_PREFIX: `t${randomBytes(5).toString('hex')}`,
    ...((opts.queue ?? (process.env.REDIS_URL ? 'redis' : 'postgres')) === 'redis'
      ? { REDIS_URL: process.env.REDIS_URL }
      : {}),
    ...(opts.smtpUrl ? { SMTP_URL: opts.smtpUrl } : {}),
    ...opts.env,
  })
  const app = await buildApp(
    { ...config, DATABASE_URL: databaseUrl },
    opts.logStream ? { logStream: opts.logStream } : {},
  )
  await app.ready()
  return {
    app,
    db: app.db,
    config: { ...config, DATABASE_URL: databaseUrl },
    dataDir,
    async close() {
      await app.close()
      await database.drop()
      await fs.rm(dataDir, { recursive: true, force: true })
    },
  }
}
export type TestApp = Awaited<ReturnType<typeof buildTestApp>>

type Body = InjectOptions['payload']

/** A signed-in analyst: carries the session cookie and sends the CSRF header on writes. */
export type Client = {
  me: Me
  cookie: string
  get: (url: string) => Promise<LightMyRequestResponse>
  post: (url: string, body?: Body) => Promise<LightMyRequestResponse>
  patch: (url: string, body?: Body) => Promise<LightMyRequestResponse>
  put: (url: string, body?: Body) => Promise<LightMyRequestResponse>
  delete: (url: string) => Promise<LightMyRequestResponse>
}

export function sessionCookie(res: LightMyRequestResponse) {
  const c = res.cookies.find((c) => c.name === 'kr_session')
  if (!c) throw new Error(`no session cookie in answer ${res.statusCode}: ${res.body}`)
  return `kr_session=${c.value}`
}

export function clientFor(app: TestApp['app'], me: Me, cookie: string): Client {
  const send = (method: InjectOptions['method'], url: string, payload?: Body) =>
    app.inject({
      method,
      url,
      headers: { cookie, ...(method === 'GET' ? {} : { 'x-csrf-token': me.csrfToken }) },
      ...(payload === undefined ? {} : { payload }),
    })
  return {
    me,
    cookie,
    get: (url) => send('GET', url),
    post: (url, body) => send('POST', url, body ?? {}),
    patch: (url, body) => send('PATCH', url, body ?? {}),
    put: (url, body) => send('PUT', url, body ?? {}),
    delete: (url) => send('DELETE', url),
  }
}

export async function login(app: TestApp['app'], email: string, password: string): Promise<Client> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } })
  if (res.statusCode !== 200) throw new Error(`login failed ${res.statusCode}: ${res.body}`)
  return clientFor(app, res.json<Me>(), sessionCookie(res))
}

/** A new member of the organization with that role, signed in: where most tests start. */
export async function signIn(t: TestApp, organizationId: string, role: Role): Promise<Client> {
  const m = await makeMember(t.db, organizationId, role)
  return login(t.app, m.email, m.password)
}

/** The app's own job workers (jobs/registry.ts) on the test app's database, queues, mailer and config. */
export const startTestWorkers = (t: TestApp) =>
  startWorkers({
    db: t.db,
    pool: t.app.pg.pool,
    mailer: t.app.mailer,
    mailQueue: t.app.queues.mail,
    connection: t.app.queueConnection,
    log: t.app.log,
    config: t.app.config,
  })
