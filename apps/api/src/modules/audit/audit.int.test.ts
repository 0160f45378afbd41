import { AuditEventPageSchema, type AuditEvent } from '@klantreis/shared/auth'
import { parse as parseCsv } from 'csv-parse/sync'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type Client, login, signIn, type TestApp } from '../../../test/build-test-app.js'
import { makeMember, makeOrganization, makeStudyWithModel } from '../../../test/factories.js'
import { pseudonym } from '../../lib/pseudonym.js'
import { runParticipantImport } from '../participants/participants.import.js'

let t: TestApp
let org: { id: string }
let admin: Client
let adminId: string
let adminEmail: string
let researcher: Client
let model: Awaited<ReturnType<typeof makeStudyWithModel>>
let otherModel: Awaited<ReturnType<typeof makeStudyWithModel>>
let otherAdmin: Client

beforeAll(async () => {
  t = await buildTestApp()
  org = await makeOrganization(t.db)
  const a = await makeMember(t.db, org.id, 'admin')
  adminId = a.id
  adminEmail = a.email
  admin = await login(t.app, a.email, a.password)
  researcher = await signIn(t, org.id, 'researcher')
  model = await makeStudyWithModel(t.db, org.id)
  const other = await makeOrganization(t.db)
  otherAdmin = await signIn(t, other.id, 'owner')
  otherModel = await makeStudyWithModel(t.db, other.id)
})
afterAll(() => t.close())

const page = async (c: Client, query = '') => {
  const res = await c.get(`/api/v1/audit-log${query}`)
  expect(res.statusCode, res.body).toBe(200)
  return AuditEventPageSchema.parse(res.json())
}
/** The newest event of one action in the caller's log. */
const newest = async (action: string) => (await page(admin, `?action=${action}&limit=1`)).items[0]

