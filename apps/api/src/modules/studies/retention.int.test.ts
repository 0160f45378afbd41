import { ApiErrorSchema } from '@klantreis/shared/common'
import { OrganizationSettingsSchema, StudySchema } from '@klantreis/shared/studies'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type Client, login, type TestApp, startTestWorkers } from '../../../test/build-test-app.js'
import { makeDiaryEntry, makeMember, makeOrganization, makeStudyWithModel } from '../../../test/factories.js'
import { dispatchJobs } from '../../jobs/definition.js'
import { WORK_QUEUE } from '../../jobs/queue-names.js'
import { workJobs, type WorkJobDeps } from '../../jobs/registry.js'
import { createServices } from '../../services.js'
import type { ExportsService } from '../exports/exports.service.js'
import type { RetentionService } from './retention.service.js'

// Retention (issue 14): the sweep with a moved clock, the refusal, who may change it, the organization's
// default, and an admin's deletion of a study.
let t: TestApp
let retention: RetentionService
let exports: ExportsService
let admin: Client
let researcher: Client
let orgA: string
let orgB: string

beforeAll(async () => {
  t = await buildTestApp({ queue: 'postgres' })
  // the services as the worker builds them (jobs/registry.ts), so the sweep erases through the real erasure
  ;({ retention, exports } = createServices({
    db: t.db,
    pool: t.app.pg.pool,
    queues: t.app.queues,
    config: t.app.config,
    log: t.app.log,
  }))
  orgA = (await makeOrganization(t.db, 'A')).id
  orgB = (await makeOrganization(t.db, 'B')).id
  const a = await makeMember(t.db, orgA, 'admin')
  const r = await makeMember(t.db, orgA, 'researcher')
  admin = await login(t.app, a.email, a.password)
  researcher = await login(t.app, r.email, r.password)
})
afterAll(() => t?.close())

