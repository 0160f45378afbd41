import { randomBytes, randomUUID } from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import { AgreementSchema, SampleSchema } from '@klantreis/shared/coding'
import { DashboardSchema } from '@klantreis/shared/dashboard'
import { FindingSchema } from '@klantreis/shared/findings'
import { ParticipantErasureSchema } from '@klantreis/shared/participants'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type Client, login, type TestApp } from '../../../test/build-test-app.js'
import { makeDiaryEntry, makeMember, makeOrganization, makeStudyWithModel } from '../../../test/factories.js'
import { createServices } from '../../services.js'
import { foldPending } from '../dashboard/dashboard.rollup.queries.js'

// PostgreSQL queues: the jobs live in the database too (a schema named by QUEUE_PREFIX), so the search covers them.
let t: TestApp
let admin: Client
let researcher: Client
let orgId: string
let model: Awaited<ReturnType<typeof makeStudyWithModel>>
const base = (studyId = model.studyId) => `/api/v1/studies/${studyId}`

beforeAll(async () => {
  t = await buildTestApp({ queue: 'postgres' })
  const org = await makeOrganization(t.db)
  orgId = org.id
  const a = await makeMember(t.db, org.id, 'admin')
  const r = await makeMember(t.db, org.id, 'researcher')
  admin = await login(t.app, a.email, a.password)
  researcher = await login(t.app, r.email, r.password)
  model = await makeStudyWithModel(t.db, org.id)
})
afterAll(() => t?.close())

const CSAT_SURVEY = {
  kind: 'survey',
  languages: ['nl', 'en'],
  pages: [
    {
      id: 'p',
      title: { nl: 'P', en: 'P' },
      questions: [
        { id: 'c', type: 'csat', required: false, text: { nl: 'c', en: 'c' } },
        { id: 'why', type: 'long_text', required: false, text: { nl: 'Waarom?', en: 'Why?' } },
      ],
    },
  ],
}
const EMPATHY = {
  kind: 'empathy_map',
  languages: ['nl', 'en'],
  pages: [
    {
      id: 'p',
      title: { nl: 'P', en: 'P' },
      questions: [{ id: 'map', type: 'empathy_map', required: false, text: { nl: 'K', en: 'K' } }],
    },
  ],
}

async function survey(studyId: string, def: object, kind: 'survey' | 'empathy_map' = 'survey') {
  const s = await t.db
    .insertInto('survey')
    .values({ study_id: studyId, title: `S ${kind}`, kind, draft: JSON.stringify(def), status: 'open' })
    .returning('id')
    .executeTakeFirstOrThrow()
  await t.db
    .insertInto('survey_version')
    .values({ survey_id: s.id, version: 1, definition: JSON.stringify(def) })
    .execute()
  return s.id
}

async function respond(surveyId: string, participantId: string, answers: Record<string, unknown>) {
  const id = randomUUID()
  await t.db
    .insertInto('survey_response')
    .values({
      id,
      survey_id: surveyId,
      version: 1,
      participant_id: participantId,
      status: 'complete',
      completed_at: new Date(),
    })
    .execute()
  await t.db
    .insertInto('survey_answer')
    .values(
      Object.entries(answers).map(([question_id, v]) => ({ response_id: id, question_id, value: JSON.stringify(v) })),
    )
    .execute()
  return id
}

async function participant(studyId: string, extra: { name?: string; segments?: Record<string, string> } = {}) {
  return await t.db
    .insertInto('participant')
    .values({
      study_id: studyId,
      email: `p-${randomBytes(4).toString('hex')}@example.com`,
      name: extra.name ?? 'Pat',
      segments: extra.segments ?? {},
      consent_version: 1,
      consented_at: new Date(),
    })
    .returning(['id', 'email'])
    .executeTakeFirstOrThrow()
}

const entry = (
  studyId: string,
  participantId: string,
  text: string,
  more: { proposalId?: string; photoId?: string } = {},
) => makeDiaryEntry(t.db, { studyId, participantId, text, ...more })

const code = async (c: Client, studyId: string, source: string, end: number, extra: object = {}) => {
  const res = await c.put(`${base(studyId)}/codings/${randomUUID()}`, {
    source,
    start: 0,
    end,
    valence: 'pain',
    ...extra,
  })
  expect(res.statusCode, res.body).toBe(201)
  return res.json().id as string
}