describe('every action on personal data and study state is recorded: who, what, on what, from where', () => {
  const study = () => `/api/v1/studies/${model.studyId}`
  const state: { studyId?: string; participantId?: string; surveyId?: string; linkId?: string } = {}
  const expectOk = <R extends { statusCode: number; body: string }>(res: R) => {
    expect(res.statusCode, res.body).toBeLessThan(300)
    return res
  }
  const participantSubject = () => `participant:${pseudonym(state.participantId!)}`
  const studySubject = () => `study:${model.studyId}`

  // run in order: later rows use what earlier ones made
  const cases: {
    action: string
    perform: () => Promise<unknown>
    subject: () => string
    detail?: () => Record<string, unknown>
    byJob?: boolean
  }[] = [
    {
      action: 'study.created',
      perform: async () => {
        const res = expectOk(await admin.post('/api/v1/studies', { title: 'Audited study' }))
        state.studyId = res.json().id
      },
      subject: () => `study:${state.studyId}`,
      detail: () => ({ title: 'Audited study' }),
    },
    {
      action: 'consent.published',
      perform: async () => expectOk(await admin.post(`${study()}/consent`, { texts: { nl: 'Ja', en: 'Yes' } })),
      subject: studySubject,
      detail: () => ({ version: expect.any(Number) }),
    },
    {
      action: 'participant.created',
      perform: async () => {
        const res = expectOk(
          await admin.post(`${study()}/participants`, { email: 'secret.person@example.com', name: 'Secret Person' }),
        )
        state.participantId = res.json().id
      },
      subject: participantSubject,
      detail: () => ({ studyId: model.studyId }),
    },
    {
      action: 'participant.updated',
      perform: async () =>
        expectOk(await admin.patch(`${study()}/participants/${state.participantId}`, { name: 'Still Secret' })),
      subject: participantSubject,
      detail: () => ({ studyId: model.studyId, fields: ['name'] }),
    },
    {
      action: 'participant.viewed',
      perform: async () => expectOk(await admin.get(`${study()}/participants/${state.participantId}`)),
      subject: participantSubject,
      detail: () => ({ studyId: model.studyId, what: 'details' }),
    },
    {
      action: 'participant.viewed',
      perform: async () => expectOk(await admin.get(`${study()}/messages?participantId=${state.participantId}`)),
      subject: participantSubject,
      detail: () => ({ studyId: model.studyId, what: 'messages' }),
    },
    {
      action: 'participant.imported',
      perform: async () => {
        const res = await t.app.inject({
          method: 'POST',
          url: `${study()}/participants/import`,
          headers: { cookie: admin.cookie, 'x-csrf-token': admin.me.csrfToken, 'content-type': 'text/csv' },
          payload: 'email,name\nimported.one@example.com,One\nimported.two@example.com,Two\nnot-an-address,Three\n',
        })
        expectOk(res)
        // the job itself (no worker runs in this file): it records the event when the import is done
        await runParticipantImport(t.db, { importId: res.json().id })
      },
      subject: studySubject,
      detail: () => ({ imported: 2, rejected: 1, rows: 3 }),
      byJob: true,
    },
    {
      action: 'mail.stopped',
      perform: async () =>
        expectOk(await admin.put(`${study()}/participants/${state.participantId}/mail`, { subscribed: false })),
      subject: participantSubject,
    },
    {
      action: 'mail.resumed',
      perform: async () =>
        expectOk(await admin.put(`${study()}/participants/${state.participantId}/mail`, { subscribed: true })),
      subject: participantSubject,
    },
    {
      action: 'mail.sent',
      perform: async () =>
        expectOk(
          await admin.post(`${study()}/messages/feedback`, {
            intro: { nl: 'Dank', en: 'Thanks' },
            changes: [{ nl: 'Beter', en: 'Better' }],
            recipients: { type: 'selected', participantIds: [state.participantId, model.participantId] },
          }),
        ),
      subject: studySubject,
      detail: () => ({ kind: 'feedback', recipients: 2 }),
    },
    {
      action: 'survey.published',
      perform: async () => {
        const s = expectOk(
          await admin.post(`${study()}/surveys/generate`, { title: 'Audited survey', includeWhy: false }),
        )
        state.surveyId = s.json().id
        expectOk(await admin.post(`${study()}/surveys/${state.surveyId}/publish`))
      },
      subject: studySubject,
      detail: () => ({ surveyId: state.surveyId, title: 'Audited survey', version: 1 }),
    },
    {
      action: 'link.created',
      perform: async () => {
        const res = expectOk(
          await admin.post(`${study()}/surveys/${state.surveyId}/anonymous-links`, { maxResponses: 10 }),
        )
        state.linkId = res.json().id
      },
      subject: studySubject,
      detail: () => ({ surveyId: state.surveyId, linkId: state.linkId, maxResponses: 10 }),
    },
    {
      action: 'link.revoked',
      perform: async () =>
        expectOk(await admin.post(`${study()}/surveys/${state.surveyId}/anonymous-links/${state.linkId}/revoke`)),
      subject: studySubject,
      detail: () => ({ surveyId: state.surveyId, linkId: state.linkId }),
    },
    {
      action: 'survey.closed',
      perform: async () => expectOk(await admin.patch(`${study()}/surveys/${state.surveyId}`, { status: 'closed' })),
      subject: studySubject,
      detail: () => ({ surveyId: state.surveyId }),
    },
    {
      action: 'export.downloaded',
      perform: async () => expectOk(await admin.get(`${study()}/codebook.csv`)),
      subject: studySubject,
      detail: () => ({ what: 'codebook', format: 'csv' }),
    },
    {
      action: 'export.downloaded',
      perform: async () => expectOk(await admin.get(`${study()}/codebook`)),
      subject: studySubject,
      detail: () => ({ what: 'codebook', format: 'json' }),
    },
  ]

  it.each(cases.map((c, i) => [`${i + 1}. ${c.action}`, c] as const))('%s', async (_name, c) => {
    const before = await newest(c.action)
    await c.perform()
    const e = await newest(c.action)
    expect(e, 'a new event').toBeDefined()
    expect(e!.id).not.toBe(before?.id)
    expect(e).toMatchObject({
      action: c.action,
      actorId: adminId,
      actorEmail: adminEmail,
      subject: c.subject(),
      // a job has no request, so no address; every request is recorded with its own
      ip: c.byJob ? null : '127.0.0.1',
    })
    if (c.detail) expect(e!.detail).toMatchObject(c.detail())
    // a participant is named by pseudonym only: never their name or address
    expect(JSON.stringify(e)).not.toMatch(/secret|imported\.one/i)
  })

  it('a participant event is found by its study, though its subject is the pseudonym', async () => {
    const log = await page(admin, `?study=${model.studyId}&action=participant.*&limit=200`)
    expect(log.items.length).toBeGreaterThanOrEqual(5)
    expect(log.items.every((e) => e.studyId === model.studyId)).toBe(true)
    expect(log.items[0]!.studyTitle).toMatch(/^Study /)
  })
})

