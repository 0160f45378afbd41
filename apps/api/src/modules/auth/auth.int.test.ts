import { ApiErrorSchema } from '@klantreis/shared/common'
import { MeSchema } from '@klantreis/shared/auth'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, clientFor, login, sessionCookie, type TestApp } from '../../../test/build-test-app.js'
import { makeMember, makeOrganization } from '../../../test/factories.js'
import { hashToken } from '../../lib/tokens.js'

let t: TestApp
let orgA: { id: string }
let orgB: { id: string }
let owner: Awaited<ReturnType<typeof makeMember>>

beforeAll(async () => {
  t = await buildTestApp({ env: { LOGIN_RATE_LIMIT: '5', SESSION_IDLE_MINUTES: '30', SESSION_ABSOLUTE_HOURS: '8' } })
  orgA = await makeOrganization(t.db, 'Alpha')
  orgB = await makeOrganization(t.db, 'Beta')
  owner = await makeMember(t.db, orgA.id, 'owner')
  await t.db
    .insertInto('membership')
    .values({ organization_id: orgB.id, account_id: owner.id, role: 'viewer' })
    .execute()
})
afterAll(() => t.close())

const loginReq = (email: string, password: string, ip = '10.0.0.1') =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password }, remoteAddress: ip })

describe('login', () => {
  it('lands in the organization where the account has the most rights', async () => {
    const acc = await makeMember(t.db, orgB.id, 'viewer')
    await t.db
      .insertInto('membership')
      .values({ organization_id: orgA.id, account_id: acc.id, role: 'admin' })
      .execute()
    expect(MeSchema.parse((await loginReq(acc.email, acc.password, '10.0.0.8')).json()).organization.id).toBe(orgA.id)
  })

  it('signs in, sets a hardened cookie, and audits it', async () => {
    const res = await loginReq(owner.email.toUpperCase(), owner.password)
    expect(res.statusCode).toBe(200)
    const me = MeSchema.parse(res.json())
    expect(me.organization).toEqual({ id: orgA.id, name: 'Alpha', role: 'owner' })
    expect(me.organizations.map((o) => o.name).sort()).toEqual(['Alpha', 'Beta'])
    const cookie = res.cookies.find((c) => c.name === 'kr_session')!
    expect(cookie.httpOnly).toBe(true)
    expect(cookie.sameSite).toBe('Lax')
    expect(cookie.path).toBe('/')
    expect(cookie.value.length).toBeGreaterThanOrEqual(43) // 256 bits, base64url
    // only the hash is stored
    const stored = await t.db.selectFrom('session').select('id').where('account_id', '=', owner.id).execute()
    expect(stored.map((s) => s.id)).toContain(hashToken(cookie.value))
    expect(stored.map((s) => s.id)).not.toContain(cookie.value)
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['action', 'actor_email'])
      .where('actor_id', '=', owner.id)
      .execute()
    expect(audit).toContainEqual({ action: 'auth.login', actor_email: owner.email })
  })

  it('gives the same answer for an unknown email and a wrong password', async () => {
    const wrong = await loginReq(owner.email, 'not the password', '10.0.0.2')
    const unknown = await loginReq('nobody@example.com', 'not the password', '10.0.0.2')
    expect(wrong.statusCode).toBe(401)
    expect(unknown.statusCode).toBe(401)
    const strip = (b: unknown) => ({ ...ApiErrorSchema.parse(b), requestId: undefined })
    expect(strip(wrong.json())).toEqual(strip(unknown.json()))
    expect(wrong.json().code).toBe('INVALID_CREDENTIALS')
    expect(wrong.cookies.find((c) => c.name === 'kr_session')).toBeUndefined()
    const failed = await t.db
      .selectFrom('audit_log')
      .select('actor_email')
      .where('action', '=', 'auth.login_failed')
      .execute()
    expect(failed.map((f) => f.actor_email)).toEqual(expect.arrayContaining([owner.email, 'nobody@example.com']))
  })

  it('limits guesses per account over every address, answering 429 in the error shape', async () => {
    const victim = await makeMember(t.db, orgA.id, 'viewer')
    const statuses: number[] = []
    for (let i = 0; i < 7; i++) statuses.push((await loginReq(victim.email, `wrong-${i}`, `10.0.1.${i}`)).statusCode)
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429])
    // the right password from yet another address waits out the window too: a guesser cannot tell
    const limited = await loginReq(victim.email.toUpperCase(), victim.password, '10.0.2.1')
    expect(limited.statusCode).toBe(429)
    expect(ApiErrorSchema.parse(limited.json()).code).toBe('RATE_LIMITED')
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0)
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60)
    // another account from the same address is not held back
    const other = await makeMember(t.db, orgA.id, 'viewer')
    expect((await loginReq(other.email, other.password, '10.0.1.0')).statusCode).toBe(200)
  })

  it('lets 40 concurrent wrong passwords for one account check no more than the limit', async () => {
    const victim = await makeMember(t.db, orgA.id, 'viewer')
    const all = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        t.app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { email: victim.email, password: `guess-${i}` },
          remoteAddress: `10.0.3.${i}`,
          headers: { 'x-forwarded-for': `203.0.113.${i}` },
        }),
      ),
    )
    const codes = all.map((r) => r.statusCode)
    expect(codes.filter((c) => c === 401)).toHaveLength(5)
    expect(codes.filter((c) => c === 429)).toHaveLength(35)
  })

  it('limits spraying many accounts from one address, whatever X-Forwarded-For claims', async () => {
    const spray: number[] = []
    for (let i = 0; i < 30; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: `user${i}@example.com`, password: 'x' },
        remoteAddress: '10.0.0.5',
        // no proxy is configured, so these are the client's own words and change nothing
        headers: { 'x-forwarded-for': `198.51.100.${i}` },
      })
      spray.push(res.statusCode)
    }
    expect(spray.filter((s) => s === 401)).toHaveLength(25)
    expect(spray.slice(25).every((s) => s === 429)).toBe(true)
  })

  it('believes X-Forwarded-For only from the configured proxy', async () => {
    const behind = await buildTestApp({ env: { LOGIN_RATE_LIMIT: '2', TRUST_PROXY: '10.9.9.9' } })
    try {
      const from = (remoteAddress: string, forwarded: string, i: number) =>
        behind.app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { email: `someone${i}@example.com`, password: 'x' },
          remoteAddress,
          headers: { 'x-forwarded-for': forwarded },
        })
      // through the proxy: the forwarded client address has the budget of 2 x 5 over all accounts
      const viaProxy: number[] = []
      for (let i = 0; i < 12; i++) viaProxy.push((await from('10.9.9.9', '192.0.2.1', i)).statusCode)
      expect(viaProxy.filter((s) => s === 401)).toHaveLength(10)
      expect(viaProxy.slice(10)).toEqual([429, 429])
      // and another client behind the same proxy has a budget of its own
      expect((await from('10.9.9.9', '192.0.2.2', 50)).statusCode).toBe(401)
      // a client that is not the proxy cannot claim to be someone else
      const direct: number[] = []
      for (let i = 0; i < 12; i++) direct.push((await from('10.8.8.8', `192.0.2.${100 + i}`, 100 + i)).statusCode)
      expect(direct.filter((s) => s === 401)).toHaveLength(10)
      expect(direct.slice(10)).toEqual([429, 429])
    } finally {
      await behind.close()
    }
  })
})