/** Every column of every table of every schema (bytea as its hex text too) that holds the text. */
async function whereIs(marker: string) {
  const hex = Buffer.from(marker).toString('hex')
  const cols = await sql<{ s: string; t: string; c: string }>`
    select c.table_schema as s, c.table_name as t, c.column_name as c
    from information_schema.columns c
    join information_schema.tables tb on tb.table_schema = c.table_schema and tb.table_name = c.table_name and tb.table_type = 'BASE TABLE'
    where c.table_schema not in ('pg_catalog', 'information_schema')`.execute(t.db)
  const found: string[] = []
  for (const { s, t: table, c } of cols.rows) {
    const col = sql.ref(`${s}.${table}.${c}`)
    const r = await sql<{ n: number }>`
      select count(*)::int as n from ${sql.table(`${s}.${table}`)}
      where ${col}::text like ${`%${marker}%`} or ${col}::text like ${`%${hex}%`}`.execute(t.db)
    if (r.rows[0]!.n > 0) found.push(`${s}.${table}.${c}`)
  }
  return { found, schemas: new Set(cols.rows.map((r) => r.s)), columns: cols.rows.length }
}

async function filesWith(dir: string, marker: string, skip: string): Promise<string[]> {
  const out: string[] = []
  for (const d of await fs.readdir(dir, { withFileTypes: true }).catch(() => [])) {
    const p = path.join(dir, d.name)
    if (p === skip) continue
    if (d.isDirectory()) out.push(...(await filesWith(p, marker, skip)))
    else if ((await fs.readFile(p)).includes(marker)) out.push(p)
  }
  return out
}

