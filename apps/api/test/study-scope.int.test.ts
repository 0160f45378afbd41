// Per-study members (issue 14, migrations/0018): a stakeholder limited to one study sees that study
// and nothing of the organization's others; an admin sets the limit on the invitation or later.
import { AuditEventPageSchema, InvitationSchema, MemberSchema, MeSchema } from '@klantreis/shared/auth'
import { ApiErrorSchema } from '@klantreis/shared/common'
import { StudyPageSchema } from '@klantreis/shared/studies'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type Client, clientFor, login, sessionCookie, type TestApp } from './build-test-app.js'
import { makeMember, makeOrganization, makeStudyWithModel } from './factories.js'
import { fill, ownFinishedExport, studyRoutesOf } from './route-matrix.js'

let t: TestApp
let admin: Client
let viewer: Client
let viewerAccount: Awaited<ReturnType<typeof makeMember>>
let shared: Awaited<ReturnType<typeof makeStudyWithModel>> // the study the viewer is given
let other: Awaited<ReturnType<typeof makeStudyWithModel>> // another study of the same organization
let foreign: Awaited<ReturnType<typeof makeStudyWithModel>> // another organization's

beforeAll(async () => {
  t = await buildTestApp()
  const org = await makeOrganization(t.db, 'Acme')
  const b = await makeOrganization(t.db, 'Other')
  const adminAccount = await makeMember(t.db, org.id, 'admin')
  viewerAccount = await makeMember(t.db, org.id, 'viewer')
  shared = await makeStudyWithModel(t.db, org.id)
  other = await makeStudyWithModel(t.db, org.id)
  foreign = await makeStudyWithModel(t.db, b.id)
  admin = await login(t.app, adminAccount.email, adminAccount.password)
  const res = await admin.put(`/api/v1/members/${viewerAccount.id}/studies`, { studyIds: [shared.studyId] })
  expect(res.statusCode).toBe(200)
  expect(MemberSchema.parse(res.json()).studyIds).toEqual([shared.studyId])
  viewer = await login(t.app, viewerAccount.email, viewerAccount.password)
})
afterAll(() => t.close())

describe('a member limited to one study', () => {
  it('lists only that study, and /auth/me says so', async () => {
    const list = StudyPageSchema.parse((await viewer.get('/api/v1/studies?limit=100')).json())
    expect(list.items.map((s) => s.id)).toEqual([shared.studyId])
    expect(MeSchema.parse((await viewer.get('/api/v1/auth/me')).json()).studyIds).toEqual([shared.studyId])
    // the admin still sees both
    const all = StudyPageSchema.parse((await admin.get('/api/v1/studies?limit=100')).json())
    expect(all.items.map((s) => s.id).sort()).toEqual([shared.studyId, other.studyId].sort())
  })

  it("answers 404 on every study-scoped GET route of the organization's other study", async () => {
    const gets = studyRoutesOf(t.app).filter((r) => r.method === 'GET')
    expect(gets.length).toBeGreaterThanOrEqual(30)
    for (const { path } of gets) {
      const res = await viewer.get(fill(path, other))
      expect({ route: path, status: res.statusCode }).toEqual({ route: path, status: 404 })
      expect(ApiErrorSchema.parse(res.json()).code).toMatch(/(^|_)NOT_FOUND$/)
    }
  })

  it('is refused every write on the other study, and its answer carries none of its data', async () => {
    for (const { method, path } of studyRoutesOf(t.app).filter((r) => r.method !== 'GET')) {
      const url = fill(path, other)
      const res =
        method === 'DELETE'
          ? await viewer.delete(url)
          : method === 'POST'
            ? await viewer.post(url, {})
            : method === 'PATCH'
              ? await viewer.patch(url, {})
              : await viewer.put(url, {})
      // 415: the CSV import refuses a JSON body before anything else
      expect([400, 403, 404, 415], `${method} ${path}: ${res.statusCode}`).toContain(res.statusCode)
      expect(res.body).not.toContain(other.touchpointIds[0]) // nothing of the other study in the answer
    }
  })

  it('reads its own study on every GET route (the matrix does not pass because everything 404s)', async () => {
    await ownFinishedExport(t, shared, viewer)
    for (const { path } of studyRoutesOf(t.app).filter((r) => r.method === 'GET')) {
      const res = await viewer.get(fill(path, shared))
      expect({ route: path, found: res.statusCode !== 404 }).toEqual({ route: path, found: true })
    }
  })

  it('sees every study again once the limit is lifted, at the next request', async () => {
    const member = await t.db
      .selectFrom('account')
      .select('id')
      .where('email', '=', viewerAccount.email)
      .executeTakeFirstOrThrow()
    expect((await admin.put(`/api/v1/members/${member.id}/studies`, { studyIds: null })).statusCode).toBe(200)
    expect((await viewer.get(`/api/v1/studies/${other.studyId}`)).statusCode).toBe(200)
    expect((await admin.put(`/api/v1/members/${member.id}/studies`, { studyIds: [shared.studyId] })).statusCode).toBe(
      200,
    )
    expect((await viewer.get(`/api/v1/studies/${other.studyId}`)).statusCode).toBe(404)
    const log = AuditEventPageSchema.parse((await admin.get('/api/v1/audit-log?limit=50')).json())
    const changes = log.items.filter((e) => e.action === 'member.studies_changed')
    expect(changes.map((e) => e.detail.to)).toEqual([[shared.studyId], null, [shared.studyId]])
    expect(changes.every((e) => e.subject === viewerAccount.email)).toBe(true)
  })
})

