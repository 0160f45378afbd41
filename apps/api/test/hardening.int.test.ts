// What an attack run found, each kept as a test: tokens in the logs, cacheable signed-in JSON, the
// API docs' CSP and switch, made-up participant cookies past the per-address limit, and a photo too
// large for its route announced with Expect: 100-continue.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { Writable } from 'node:stream'
import { ApiErrorSchema } from '@klantreis/shared/common'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { RESPONDENT_READS_PER_MINUTE } from '../src/routes/respondent.js'
import { buildTestApp, type Client, login, type TestApp } from './build-test-app.js'
import { makeMember, makeOrganization, makeStudyWithModel } from './factories.js'

const logLines: string[] = []
let t: TestApp
let alice: Client
let ids: Awaited<ReturnType<typeof makeStudyWithModel>>

beforeAll(async () => {
  const logStream = new Writable({
    write(chunk, _enc, done) {
      logLines.push(...String(chunk).split('\n').filter(Boolean))
      done()
    },
  })
  t = await buildTestApp({ env: { LOG_LEVEL: 'info' }, logStream })
  const org = await makeOrganization(t.db)
  const owner = await makeMember(t.db, org.id, 'owner')
  alice = await login(t.app, owner.email, owner.password)
  ids = await makeStudyWithModel(t.db, org.id)
})
afterAll(() => t.close())

async function openPersonalLink() {
  const { link } = (
    await alice.post(`/api/v1/studies/${ids.studyId}/participants/${ids.participantId}/link`, {})
  ).json()
  const opened = await t.app.inject({ method: 'GET', url: new URL(link).pathname })
  expect(opened.statusCode).toBe(303)
  return {
    token: new URL(link).pathname.split('/').pop()!,
    cookie: `kr_participant=${opened.cookies.find((c) => c.name === 'kr_participant')!.value}`,
  }
}

describe('tokens stay out of the logs', () => {
  it('logs the personal, anonymous and unsubscribe routes with the token redacted', async () => {
    const { token } = await openPersonalLink()
    const anon = (await alice.post(`/api/v1/studies/${ids.studyId}/surveys/${ids.surveyId}/anonymous-links`, {})).json()
    const anonToken = new URL(anon.link).pathname.split('/').pop()!
    await t.app.inject({ method: 'GET', url: new URL(anon.link).pathname })
    const unsubscribeToken = 'u'.repeat(43)
    await t.app.inject({ method: 'GET', url: `/u/${unsubscribeToken}` })
    await t.app.inject({ method: 'GET', url: `/r/t/${token}?to=survey` })

    const logged = logLines.join('\n')
    expect(logged).toContain('/r/t/[redacted]')
    expect(logged).toContain('/s/[redacted]')
    expect(logged).toContain('/u/[redacted]')
    for (const secret of [token, anonToken, unsubscribeToken]) expect(logged).not.toContain(secret)
  })
})

describe('signed-in answers', () => {
  it('are never stored by a browser or proxy cache', async () => {
    for (const res of [
      await alice.get('/api/v1/studies'),
      await alice.get('/api/v1/auth/me'),
      await alice.get(`/api/v1/studies/${ids.studyId}/participants`),
    ]) {
      expect(res.statusCode).toBe(200)
      expect(res.headers['cache-control']).toBe('no-store')
    }
    const { cookie } = await openPersonalLink()
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/respondent/me', headers: { cookie } })
    expect(me.headers['cache-control']).toBe('no-store')
    const loginAnswer = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'x@example.com', password: 'y' },
    })
    expect(loginAnswer.headers['cache-control']).toBe('no-store')
  })
})