describe('filters', () => {
  let events: AuditEvent[]
  beforeAll(async () => {
    // a known set on top of whatever the other describe left: two studies' events at set times
    const mk = (action: string, at: string, subject: string, actor: { id: string | null; email: string | null }) => ({
      organization_id: org.id,
      actor_id: actor.id,
      actor_email: actor.email,
      action,
      subject,
      detail: '{}',
      ip: '10.0.0.1',
      at,
    })
    const me = { id: adminId, email: adminEmail }
    const someone = { id: null, email: 'Former.Member@Example.com' }
    await t.db
      .insertInto('audit_log')
      .values([
        mk('study.created', '2025-01-01T10:00:00Z', `study:${model.studyId}`, me),
        mk('mail.sent', '2025-01-02T10:00:00Z', `study:${model.studyId}`, someone),
        mk('mail.stopped', '2025-01-03T10:00:00Z', `study:${model.studyId}`, me),
        mk('consent.published', '2025-01-04T10:00:00Z', `study:${otherModel.studyId}`, someone),
        mk('participant.erased', '2025-01-05T10:00:00Z', `study:${model.studyId}`, me),
        // another organization's study id in our log never shows its title
      ])
      .execute()
    await t.db
      .insertInto('audit_log')
      .values({ ...mk('study.created', '2025-01-03T12:00:00Z', `study:${otherModel.studyId}`, me) })
      .execute()
    events = (await page(admin, '?from=2025-01-01&to=2025-01-31&limit=200')).items
  })

  it('a date range, dates meaning whole days', async () => {
    expect(events.map((e) => e.action)).toEqual([
      'participant.erased',
      'consent.published',
      'study.created',
      'mail.stopped',
      'mail.sent',
      'study.created',
    ])
    const day = await page(admin, '?from=2025-01-03&to=2025-01-03')
    expect(day.items.map((e) => e.action)).toEqual(['study.created', 'mail.stopped'])
    const exact = await page(admin, '?from=2025-01-02T10:00:00Z&to=2025-01-03T10:00:00Z')
    expect(exact.items.map((e) => e.action)).toEqual(['mail.sent'])
  })

  it('one action, several, and a group', async () => {
    const q = '&from=2025-01-01&to=2025-01-31'
    expect((await page(admin, `?action=mail.sent${q}`)).items.map((e) => e.action)).toEqual(['mail.sent'])
    expect((await page(admin, `?action=mail.sent,consent.published${q}`)).items.map((e) => e.action)).toEqual([
      'consent.published',
      'mail.sent',
    ])
    expect((await page(admin, `?action=mail.*${q}`)).items.map((e) => e.action)).toEqual(['mail.stopped', 'mail.sent'])
    expect((await page(admin, `?action=mail.*&action=participant.erased${q}`)).items.map((e) => e.action)).toEqual([
      'participant.erased',
      'mail.stopped',
      'mail.sent',
    ])
  })

  it('the actor, by account id or by address in any case', async () => {
    const q = '&from=2025-01-01&to=2025-01-31'
    expect((await page(admin, `?actor=${adminId}${q}`)).items.map((e) => e.action)).toEqual([
      'participant.erased',
      'study.created',
      'mail.stopped',
      'study.created',
    ])
    expect((await page(admin, `?actor=former.member@example.com${q}`)).items.map((e) => e.action)).toEqual([
      'consent.published',
      'mail.sent',
    ])
  })

  it('the study, with its title only while it is the organization’s', async () => {
    const mine = await page(admin, `?study=${model.studyId}&from=2025-01-01&to=2025-01-31`)
    expect(mine.items.map((e) => e.action)).toEqual([
      'participant.erased',
      'mail.stopped',
      'mail.sent',
      'study.created',
    ])
    expect(new Set(mine.items.map((e) => e.studyTitle)).size).toBe(1)
    expect(mine.items[0]!.studyTitle).toMatch(/^Study /)
    const foreign = await page(admin, `?study=${otherModel.studyId}&from=2025-01-01&to=2025-01-31`)
    expect(foreign.items).toHaveLength(2)
    expect(foreign.items.every((e) => e.studyTitle === null)).toBe(true)
  })

  it('combined filters, paged with the filters kept', async () => {
    const q = `?study=${model.studyId}&actor=${adminId}&action=mail.*,participant.*,study.*&from=2025-01-01&to=2025-01-31`
    const first = await page(admin, `${q}&limit=2`)
    expect(first.items.map((e) => e.action)).toEqual(['participant.erased', 'mail.stopped'])
    expect(first.nextCursor).not.toBeNull()
    const second = await page(admin, `${q}&limit=2&cursor=${first.nextCursor}`)
    expect(second.items.map((e) => e.action)).toEqual(['study.created'])
    expect(second.nextCursor).toBeNull()
  })

  it('another organization never sees these events, nor ours theirs', async () => {
    const theirs = await page(otherAdmin, '?limit=200')
    expect(theirs.items.some((e) => e.ip === '10.0.0.1')).toBe(false)
    expect((await page(otherAdmin, `?study=${model.studyId}`)).items).toEqual([])
  })

  it('a bad filter is a 400 naming the field', async () => {
    for (const [query, field] of [
      ['action=mail.exploded', 'action'],
      ['action=nothing.*', 'action'],
      ['actor=', 'actor'],
      ['study=not-a-uuid', 'study'],
      ['from=yesterday', 'from'],
      ['from=2025-02-01&to=2025-01-01', 'to'],
      ['colour=red', ''],
    ] as const) {
      const res = await admin.get(`/api/v1/audit-log?${query}`)
      expect(res.statusCode, query).toBe(400)
      expect(JSON.stringify(res.json().details ?? res.json()), query).toContain(field)
    }
  })

  it('is for admins and owners: a researcher gets 403 for the list and the export', async () => {
    expect((await researcher.get('/api/v1/audit-log')).statusCode).toBe(403)
    expect((await researcher.get('/api/v1/audit-log/export?format=csv')).statusCode).toBe(403)
  })
})