describe('setting the limit', () => {
  it('carries an invitation limited to a study into the membership it creates', async () => {
    const res = await admin.post('/api/v1/invitations', {
      email: 'stakeholder@example.com',
      role: 'viewer',
      studyIds: [other.studyId],
    })
    expect(res.statusCode).toBe(201)
    const inv = InvitationSchema.parse(res.json())
    expect(inv.studyIds).toEqual([other.studyId])
    const token = inv.link!.split('#invite=')[1]!
    const accepted = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/invitations/accept',
      payload: { token, name: 'Stake Holder', password: 'a long enough password' },
    })
    expect(accepted.statusCode).toBe(200)
    const me = MeSchema.parse(accepted.json())
    expect(me.studyIds).toEqual([other.studyId])
    const stakeholder = clientFor(t.app, me, sessionCookie(accepted))
    const list = StudyPageSchema.parse((await stakeholder.get('/api/v1/studies?limit=100')).json())
    expect(list.items.map((s) => s.id)).toEqual([other.studyId])
    expect((await stakeholder.get(`/api/v1/studies/${shared.studyId}/dashboard`)).statusCode).toBe(404)
    expect((await stakeholder.get(`/api/v1/studies/${other.studyId}/dashboard`)).statusCode).toBe(200)
  })

  it("refuses a limit for a researcher or more, another organization's study, and a non-admin", async () => {
    const researcher = await makeMember(t.db, (await admin.get('/api/v1/auth/me')).json().organization.id, 'researcher')
    const r1 = await admin.put(`/api/v1/members/${researcher.id}/studies`, { studyIds: [shared.studyId] })
    expect(r1.statusCode).toBe(400)
    expect(ApiErrorSchema.parse(r1.json()).details?.map((d) => d.path)).toContain('body.studyIds')
    const r2 = await admin.post('/api/v1/invitations', {
      email: 'x@example.com',
      role: 'researcher',
      studyIds: [shared.studyId],
    })
    expect(r2.statusCode).toBe(400)
    const r3 = await admin.post('/api/v1/invitations', {
      email: 'y@example.com',
      role: 'viewer',
      studyIds: [foreign.studyId],
    })
    expect(r3.statusCode).toBe(404)
    expect(r3.json().code).toBe('STUDY_NOT_FOUND')
    const r4 = await viewer.put(`/api/v1/members/${viewerAccount.id}/studies`, { studyIds: null })
    expect(r4.statusCode).toBe(403)
  })

  it('lifts the limit when the member is promoted to researcher', async () => {
    const res = await admin.patch(`/api/v1/members/${viewerAccount.id}`, { role: 'researcher' })
    expect(MemberSchema.parse(res.json()).studyIds).toBeNull()
    expect((await viewer.get(`/api/v1/studies/${other.studyId}`)).statusCode).toBe(200)
  })
})