describe('erasing a participant', () => {
  it('leaves the marker in no table of any schema and no file under the data directory; the finding stays and counts the erased quote; the dashboard equals a recount', async () => {
    const marker = `ERASEME${randomBytes(6).toString('hex')}`
    const m = await makeStudyWithModel(t.db, orgId)
    const p = await participant(m.studyId, { name: `Name ${marker}`, segments: { region: `r-${marker}` } })
    const other = await participant(m.studyId, { segments: { region: 'north' } })
    await t.db
      .updateTable('participant')
      .set({ external_ref: `crm-${marker}` })
      .where('id', '=', p.id)
      .execute()
    // a stored import CSV that named them
    await t.db
      .insertInto('participant_import')
      .values({ study_id: m.studyId, csv: `email,name\n${p.email},${marker}\n${other.email},Other\n`, status: 'done' })
      .execute()
    // diary: a photo, a proposal, an entry with the text
    const photo = await t.db
      .insertInto('photo')
      .values({ participant_id: p.id, content_type: 'image/png', bytes: Buffer.from(`\x89PNG${marker}`) })
      .returning('id')
      .executeTakeFirstOrThrow()
    const proposal = await t.db
      .insertInto('proposed_touchpoint')
      .values({ study_id: m.studyId, description: `The locker ${marker}` })
      .returning('id')
      .executeTakeFirstOrThrow()
    const entryId = await entry(m.studyId, p.id, `${marker} was late`, { proposalId: proposal.id, photoId: photo.id })
    const otherEntry = await entry(m.studyId, other.id, 'Someone else entirely')
    // survey answers, an empathy item; the other participant answers too
    const s = await survey(m.studyId, CSAT_SURVEY)
    const responseId = await respond(s, p.id, { c: 2, why: `because ${marker}` })
    await respond(s, other.id, { c: 5, why: 'fine' })
    const e = await survey(m.studyId, EMPATHY, 'empathy_map')
    const empathyId = await respond(e, p.id, {
      map: { items: [{ box: 'says', text: `${marker} said`, valence: 'pain' }] },
    })
    // codings (quote snapshots) with a code, and a finding backed by them and by someone else's quote
    const codeId = (await researcher.post(`${base(m.studyId)}/codes`, { name: 'Late' })).json().id as string
    const mine = [
      await code(researcher, m.studyId, `diary_entry:${entryId}`, marker.length, { codeIds: [codeId] }),
      await code(researcher, m.studyId, `answer:${responseId}:why`, 20),
      await code(researcher, m.studyId, `empathy_item:${empathyId}:map:0`, marker.length),
    ]
    const theirs = await code(researcher, m.studyId, `diary_entry:${otherEntry}`, 8, { codeIds: [codeId] })
    const f = await researcher.post(`${base(m.studyId)}/findings`, { statement: 'Late', codingIds: [...mine, theirs] })
    expect(f.statusCode, f.body).toBe(201)
    // outbox: a mail with the marker, its delivery job queued for later
    const mail = await t.db
      .insertInto('mail_message')
      .values({
        organization_id: orgId,
        kind: 'participant',
        to_address: p.email,
        subject: `Hi ${marker}`,
        text_body: `Dear ${marker}`,
        html_body: `<p>Dear ${marker}</p>`,
        study_id: m.studyId,
        participant_id: p.id,
        due_at: new Date(Date.now() + 86_400_000),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await t.app.queues.mail.add('deliver', { messageId: mail.id }, { jobId: `mail-${mail.id}`, delay: 3_600_000 })
    await t.db
      .insertInto('participant_token')
      .values({ participant_id: p.id, token_hash: `h-${marker}`, expires_at: new Date(Date.now() + 86_400_000) })
      .execute()
    await foldPending(t.db)
    // exports finished before the erasure that hold them: their diary moment and name as plain CSV, and an
    // archive with their photo (stored, so its bytes are in the file as they are)
    const exportsService = createServices({
      db: t.db,
      pool: t.app.pg.pool,
      queues: t.app.queues,
      config: t.app.config,
      log: t.app.log,
    }).exports
    const exportIds: string[] = []
    for (const body of [
      { datasets: ['diary'], format: 'csv', includeContactDetails: true },
      { datasets: ['diary', 'responses-long'], format: 'csv', includePhotos: true },
    ]) {
      const res = await researcher.post(`${base(m.studyId)}/exports`, body)
      expect(res.statusCode, res.body).toBe(202)
      exportIds.push(res.json().id)
      await exportsService.runExport(res.json().id, 1)
    }
    const exportsDir = path.join(t.dataDir, 'exports')
    expect(await filesWith(exportsDir, marker, '')).toHaveLength(2)
    const before = await whereIs(marker)
    expect(before.found.length).toBeGreaterThanOrEqual(10)

    const res = await admin.delete(`${base(m.studyId)}/participants/${p.id}`)
    expect(res.statusCode, res.body).toBe(200)
    const erased = ParticipantErasureSchema.parse(res.json())
    expect(erased.counts).toMatchObject({
      participant: 1,
      entries: 1,
      photos: 1,
      proposals: 1,
      responses: 1,
      answers: 3,
      empathyItems: 1,
      codings: 3,
      evidenceLinks: 3,
      mails: 1,
      mailJobs: 1,
      links: 1,
      importLines: 1,
    })
    expect(await t.app.queues.mail.getJob(`mail-${mail.id}`)).toBeFalsy()

    const after = await whereIs(marker)
    expect(after.schemas).toContain(t.config.QUEUE_PREFIX) // the PostgreSQL queue's schema: its jobs
    expect(after.found).toEqual([])
    expect(await filesWith(t.dataDir, marker, path.join(t.dataDir, 'mail'))).toEqual([])
    // the exports run again (a new generation) from a snapshot without them
    for (const id of exportIds) {
      const job = await t.db.selectFrom('export_job').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
      expect(job).toMatchObject({ status: 'queued', generation: 2, file_path: null })
      await exportsService.runExport(id, 2)
    }
    const rerun = await t.db
      .selectFrom('export_job')
      .select(['status', 'file_path'])
      .where('id', 'in', exportIds)
      .execute()
    expect(rerun.map((r) => r.status)).toEqual(['done', 'done'])
    expect((await fs.readdir(exportsDir)).sort()).toEqual(rerun.map((r) => r.file_path).sort())
    expect(await filesWith(t.dataDir, marker, path.join(t.dataDir, 'mail'))).toEqual([])

    // the finding stays with the other quote and says three were erased; the code counts down
    const finding = FindingSchema.parse((await researcher.get(`${base(m.studyId)}/findings/${f.json().id}`)).json())
    expect(finding.evidence.map((x) => x.codingId)).toEqual([theirs])
    expect(finding.erasedEvidence).toBe(3)
    const uses = await t.db.selectFrom('coding_code').select('coding_id').where('code_id', '=', codeId).execute()
    expect(uses.map((u) => u.coding_id)).toEqual([theirs])
    // the tombstone: study, when, by whom, counts
    const tomb = await t.db
      .selectFrom('participant_erasure')
      .selectAll()
      .where('id', '=', erased.id)
      .executeTakeFirstOrThrow()
    expect(tomb).toMatchObject({ study_id: m.studyId, erased_by: admin.me.user.id })
    const audit = await t.db.selectFrom('audit_log').selectAll().where('action', '=', 'participant.erased').execute()
    expect(audit.some((x) => x.subject === `study:${m.studyId}`)).toBe(true)

    // refolded, the dashboard equals a recount of what is left
    await foldPending(t.db)
    const dash = DashboardSchema.parse((await researcher.get(`${base(m.studyId)}/dashboard`)).json())
    const recount = await sql<{ n: number }>`
      select count(*)::int as n from survey_response r join survey s on s.id = r.survey_id
      where s.study_id = ${m.studyId}::uuid and r.status = 'complete' and s.kind = 'survey'`.execute(t.db)
    expect(dash.responses).toBe(recount.rows[0]!.n)
    const rolled = await sql<{ n: number }>`
      select coalesce(sum(n), 0)::int as n from survey_response_rollup where study_id = ${m.studyId}::uuid and grain = 'day'`.execute(
      t.db,
    )
    expect(rolled.rows[0]!.n).toBe(recount.rows[0]!.n)
  })

  it("is the admin's: a researcher is refused (403), another organization's participant is a 404, and twice is a 404", async () => {
    const p = await participant(model.studyId)
    expect((await researcher.delete(`${base()}/participants/${p.id}`)).statusCode).toBe(403)
    const otherOrg = await makeOrganization(t.db)
    const foreign = await makeStudyWithModel(t.db, otherOrg.id)
    const foreignStudy = await admin.delete(`${base(foreign.studyId)}/participants/${foreign.participantId}`)
    expect(foreignStudy.statusCode).toBe(404)
    const mixed = await admin.delete(`${base()}/participants/${foreign.participantId}`)
    expect(mixed.statusCode).toBe(404)
    expect(mixed.json().code).toBe('PARTICIPANT_NOT_FOUND')
    expect(
      await t.db.selectFrom('participant').select('id').where('id', '=', foreign.participantId).execute(),
    ).toHaveLength(1)

    expect((await admin.delete(`${base()}/participants/${p.id}`)).statusCode).toBe(200)
    const again = await admin.delete(`${base()}/participants/${p.id}`)
    expect(again.statusCode).toBe(404)
    expect(again.json().code).toBe('PARTICIPANT_NOT_FOUND')
    expect((await admin.delete(`${base()}/participants/not-a-uuid`)).json().details[0].path).toBe(
      'params.participantId',
    )
  })

  it('in a double-coding sample: the sample loses their sources and the agreement still computes', async () => {
    const m = await makeStudyWithModel(t.db, orgId)
    await t.db.deleteFrom('diary_entry').where('study_id', '=', m.studyId).execute()
    const p = await participant(m.studyId)
    const q = await participant(m.studyId)
    const refs: string[] = []
    for (let i = 0; i < 4; i++)
      refs.push(`diary_entry:${await entry(m.studyId, i < 2 ? p.id : q.id, `Moment ${i} at the shop`)}`)
    const bob = await makeMember(t.db, orgId, 'researcher')
    const bobC = await login(t.app, bob.email, bob.password)
    const res = await researcher.post(`${base(m.studyId)}/samples`, {
      name: 'Pilot',
      share: 1,
      kinds: ['diary_entry'],
      coderIds: [researcher.me.user.id, bobC.me.user.id],
      seed: 1,
    })
    expect(res.statusCode, res.body).toBe(201)
    const sample = SampleSchema.parse(res.json())
    for (const [i, ref] of refs.entries()) {
      await code(researcher, m.studyId, ref, 6, { sampleId: sample.id })
      await code(bobC, m.studyId, ref, 6, { sampleId: sample.id, valence: i % 2 ? 'gain' : 'pain' })
    }
    const erased = await admin.delete(`${base(m.studyId)}/participants/${p.id}`)
    expect(erased.statusCode, erased.body).toBe(200)
    expect(ParticipantErasureSchema.parse(erased.json()).counts).toMatchObject({ codings: 4, sampleSources: 2 })
    const agreement = await researcher.get(`${base(m.studyId)}/samples/${sample.id}/agreement`)
    expect(agreement.statusCode, agreement.body).toBe(200)
    expect(AgreementSchema.parse(agreement.json()).units).toBe(2)
  })
})