let seq = 0
async function study(
  organizationId: string,
  s: { status: 'draft' | 'live' | 'closed'; closedAt?: string; months?: number | null; participants?: number },
) {
  const row = await t.db
    .insertInto('study')
    .values({
      organization_id: organizationId,
      title: `Study ${++seq}`,
      status: s.status,
      closed_at: s.closedAt ? new Date(s.closedAt) : null,
      retention_months: s.months ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  const people: string[] = []
  for (let i = 0; i < (s.participants ?? 2); i++) {
    const p = await t.db
      .insertInto('participant')
      .values({ study_id: row.id, email: `p${seq}-${i}@example.com`, name: `P ${seq} ${i}` })
      .returning('id')
      .executeTakeFirstOrThrow()
    await makeDiaryEntry(t.db, { studyId: row.id, participantId: p.id, text: `moment of ${seq}-${i}` })
    people.push(p.id)
  }
  return { id: row.id, participants: people }
}

const participantsLeft = async (studyId: string) =>
  (await t.db.selectFrom('participant').select('id').where('study_id', '=', studyId).execute()).length
const entriesLeft = async (studyId: string) =>
  (await t.db.selectFrom('diary_entry').select('id').where('study_id', '=', studyId).execute()).length
const tombstones = (studyId: string) =>
  t.db.selectFrom('participant_erasure').select(['reason', 'erased_by']).where('study_id', '=', studyId).execute()
const auditOf = (action: string, subject: string) =>
  t.db
    .selectFrom('audit_log')
    .select(['detail', 'actor_email'])
    .where('action', '=', action)
    .where('subject', '=', subject)
    .orderBy('at')
    .execute()

describe('the retention sweep, with a moved clock', () => {
  it('erases exactly the participants of closed studies past their date, once, and the next ones later', async () => {
    await t.db.updateTable('organization').set({ retention_months: 12 }).where('id', '=', orgA).execute()
    const orgC = (await makeOrganization(t.db, 'C')).id
    await t.db.updateTable('organization').set({ retention_months: 1 }).where('id', '=', orgC).execute()

    const longAgoOwn = await study(orgA, { status: 'closed', closedAt: '2025-01-10T09:00:00Z', months: 6 }) // 2025-07-10
    const recentOwn = await study(orgA, { status: 'closed', closedAt: '2027-05-01T09:00:00Z', months: 6 }) // 2027-11-01
    const orgDefault = await study(orgA, { status: 'closed', closedAt: '2026-01-15T09:00:00Z', participants: 3 }) // +12: 2027-01-15
    const ownBeatsDefault = await study(orgA, { status: 'closed', closedAt: '2026-01-15T09:00:00Z', months: 24 }) // 2028-01-15
    const running = await study(orgA, { status: 'live', months: 1 })
    const runningClosedBefore = await study(orgA, { status: 'draft', closedAt: '2020-01-01T00:00:00Z', months: 1 })
    const kept = await study(orgB, { status: 'closed', closedAt: '2020-01-01T00:00:00Z' }) // B: no default, no own
    const otherOrg = await study(orgB, { status: 'closed', closedAt: '2026-01-01T00:00:00Z', months: 3 }) // 2026-04-01
    const otherDefault = await study(orgC, { status: 'closed', closedAt: '2027-05-20T12:00:00Z' }) // +1: 2027-06-20

    const now = new Date('2027-06-01T00:00:00Z')
    const first = await retention.sweep(now)
    expect(first).toEqual({ studies: 3, erased: 7, failed: 0 })
    for (const gone of [longAgoOwn, orgDefault, otherOrg]) {
      expect(await participantsLeft(gone.id)).toBe(0)
      expect(await entriesLeft(gone.id)).toBe(0)
      const stones = await tombstones(gone.id)
      expect(stones).toHaveLength(gone.participants.length)
      expect(stones.every((s) => s.reason === 'retention' && s.erased_by === null)).toBe(true)
    }
    for (const stays of [recentOwn, ownBeatsDefault, running, runningClosedBefore, kept, otherDefault]) {
      expect(await participantsLeft(stays.id)).toBe(stays.participants.length)
      expect(await entriesLeft(stays.id)).toBe(stays.participants.length)
      expect(await tombstones(stays.id)).toHaveLength(0)
    }
    // each erasure is audited by the erasure service, with its reason
    const audited = await auditOf('participant.erased', `study:${longAgoOwn.id}`)
    expect(audited).toHaveLength(2)
    expect(audited.every((e) => (e.detail as { reason: string }).reason === 'retention' && !e.actor_email)).toBe(true)

    // the same clock again: nothing more
    expect(await retention.sweep(now)).toEqual({ studies: 3, erased: 0, failed: 0 })
    expect(await tombstones(longAgoOwn.id)).toHaveLength(2)

    // one second before a date: not yet; at the date: it goes
    expect((await retention.sweep(new Date('2027-06-20T11:59:59Z'))).erased).toBe(0)
    expect((await retention.sweep(new Date('2027-06-20T12:00:00Z'))).erased).toBe(2)
    expect(await participantsLeft(otherDefault.id)).toBe(0)

    // months later: the recent study goes; the study's own 24 months still hold against the default of 12
    expect((await retention.sweep(new Date('2027-12-01T00:00:00Z'))).erased).toBe(2)
    expect(await participantsLeft(recentOwn.id)).toBe(0)
    expect(await participantsLeft(ownBeatsDefault.id)).toBe(2)
    for (const stays of [running, runningClosedBefore, kept])
      expect(await participantsLeft(stays.id)).toBe(stays.participants.length)
    await t.db.updateTable('organization').set({ retention_months: null }).where('id', '=', orgA).execute()
  })
})

describe('retention settings on a study', () => {
  it('are an admin’s: a researcher changes the rest but gets 403 for retention and eraseOnRequest', async () => {
    const s = await study(orgA, { status: 'live', participants: 0 })
    const url = `/api/v1/studies/${s.id}`
    expect((await researcher.patch(url, { title: 'Renamed' })).statusCode).toBe(200)
    for (const body of [{ retentionMonths: 6 }, { eraseOnRequest: true }, { title: 'x', retentionMonths: null }]) {
      const res = await researcher.patch(url, body)
      expect(res.statusCode).toBe(403)
      expect(ApiErrorSchema.parse(res.json()).code).toBe('FORBIDDEN')
    }
    const ok = await admin.patch(url, { retentionMonths: 6, eraseOnRequest: true })
    expect(ok.statusCode).toBe(200)
    expect(StudySchema.parse(ok.json())).toMatchObject({
      title: 'Renamed',
      retentionMonths: 6,
      effectiveRetentionMonths: 6,
      eraseOnRequest: true,
      retentionEndsOn: null, // running: no date yet
    })
    for (const retentionMonths of [0, 121, 2.5, '6']) {
      const bad = await admin.patch(url, { retentionMonths })
      expect(bad.statusCode).toBe(400)
      expect(bad.json().code).toBe('VALIDATION_FAILED')
    }
    const [changed] = await auditOf('study.retention_changed', `study:${s.id}`)
    expect(changed?.detail).toEqual({
      retentionMonths: { from: null, to: 6 },
      eraseOnRequest: { from: false, to: true },
    })
  })

  it('closing sets the date (closed + months), reopening clears it, each audited', async () => {
    const s = await study(orgA, { status: 'live', months: 6, participants: 0 })
    const url = `/api/v1/studies/${s.id}`
    const closed = StudySchema.parse((await researcher.patch(url, { status: 'closed' })).json())
    expect(closed.closedAt).not.toBeNull()
    const at = new Date(closed.closedAt!)
    const expected = new Date(at)
    expected.setUTCMonth(at.getUTCMonth() + 6)
    if (expected.getUTCDate() === at.getUTCDate()) expect(closed.retentionEndsOn).toBe(expected.toISOString())
    else expect(new Date(closed.retentionEndsOn!) < expected).toBe(true) // a shorter month: its last day
    // a title change keeps the closing time
    expect(StudySchema.parse((await researcher.patch(url, { title: 'Later' })).json()).closedAt).toBe(closed.closedAt)
    const reopened = StudySchema.parse((await researcher.patch(url, { status: 'live' })).json())
    expect(reopened).toMatchObject({ closedAt: null, retentionEndsOn: null })
    expect((await auditOf('study.status_changed', `study:${s.id}`)).map((e) => e.detail)).toEqual([
      { from: 'live', to: 'closed' },
      { from: 'closed', to: 'live' },
    ])
  })

  it('refuses a period that has already run out from a running study’s planned end, naming the field', async () => {
    const s = await study(orgA, { status: 'live', participants: 0 })
    await t.db
      .insertInto('diary')
      .values({ study_id: s.id, title: 'Old diary', starts_on: '2024-01-01', ends_on: '2024-01-31', form: '{}' })
      .execute()
    const url = `/api/v1/studies/${s.id}`
    const refused = await admin.patch(url, { retentionMonths: 12 })
    expect(refused.statusCode).toBe(409)
    const err = ApiErrorSchema.parse(refused.json())
    expect(err.code).toBe('RETENTION_WOULD_ERASE_RUNNING')
    expect(err.details?.[0]?.path).toBe('body.retentionMonths')
    expect(err.message).toMatch(/2024-02-01/)
    expect(err.message).toMatch(/Close the study first .* or choose a longer period/)
    expect(StudySchema.parse((await admin.get(url)).json()).retentionMonths).toBeNull()
    // a period that reaches past today is fine; so is any period once the study is closed
    expect((await admin.patch(url, { retentionMonths: 120 })).statusCode).toBe(200)
    expect((await admin.patch(url, { status: 'closed', retentionMonths: 1 })).statusCode).toBe(200)
    // without a diary the planned end is now, so every period reaches into the future
    const bare = await study(orgA, { status: 'draft', participants: 0 })
    expect((await admin.patch(`/api/v1/studies/${bare.id}`, { retentionMonths: 1 })).statusCode).toBe(200)
  })
})

describe("the organization's default", () => {
  it('is read by every member, changed by admins, audited, and used by studies without their own', async () => {
    const s = await study(orgA, { status: 'closed', closedAt: '2026-03-12T10:00:00Z', participants: 0 })
    expect(OrganizationSettingsSchema.parse((await researcher.get('/api/v1/organization/settings')).json())).toEqual({
      retentionMonths: null,
    })
    expect(StudySchema.parse((await researcher.get(`/api/v1/studies/${s.id}`)).json())).toMatchObject({
      effectiveRetentionMonths: null,
      retentionEndsOn: null, // kept until erased by hand
    })
    const denied = await researcher.put('/api/v1/organization/settings', { retentionMonths: 12 })
    expect(denied.statusCode).toBe(403)
    expect((await admin.put('/api/v1/organization/settings', { retentionMonths: 0 })).statusCode).toBe(400)
    const put = await admin.put('/api/v1/organization/settings', { retentionMonths: 12 })
    expect(put.statusCode).toBe(200)
    expect(put.json()).toEqual({ retentionMonths: 12 })
    expect(StudySchema.parse((await researcher.get(`/api/v1/studies/${s.id}`)).json())).toMatchObject({
      retentionMonths: null,
      effectiveRetentionMonths: 12,
      retentionEndsOn: '2027-03-12T10:00:00.000Z',
    })
    const listed = (await researcher.get('/api/v1/studies?limit=200')).json().items as { id: string }[]
    expect(listed.find((x) => x.id === s.id)).toMatchObject({ effectiveRetentionMonths: 12 })
    expect(
      (await t.db.selectFrom('organization').select('retention_months').where('id', '=', orgB).executeTakeFirst())
        ?.retention_months,
    ).toBeNull()
    const audited = await auditOf('organization.retention_changed', `organization:${orgA}`)
    expect(audited.at(-1)?.detail).toEqual({ from: null, to: 12 })
    // the same value again changes nothing and records nothing
    await admin.put('/api/v1/organization/settings', { retentionMonths: 12 })
    expect(await auditOf('organization.retention_changed', `organization:${orgA}`)).toHaveLength(audited.length)
    await admin.put('/api/v1/organization/settings', { retentionMonths: null })
  })
})

describe('deleting a study', () => {
  it('is an admin’s; audited with its title and participants; its queued mail jobs go with it', async () => {
    const s = await study(orgA, { status: 'live', participants: 3 })
    const mail = await t.db
      .insertInto('mail_message')
      .values({
        organization_id: orgA,
        study_id: s.id,
        participant_id: s.participants[0]!,
        kind: 'invitation',
        to_address: 'p@example.com',
        subject: 'Hello',
        text_body: 'x',
        html_body: 'x',
        enqueued_at: new Date('2026-12-01T08:00:00Z'),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    // the request's own job and the outbox pump's (named by id and hand-over time, mail.jobs.ts)
    const jobIds = [`mail-${mail.id}`, `mail-${mail.id}-${Date.parse('2026-12-01T08:00:00Z')}`]
    for (const jobId of jobIds) {
      await t.app.queues.mail.add('deliver', { messageId: mail.id }, { jobId, delay: 3_600_000 })
      expect(await t.app.queues.mail.getJob(jobId)).toBeDefined()
    }

    const url = `/api/v1/studies/${s.id}`
    const denied = await researcher.delete(url)
    expect(denied.statusCode).toBe(403)
    expect(await participantsLeft(s.id)).toBe(3)

    const foreign = await study(orgB, { status: 'live', participants: 1 })
    expect((await admin.delete(`/api/v1/studies/${foreign.id}`)).statusCode).toBe(404)
    expect(await participantsLeft(foreign.id)).toBe(1)

    expect((await admin.delete(url)).statusCode).toBe(204)
    expect((await admin.get(url)).statusCode).toBe(404)
    expect(await participantsLeft(s.id)).toBe(0)
    expect(
      await t.db.selectFrom('mail_message').select('id').where('id', '=', mail.id).executeTakeFirst(),
    ).toBeUndefined()
    for (const jobId of jobIds) expect(await t.app.queues.mail.getJob(jobId)).toBeUndefined()
    const [deleted] = await auditOf('study.deleted', `study:${s.id}`)
    expect(deleted?.detail).toMatchObject({ title: expect.stringMatching(/^Study /), participants: 3, pendingMails: 1 })
    expect(deleted?.actor_email).toBe(admin.me.user.email)
  })
  it('takes its codebook and codings with it, a coding with its codes included (was a 500 on the foreign key)', async () => {
    const model = await makeStudyWithModel(t.db, orgA)
    const codings = () => t.db.selectFrom('coding').select('id').where('study_id', '=', model.studyId).execute()
    expect(await codings()).toHaveLength(1)
    const res = await admin.delete(`/api/v1/studies/${model.studyId}`)
    expect(res.statusCode, res.body).toBe(204)
    expect(await codings()).toHaveLength(0)
    expect(await t.db.selectFrom('code').select('id').where('study_id', '=', model.studyId).execute()).toHaveLength(0)
  })
})

describe('the daily job', () => {
  it('is scheduled on the work queue every 24 hours, and its run sweeps with the current time', async () => {
    const stop = await startTestWorkers(t)
    try {
      const scheduler = await t.app.queues.work.getJobScheduler('retention-sweep')
      expect(scheduler?.every).toBe(24 * 60 * 60 * 1000)
      expect(scheduler?.name).toBe('retention-sweep')
    } finally {
      await stop()
    }
    // what the worker runs when the scheduler's job comes due: a study closed two years ago with 1 month
    const due = await study(orgB, {
      status: 'closed',
      closedAt: new Date(Date.now() - 730 * 86_400_000).toISOString(),
      months: 1,
    })
    const run = dispatchJobs<WorkJobDeps>(WORK_QUEUE, workJobs, { db: t.db, retention, exports })
    const result = (await run({ name: 'retention-sweep', data: {}, attemptsMade: 0, opts: {} })) as { erased: number }
    expect(result.erased).toBe(due.participants.length)
    expect(await participantsLeft(due.id)).toBe(0)
  })
})
