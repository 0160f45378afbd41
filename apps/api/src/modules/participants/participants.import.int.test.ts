import { ParticipantImportSchema } from '@klantreis/shared/participants'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  buildTestApp,
  type Client,
  login,
  QUEUE_BACKENDS,
  type TestApp,
  startTestWorkers,
} from '../../../test/build-test-app.js'
import { makeMember, makeOrganization, makeStudyWithModel } from '../../../test/factories.js'
import { IMPORT_BATCH, runParticipantImport } from './participants.import.js'

describe.each(QUEUE_BACKENDS)('participant CSV import as a job on BullMQ over %s', (backend) => {
  let t: TestApp
  let researcher: Client
  let model: Awaited<ReturnType<typeof makeStudyWithModel>>
  let stop: () => Promise<void>

  beforeAll(async () => {
    t = await buildTestApp({ queue: backend, env: { MAIL_TICK_MS: '1000' } })
    stop = await startTestWorkers(t)
    const org = await makeOrganization(t.db)
    const r = await makeMember(t.db, org.id, 'researcher')
    researcher = await login(t.app, r.email, r.password)
    model = await makeStudyWithModel(t.db, org.id) // has a participant, and a persona named "Student"
  })
  afterAll(async () => {
    await stop()
    await t.close()
  })

  const upload = (csv: string) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/studies/${model.studyId}/participants/import`,
      headers: { cookie: researcher.cookie, 'x-csrf-token': researcher.me.csrfToken, 'content-type': 'text/csv' },
      payload: csv,
    })
  const poll = async (id: string) => {
    let last
    await expect
      .poll(
        async () => {
          last = ParticipantImportSchema.parse(
            (await researcher.get(`/api/v1/studies/${model.studyId}/participants/imports/${id}`)).json(),
          )
          return last.status
        },
        { timeout: 20_000, interval: 100 },
      )
      .toMatch(/done|failed/)
    return last!
  }

  it('imports the valid rows of a large file and reports each bad row', async () => {
    const existing = await t.db
      .selectFrom('participant')
      .select('email')
      .where('study_id', '=', model.studyId)
      .executeTakeFirstOrThrow()
    const lines = ['Email,Name,Language,Persona,External ref']
    for (let i = 0; i < 1200; i++)
      lines.push(`person${i}@example.com,Person ${i},${i % 2 ? 'en' : 'nl'},${i % 3 ? 'Student' : ''},crm-${i}`)
    lines.push('not-an-email,Broken,nl,,')
    lines.push('ghost@example.com,Ghost,nl,Astronaut,')
    lines.push('person7@example.com,Again,nl,,')
    lines.push(`${existing.email},Already here,nl,,`)
    const res = await upload(`\uFEFF${lines.join('\r\n')}\r\n`)
    expect(res.statusCode).toBe(202)
    const started = ParticipantImportSchema.parse(res.json())
    expect(['queued', 'running', 'done']).toContain(started.status)
    const done = await poll(started.id)
    expect(done).toMatchObject({ status: 'done', total: 1204, processed: 1204, imported: 1200 })
    expect(done.errors.map((e: { row: number }) => e.row)).toEqual([1202, 1203, 1204, 1205])
    expect(done.errors[0]!.message).toContain('email')
    expect(done.errors[1]!.message).toContain('unknown persona "Astronaut"')
    expect(done.errors[2]!.message).toContain('duplicate')
    expect(done.errors[3]!.message).toContain('already takes part')
    const p = await t.db
      .selectFrom('participant')
      .selectAll()
      .where('study_id', '=', model.studyId)
      .where('email', '=', 'person1@example.com')
      .executeTakeFirstOrThrow()
    expect(p).toMatchObject({ name: 'Person 1', language: 'en', persona_id: model.personaId, external_ref: 'crm-1' })
  })

  it('reads a semicolon file saved by Dutch Excel (BOM, CRLF, a comma in a name) and reports every problem of a row', async () => {
    const csv = [
      'E-mail;Naam;Language;Persona',
      'piet.jansen@example.com;Jansen, Piet;nl;Student',
      `quoted@example.com;"Naam; met ""aanhalingstekens""";en;`,
      // three problems in one row: each is reported
      'geen-adres;Fout;xx;Astronaut',
    ]
    const done = await poll(ParticipantImportSchema.parse((await upload(`\uFEFF${csv.join('\r\n')}\r\n`)).json()).id)
    expect(done).toMatchObject({ status: 'done', total: 3, imported: 2 })
    expect(done.errors.map((e: { row: number }) => e.row)).toEqual([4, 4, 4])
    expect(done.errors.map((e: { message: string }) => e.message)).toEqual([
      'unknown persona "Astronaut"',
      expect.stringContaining('email'),
      expect.stringContaining('language'),
    ])
    const rows = await t.db
      .selectFrom('participant')
      .select(['email', 'name', 'language', 'persona_id'])
      .where('study_id', '=', model.studyId)
      .where('email', 'in', ['piet.jansen@example.com', 'quoted@example.com'])
      .orderBy('email')
      .execute()
    expect(rows).toEqual([
      { email: 'piet.jansen@example.com', name: 'Jansen, Piet', language: 'nl', persona_id: model.personaId },
      { email: 'quoted@example.com', name: 'Naam; met "aanhalingstekens"', language: 'en', persona_id: null },
    ])
  })

  it('reads each segment:<key> column as a segment attribute and leaves empty cells out', async () => {
    const csv = [
      'email,name,Segment: customerType ,segment:region,phone',
      'seg1@example.com,Seg One,new,north,0612345678',
      'seg2@example.com,Seg Two,,south,',
      'seg3@example.com,Seg Three,,,',
      `seg4@example.com,Seg Four,${'x'.repeat(201)},north,`,
    ].join('\n')
    const done = await poll(ParticipantImportSchema.parse((await upload(csv)).json()).id)
    expect(done).toMatchObject({ status: 'done', total: 4, imported: 3 })
    expect(done.errors).toEqual([{ row: 5, message: expect.stringContaining('segment:customerType') }])
    const segments = await t.db
      .selectFrom('participant')
      .select(['email', 'segments'])
      .where('study_id', '=', model.studyId)
      .where('email', 'like', 'seg%@example.com')
      .orderBy('email')
      .execute()
    expect(segments).toEqual([
      { email: 'seg1@example.com', segments: { customerType: 'new', region: 'north' } },
      { email: 'seg2@example.com', segments: { region: 'south' } },
      { email: 'seg3@example.com', segments: {} },
    ])
  })

  it('a file that is not a participant list fails with a message', async () => {
    const done = await poll(ParticipantImportSchema.parse((await upload('name;phone\nAnn;123\n')).json()).id)
    expect(done.status).toBe('failed')
    expect(done.errors[0]!.message).toContain('email')
  })

  it('a retried job resumes after its last committed batch and imports nothing twice', async () => {
    const lines = ['email']
    for (let i = 0; i < IMPORT_BATCH + 10; i++) lines.push(`resume${i}@example.com`)
    const row = await t.db
      .insertInto('participant_import')
      .values({ study_id: model.studyId, csv: lines.join('\n') })
      .returning('id')
      .executeTakeFirstOrThrow()
    // as if the first batch committed and then the worker died
    await t.db
      .insertInto('participant')
      .values(lines.slice(1, IMPORT_BATCH + 1).map((email) => ({ study_id: model.studyId, email })))
      .execute()
    await t.db
      .updateTable('participant_import')
      .set({ status: 'running', processed: IMPORT_BATCH, imported: IMPORT_BATCH })
      .where('id', '=', row.id)
      .execute()
    await runParticipantImport(t.db, { importId: row.id })
    const after = await t.db
      .selectFrom('participant_import')
      .selectAll()
      .where('id', '=', row.id)
      .executeTakeFirstOrThrow()
    expect(after).toMatchObject({
      status: 'done',
      processed: IMPORT_BATCH + 10,
      imported: IMPORT_BATCH + 10,
      errors: [],
    })
  })

  it('finishes an import whose job the queue lost (a job store that came back empty)', async () => {
    // the row as startImport leaves it, but its job never reached the queue: nothing else would run it
    const lost = await t.db
      .insertInto('participant_import')
      .values({
        study_id: model.studyId,
        csv: 'email,name\nlost-job@example.com,Lost Job\n',
        created_at: new Date(Date.now() - 2 * 60_000),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    const done = await poll(lost.id)
    expect(done).toMatchObject({ status: 'done', imported: 1 })
    expect(
      await t.db
        .selectFrom('participant')
        .select('name')
        .where('email', '=', 'lost-job@example.com')
        .executeTakeFirst(),
    ).toEqual({ name: 'Lost Job' })
  })
})