describe('session', () => {
  it('me, switch organization, logout', async () => {
    const c = await login(t.app, owner.email, owner.password)
    expect(MeSchema.parse((await c.get('/api/v1/auth/me')).json()).user.email).toBe(owner.email)

    const switched = await c.post('/api/v1/auth/switch-organization', { organizationId: orgB.id })
    expect(switched.statusCode).toBe(200)
    expect(switched.json().organization).toEqual({ id: orgB.id, name: 'Beta', role: 'viewer' })
    // a viewer may read but not write
    expect((await c.get('/api/v1/studies')).statusCode).toBe(200)
    const denied = await c.post('/api/v1/studies', { title: 'Nope' })
    expect(denied.statusCode).toBe(403)
    expect(denied.json().code).toBe('FORBIDDEN')

    const stranger = await makeOrganization(t.db, 'Gamma')
    const notMine = await c.post('/api/v1/auth/switch-organization', { organizationId: stranger.id })
    expect(notMine.statusCode).toBe(404)

    const out = await c.post('/api/v1/auth/logout')
    expect(out.statusCode).toBe(204)
    const after = await c.get('/api/v1/auth/me')
    expect(after.statusCode).toBe(401)
    expect(after.json().code).toBe('UNAUTHENTICATED')
  })

  it('refuses writes without the CSRF token', async () => {
    const c = await login(t.app, owner.email, owner.password)
    const noHeader = await t.app.inject({
      method: 'POST',
      url: '/api/v1/studies',
      headers: { cookie: c.cookie },
      payload: { title: 'x' },
    })
    expect(noHeader.statusCode).toBe(403)
    expect(noHeader.json().code).toBe('CSRF_TOKEN_INVALID')
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/v1/studies',
      headers: { cookie: c.cookie, 'x-csrf-token': 'x'.repeat(43) },
      payload: { title: 'x' },
    })
    expect(wrong.statusCode).toBe(403)
    expect(await t.db.selectFrom('study').select('id').where('title', '=', 'x').execute()).toEqual([])
  })

  it('expires after the idle timeout and after the absolute timeout', async () => {
    const idle = await login(t.app, owner.email, owner.password)
    const idleId = hashToken(idle.cookie.split('=')[1]!)
    await t.db
      .updateTable('session')
      .set({ last_seen_at: new Date(Date.now() - 31 * 60_000) })
      .where('id', '=', idleId)
      .execute()
    const r1 = await idle.get('/api/v1/auth/me')
    expect(r1.statusCode).toBe(401)
    expect(r1.json().code).toBe('SESSION_EXPIRED')
    expect(await t.db.selectFrom('session').select('id').where('id', '=', idleId).executeTakeFirst()).toBeUndefined()

    const old = await login(t.app, owner.email, owner.password)
    const oldId = hashToken(old.cookie.split('=')[1]!)
    await t.db
      .updateTable('session')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('id', '=', oldId)
      .execute()
    expect((await old.get('/api/v1/auth/me')).json().code).toBe('SESSION_EXPIRED')
  })

  it('rejects a made-up cookie and no cookie alike', async () => {
    const fake = clientFor(
      t.app,
      MeSchema.parse((await login(t.app, owner.email, owner.password)).me),
      'kr_session=forged',
    )
    expect((await fake.get('/api/v1/studies')).statusCode).toBe(401)
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/studies' })).statusCode).toBe(401)
  })

  it('sessionCookie helper sees the cookie (guards the helpers themselves)', async () => {
    const res = await loginReq(owner.email, owner.password, '10.0.0.9')
    expect(sessionCookie(res)).toMatch(/^kr_session=.{43,}$/)
  })
})
