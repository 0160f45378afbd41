import { spawn } from 'node:child_process'
import path from 'node:path'
import { ApiErrorSchema } from '@klantreis/shared/common'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { REPO_ROOT } from '../src/config.js'
import { buildTestApp, login, type TestApp } from './build-test-app.js'
import { makeMember, makeOrganization } from './factories.js'
import { startTcpProxy } from './tcp-proxy.js'

describe('the database goes away mid-run', () => {
  let t: TestApp
  let proxy: Awaited<ReturnType<typeof startTcpProxy>>

  beforeAll(async () => {
    // The app only knows the proxy, so cutting the proxy is the database disappearing.
    t = await buildTestApp({
      queue: 'postgres',
      routeDatabase: async (direct) => {
        const url = new URL(direct)
        proxy = await startTcpProxy({ host: url.hostname, port: Number(url.port || 5432) })
        url.host = `127.0.0.1:${proxy.port}`
        return url.toString()
      },
    })
  })
  afterAll(async () => {
    await t.close()
    await proxy.close()
  })

  it('answers 503 in the error shape while it is gone and recovers by itself when it returns', async () => {
    const org = await makeOrganization(t.db)
    const m = await makeMember(t.db, org.id, 'researcher')
    const c = await login(t.app, m.email, m.password)
    expect((await c.get('/api/v1/studies')).statusCode).toBe(200)
    expect((await t.app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200)

    await proxy.cut()
    const down = await c.get('/api/v1/studies')
    expect(down.statusCode).toBe(503)
    const err = ApiErrorSchema.parse(down.json())
    expect(err.code).toBe('SERVICE_UNAVAILABLE')
    expect(down.headers['retry-after']).toBe('5')
    const ready = await t.app.inject({ method: 'GET', url: '/readyz' })
    expect(ready.statusCode).toBe(503)
    expect(ApiErrorSchema.parse(ready.json()).details?.map((d) => d.path)).toContain('database')
    expect((await t.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200)

    await proxy.restore()
    await expect.poll(async () => (await c.get('/api/v1/studies')).statusCode, { timeout: 10_000 }).toBe(200)
    expect((await c.post('/api/v1/studies', { title: 'After the outage' })).statusCode).toBe(201)
    await expect
      .poll(async () => (await t.app.inject({ method: 'GET', url: '/readyz' })).statusCode, { timeout: 10_000 })
      .toBe(200)
  })
})

describe('bad input', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await buildTestApp()
  })
  afterAll(() => t.close())

  it('oversized bodies get 413 in the error shape', async () => {
    const org = await makeOrganization(t.db)
    const m = await makeMember(t.db, org.id, 'researcher')
    const c = await login(t.app, m.email, m.password)
    const res = await c.post('/api/v1/studies', { title: 'x', goal: 'y'.repeat(2 * 1024 * 1024) })
    expect(res.statusCode).toBe(413)
    expect(ApiErrorSchema.parse(res.json()).code).toBe('BODY_TOO_LARGE')
    const long = await c.post('/api/v1/studies', { title: 'x', goal: 'y'.repeat(5000) })
    expect(long.statusCode).toBe(400)
    expect(long.json().details[0].path).toBe('body.goal')
  })

  it('unknown API routes, wrong media types and malformed JSON answer in the one shape', async () => {
    const notFound = await t.app.inject({ method: 'GET', url: '/api/v1/nothing-here' })
    expect(notFound.statusCode).toBe(404)
    expect(ApiErrorSchema.parse(notFound.json()).code).toBe('ROUTE_NOT_FOUND')
    const media = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'text/xml' },
      payload: '<login/>',
    })
    expect(media.statusCode).toBe(415)
    expect(ApiErrorSchema.parse(media.json()).code).toBe('UNSUPPORTED_MEDIA_TYPE')
    const json = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"email":',
    })
    expect(json.statusCode).toBe(400)
    expect(ApiErrorSchema.parse(json.json()).code).toBe('INVALID_JSON')
  })

  it('pages carry a CSP and no-referrer policy', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/healthz' })
    expect(res.headers['content-security-policy']).toContain("default-src 'self'")
    expect(res.headers['referrer-policy']).toBe('no-referrer')
  })
})

/** Run the real server entry and collect what it prints; it must exit by itself. */
function runServer(env: Record<string, string>) {
  return new Promise<{ code: number | null; output: string }>((resolve) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--conditions=@klantreis/source', path.join(REPO_ROOT, 'apps/api/src/server.ts')],
      {
        cwd: path.join(REPO_ROOT, 'apps/api'),
        env: { PATH: process.env.PATH!, HOME: process.env.HOME ?? '/root', ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    )
    let output = ''
    child.stdout.on('data', (d) => (output += d))
    child.stderr.on('data', (d) => (output += d))
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000)
    child.on('exit', (code) => {
      clearTimeout(timer)
      resolve({ code, output })
    })
  })
}

describe('start-up failures', () => {
  it('a bad configuration value stops start-up naming the variable', async () => {
    const { code, output } = await runServer({ PORT: 'eighty', DATABASE_URL: 'mysql://nope' })
    expect(code).toBe(1)
    expect(output).toContain('PORT')
    expect(output).toContain('DATABASE_URL')
    expect(output).not.toMatch(/at .*\.ts:\d+/) // a message, not a stack trace
  })

  it('an unreachable database stops start-up with a clear message and a non-zero exit', async () => {
    const { code, output } = await runServer({
      DATABASE_URL: 'postgres://klantreis:secret@127.0.0.1:1/klantreis',
      PORT: '0',
    })
    expect(code).toBe(1)
    expect(output).toContain('Cannot reach PostgreSQL at postgres://klantreis:***@127.0.0.1:1/klantreis')
    expect(output).not.toContain('secret')
  })
})

describe.each(process.env.REDIS_URL ? [process.env.REDIS_URL] : [])(
  'production start-up against Redis at %s',
  (redisUrl) => {
    it('reads the live eviction policy', async () => {
      const { readRedisEvictionPolicy } = await import('../src/jobs/connections.js')
      expect(await readRedisEvictionPolicy(redisUrl)).toMatch(/^(noeviction|allkeys-|volatile-)/)
    })
  },
)