describe('the API docs', () => {
  it("are served with the app's own CSP", async () => {
    const app = await t.app.inject({ method: 'GET', url: '/api/v1/studies' })
    for (const url of ['/api/docs/', '/api/docs/static/swagger-initializer.js']) {
      const docs = await t.app.inject({ method: 'GET', url })
      expect(docs.statusCode, url).toBe(200)
      expect(docs.headers['content-security-policy'], url).toBe(app.headers['content-security-policy'])
    }
    expect(app.headers['content-security-policy']).toContain("script-src 'self'")
    expect(app.headers['content-security-policy']).not.toContain('unsafe-eval')
  })

  it('can be turned off, and are off by default in production', async () => {
    const off = await buildTestApp({ env: { API_DOCS: 'false' } })
    try {
      const res = await off.app.inject({ method: 'GET', url: '/api/docs/', headers: { accept: 'text/html' } })
      expect(res.statusCode).toBe(404)
      expect((await off.app.inject({ method: 'GET', url: '/api/docs/json' })).statusCode).toBe(404)
    } finally {
      await off.close()
    }
    const production = await buildTestApp({ env: { NODE_ENV: 'production' } })
    try {
      expect((await production.app.inject({ method: 'GET', url: '/api/docs/json' })).statusCode).toBe(404)
    } finally {
      await production.close()
    }
  })
})

describe('the respondent per-address limit', () => {
  it('counts requests with made-up participant cookies like requests without one', async () => {
    const statuses: number[] = []
    for (let i = 0; i < RESPONDENT_READS_PER_MINUTE + 5; i++) {
      const res = await t.app.inject({
        method: 'GET',
        url: '/api/v1/respondent/me',
        remoteAddress: '10.7.7.7',
        headers: { cookie: `kr_participant=made-up-${i}` },
      })
      statuses.push(res.statusCode)
    }
    expect(statuses.filter((s) => s === 401)).toHaveLength(RESPONDENT_READS_PER_MINUTE)
    expect(statuses.slice(RESPONDENT_READS_PER_MINUTE)).toEqual([429, 429, 429, 429, 429])
    // a real participant behind the same address has a budget of its own
    const { cookie } = await openPersonalLink()
    const own = await t.app.inject({
      method: 'GET',
      url: '/api/v1/respondent/me',
      remoteAddress: '10.7.7.7',
      headers: { cookie },
    })
    expect(own.statusCode).toBe(200)
  })
})

describe('an upload too large for its route, sent with Expect: 100-continue', () => {
  it('answers 413 in the error shape before the body is sent, every time', async () => {
    const { cookie } = await openPersonalLink()
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/respondent/consent',
      headers: { cookie, 'x-requested-with': 'klantreis' },
      payload: { version: 1 },
    })
    await t.app.listen({ port: 0, host: '127.0.0.1' })
    const { port } = t.app.server.address() as AddressInfo
    const tooLarge = Buffer.alloc(6 * 1024 * 1024, 1)
    const attempt = (photo = tooLarge, type = 'image/jpeg') =>
      new Promise<{ status: number; body: string; sentBody: boolean }>((resolve, reject) => {
        let sentBody = false
        const req = http.request({
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/api/v1/respondent/photos',
          headers: {
            cookie,
            'x-requested-with': 'klantreis',
            'content-type': type,
            'content-length': photo.length,
            expect: '100-continue',
          },
        })
        req.on('continue', () => {
          sentBody = true
          req.end(photo)
        })
        req.on('response', (res) => {
          let body = ''
          res.on('data', (c) => (body += c))
          res.on('end', () => {
            resolve({ status: res.statusCode ?? 0, body, sentBody })
            // refused before the body: nothing of it will be sent on this request
            if (!sentBody) req.destroy()
          })
        })
        req.on('error', reject)
        req.flushHeaders()
      })
    for (let i = 0; i < 10; i++) {
      const res = await attempt()
      expect(res.status).toBe(413)
      expect(ApiErrorSchema.parse(JSON.parse(res.body)).code).toBe('BODY_TOO_LARGE')
      expect(res.sentBody).toBe(false)
    }
    // a photo within the limit is asked for and stored
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex')
    const ok = await attempt(png, 'image/png')
    expect(ok.sentBody).toBe(true)
    expect(ok.status).toBe(201)
    expect(JSON.parse(ok.body).photoId).toMatch(/^[0-9a-f-]{36}$/)
  })
})
