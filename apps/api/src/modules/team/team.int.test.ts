import { InvitationSchema, MemberListSchema, MeSchema } from '@klantreis/shared/auth'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  buildTestApp,
  type Client,
  clientFor,
  login,
  sessionCookie,
  type TestApp,
} from '../../../test/build-test-app.js'
import { makeMember, makeOrganization } from '../../../test/factories.js'

let t: TestApp
let org: { id: string }
let owner: Client
let admin: Client
let adminAccount: Awaited<ReturnType<typeof makeMember>>

beforeAll(async () => {
  t = await buildTestApp()
  org = await makeOrganization(t.db, 'Acme')
  const o = await makeMember(t.db, org.id, 'owner')
  adminAccount = await makeMember(t.db, org.id, 'admin')
  owner = await login(t.app, o.email, o.password)
  admin = await login(t.app, adminAccount.email, adminAccount.password)
})
afterAll(() => t.close())

const tokenOf = (link: string) => link.split('#invite=')[1]!

describe('invitations', () => {
  it('invites by link, queues the mail in the outbox, and the link works exactly once', async () => {
    const res = await admin.post('/api/v1/invitations', { email: 'New.Person@Example.com', role: 'researcher' })
    expect(res.statusCode).toBe(201)
    const inv = InvitationSchema.parse(res.json())
    expect(inv.email).toBe('new.person@example.com')
    expect(inv.link).toMatch(/\/#invite=[A-Za-z0-9_-]{43}$/)
    const token = tokenOf(inv.link!)
    const row = await t.db
      .selectFrom('invitation')
      .select('token_hash')
      .where('id', '=', inv.id)
      .executeTakeFirstOrThrow()
    expect(row.token_hash).not.toContain(token)
    const mail = await t.db
      .selectFrom('mail_message')
      .selectAll()
      .where('to_address', '=', 'new.person@example.com')
      .executeTakeFirstOrThrow()
    expect(mail.kind).toBe('team_invitation')
    // stored without the working token: the mail's link is minted when it is sent
    expect(JSON.stringify(mail)).not.toContain(token)
    expect(mail.text_body).toContain('/#invite={{invite-token}}')
    expect(mail.invitation_id).toBe(inv.id)

    const preview = await t.app.inject({ method: 'POST', url: '/api/v1/auth/invitations/preview', payload: { token } })
    expect(preview.json()).toEqual({
      organizationName: 'Acme',
      email: 'new.person@example.com',
      role: 'researcher',
      hasAccount: false,
    })

    const accept = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/invitations/accept',
      payload: { token, name: 'New Person', password: 'a long enough password' },
    })
    expect(accept.statusCode).toBe(200)
    const me = MeSchema.parse(accept.json())
    expect(me.organization).toEqual({ id: org.id, name: 'Acme', role: 'researcher' })
    const newcomer = clientFor(t.app, me, sessionCookie(accept))
    expect((await newcomer.get('/api/v1/studies')).statusCode).toBe(200)

    const replay = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/invitations/accept',
      payload: { token, password: 'a long enough password' },
    })
    expect(replay.statusCode).toBe(400)
    expect(replay.json().code).toBe('INVITATION_INVALID')
    const audit = await t.db.selectFrom('audit_log').select('action').where('organization_id', '=', org.id).execute()
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['member.invited', 'member.joined']))
  })

  it('an existing account joins with its own password; a wrong one is refused', async () => {
    const other = await makeOrganization(t.db, 'Other')
    const existing = await makeMember(t.db, other.id, 'owner')
    const inv = InvitationSchema.parse(
      (await admin.post('/api/v1/invitations', { email: existing.email, role: 'analyst' })).json(),
    )
    const token = tokenOf(inv.link!)
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/invitations/accept',
      payload: { token, password: 'not my password!' },
    })
    expect(wrong.statusCode).toBe(401)
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/invitations/accept',
      payload: { token, password: existing.password },
    })
    expect(ok.statusCode).toBe(200)
    expect(
      MeSchema.parse(ok.json())
        .organizations.map((o) => o.name)
        .sort(),
    ).toEqual(['Acme', 'Other'])
  })

  it('revoked and expired links do not work', async () => {
    const inv = InvitationSchema.parse(
      (await admin.post('/api/v1/invitations', { email: 'late@example.com', role: 'viewer' })).json(),
    )
    expect((await admin.delete(`/api/v1/invitations/${inv.id}`)).statusCode).toBe(204)
    const revoked = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/invitations/preview',
      payload: { token: tokenOf(inv.link!) },
    })
    expect(revoked.statusCode).toBe(400)
    const inv2 = InvitationSchema.parse(
      (await admin.post('/api/v1/invitations', { email: 'late2@example.com', role: 'viewer' })).json(),
    )
    await t.db
      .updateTable('invitation')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('id', '=', inv2.id)
      .execute()
    const expired = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/invitations/preview',
      payload: { token: tokenOf(inv2.link!) },
    })
    expect(expired.json().code).toBe('INVITATION_INVALID')
    expect((await admin.get('/api/v1/invitations')).json().items.map((i: { email: string }) => i.email)).not.toContain(
      'late2@example.com',
    )
  })

  it('only an owner may hand out the owner role', async () => {
    const res = await admin.post('/api/v1/invitations', { email: 'boss@example.com', role: 'owner' })
    expect(res.statusCode).toBe(403)
    expect((await owner.post('/api/v1/invitations', { email: 'boss@example.com', role: 'owner' })).statusCode).toBe(201)
  })
})

describe('members', () => {
  it('changes roles, keeps at least one owner, and removing a member ends their session', async () => {
    const members = MemberListSchema.parse((await owner.get('/api/v1/members')).json()).items
    const ownerId = members.find((m) => m.role === 'owner')!.userId
    const lastOwner = await owner.patch(`/api/v1/members/${ownerId}`, { role: 'admin' })
    expect(lastOwner.statusCode).toBe(409)
    expect(lastOwner.json().code).toBe('LAST_OWNER')

    const victim = await makeMember(t.db, org.id, 'analyst')
    const victimClient = await login(t.app, victim.email, victim.password)
    const changed = await admin.patch(`/api/v1/members/${victim.id}`, { role: 'researcher' })
    expect(changed.json()).toMatchObject({ userId: victim.id, role: 'researcher' })
    expect((await admin.delete(`/api/v1/members/${victim.id}`)).statusCode).toBe(204)
    expect((await victimClient.get('/api/v1/studies')).statusCode).toBe(401)
    expect((await admin.delete(`/api/v1/members/${victim.id}`)).statusCode).toBe(404)

    const log = (await owner.get('/api/v1/audit-log?limit=100')).json()
    expect(log.items.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['member.role_changed', 'member.removed']),
    )
  })

  it('members of another organization are not found', async () => {
    const other = await makeOrganization(t.db)
    const stranger = await makeMember(t.db, other.id, 'viewer')
    expect((await admin.patch(`/api/v1/members/${stranger.id}`, { role: 'admin' })).statusCode).toBe(404)
    expect((await admin.delete(`/api/v1/members/${stranger.id}`)).statusCode).toBe(404)
  })

  it('a researcher cannot manage the team', async () => {
    const r = await makeMember(t.db, org.id, 'researcher')
    const c = await login(t.app, r.email, r.password)
    expect((await c.post('/api/v1/invitations', { email: 'x@example.com', role: 'viewer' })).statusCode).toBe(403)
    expect((await c.get('/api/v1/audit-log')).statusCode).toBe(403)
    expect((await c.patch(`/api/v1/members/${adminAccount.id}`, { role: 'viewer' })).statusCode).toBe(403)
  })
})