describe('CSV export', () => {
  it('streams the filtered events as RFC 4180 CSV with a BOM, guards formulas, and is itself audited', async () => {
    await t.db
      .insertInto('audit_log')
      .values({
        organization_id: org.id,
        actor_id: null,
        actor_email: '=HYPERLINK("http://evil")',
        action: 'mail.sent',
        subject: `study:${model.studyId}`,
        detail: JSON.stringify({ note: 'a "quoted", multi\nline value' }),
        ip: '10.0.0.2',
        at: '2024-06-01T08:00:00Z',
      })
      .execute()
    const res = await admin.get(`/api/v1/audit-log/export?format=csv&action=mail.sent&from=2024-06-01&to=2024-06-01`)
    expect(res.statusCode, res.body).toBe(200)
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8')
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="audit-log-\d{4}-\d{2}-\d{2}\.csv"$/)
    expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]))
    const rows = parseCsv(res.rawPayload, { bom: true, columns: true }) as Record<string, string>[]
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({
      at: '2024-06-01T08:00:00.000Z',
      action: 'mail.sent',
      actor_email: `'=HYPERLINK("http://evil")`,
      subject: `study:${model.studyId}`,
      study_id: model.studyId,
      ip: '10.0.0.2',
    })
    expect(rows[0]!.study_title).toMatch(/^Study /)
    expect(JSON.parse(rows[0]!.detail!)).toEqual({ note: 'a "quoted", multi\nline value' })

    const audited = await newest('audit.exported')
    expect(audited).toMatchObject({ actorId: adminId, ip: '127.0.0.1' })
    expect(audited!.detail).toMatchObject({ format: 'csv', filters: { action: ['mail.sent'] } })
  })

  it('pages through a log longer than one read', async () => {
    const many = Array.from({ length: 1203 }, (_, i) => ({
      organization_id: org.id,
      actor_id: null,
      actor_email: 'bulk@example.com',
      action: 'participant.viewed',
      subject: `participant:P-${String(i).padStart(6, '0')}`,
      detail: JSON.stringify({ studyId: model.studyId }),
      ip: null,
      // some share a moment, so the keyset's tie-break on id matters
      at: new Date(Date.UTC(2023, 0, 1) + Math.floor(i / 3) * 1000).toISOString(),
    }))
    await t.db.insertInto('audit_log').values(many).execute()
    const res = await admin.get('/api/v1/audit-log/export?format=csv&actor=bulk@example.com')
    const rows = parseCsv(res.rawPayload, { bom: true, columns: true }) as Record<string, string>[]
    expect(rows).toHaveLength(1203)
    expect(new Set(rows.map((r) => r.subject)).size).toBe(1203)
    expect(rows.every((r) => r.study_id === model.studyId)).toBe(true)
  })

  it('a bad filter is a 400 before anything is recorded', async () => {
    const before = await newest('audit.exported')
    const res = await admin.get('/api/v1/audit-log/export?format=xlsx')
    expect(res.statusCode).toBe(400)
    expect(JSON.stringify(res.json())).toContain('format')
    expect((await newest('audit.exported'))!.id).toBe(before!.id)
  })
})
