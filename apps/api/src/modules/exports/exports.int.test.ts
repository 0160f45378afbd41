import fs from 'node:fs/promises'
import path from 'node:path'
import { ApiErrorSchema } from '@klantreis/shared/common'
import { type CreateExportBody, ExportJobSchema, ExportListSchema, type ExportJob } from '@klantreis/shared/exports'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  buildTestApp,
  type Client,
  login,
  signIn,
  type TestApp,
  startTestWorkers,
} from '../../../test/build-test-app.js'
import { makeMember, makeOrganization, makeStudyWithModel } from '../../../test/factories.js'
import { pseudonym } from '../../lib/pseudonym.js'
import { createServices, type Services } from '../../services.js'
import { createDatasets } from './exports.datasets.js'
import { createExportsService, exportJobId } from './exports.service.js'

// Study exports through HTTP (issue 15): the routes, the job run by hand (its function, as the bench runs
// it) and once through the worker, the erasure's generations, expiry and the orphan sweep.
let t: TestApp
let services: Services
let owner: Client
let researcher: Client
let viewer: Client
let stranger: Client
let orgId: string
let model: Awaited<ReturnType<typeof makeStudyWithModel>>
const base = (studyId = model.studyId) => `/api/v1/studies/${studyId}`
const exportsDir = () => path.join(t.dataDir, 'exports')

beforeAll(async () => {
  t = await buildTestApp()
  services = createServices({
    db: t.db,
    pool: t.app.pg.pool,
    queues: t.app.queues,
    config: t.app.config,
    log: t.app.log,
  })
  const org = await makeOrganization(t.db)
  orgId = org.id
  owner = await signIn(t, org.id, 'owner')
  researcher = await signIn(t, org.id, 'researcher')
  viewer = await signIn(t, org.id, 'viewer')
  stranger = await signIn(t, (await makeOrganization(t.db)).id, 'admin')
  model = await makeStudyWithModel(t.db, org.id)
})
afterAll(() => t?.close())

async function start(c: Client, body: CreateExportBody, studyId = model.studyId) {
  const res = await c.post(`${base(studyId)}/exports`, body)
  expect([200, 202], res.body).toContain(res.statusCode)
  return { status: res.statusCode, job: ExportJobSchema.parse(res.json()) }
}

const row = (id: string) => t.db.selectFrom('export_job').selectAll().where('id', '=', id).executeTakeFirst()

/** Run the export's current generation as the worker would (the job's function, outside BullMQ). */
async function run(id: string) {
  await services.exports.runExport(id, (await row(id))!.generation)
}

async function get(c: Client, id: string, studyId = model.studyId): Promise<ExportJob> {
  const res = await c.get(`${base(studyId)}/exports/${id}`)
  expect(res.statusCode, res.body).toBe(200)
  return ExportJobSchema.parse(res.json())
}

async function download(c: Client, id: string, studyId = model.studyId) {
  const res = await c.get(`${base(studyId)}/exports/${id}/download`)
  expect(res.statusCode, res.body).toBe(200)
  return res
}

const files = async () => (await fs.readdir(exportsDir()).catch(() => [] as string[])).sort()

describe('starting an export', () => {
  it('answers 202 with a queued job, hands it to the work queue, and audits export.created', async () => {
    const { status, job } = await start(researcher, { datasets: ['codebook', 'diary'], format: 'csv' })
    expect(status).toBe(202)
    expect(job).toMatchObject({ status: 'queued', rowsDone: 0, fileName: null, studyId: model.studyId })
    // the datasets in their fixed order, the defaults filled in
    expect(job.spec).toMatchObject({ datasets: ['diary', 'codebook'], separator: ',', decimal: '.' })
    const queued = await t.app.queues.work.getJob(exportJobId(job.id, 1))
    expect(queued?.name).toBe('export')
    expect(queued?.data).toEqual({ exportId: job.id, generation: 1 })
    const audit = await t.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'export.created')
      .where('actor_id', '=', researcher.me.user.id)
      .execute()
    expect(audit.map((a) => a.detail)).toContainEqual({
      exportId: job.id,
      datasets: ['diary', 'codebook'],
      format: 'csv',
    })
  })

  it('the same request while it is queued is that job (200), also when asked at once, and once more after it is done', async () => {
    const body: CreateExportBody = { datasets: ['findings', 'codings'], format: 'jsonl', filters: {} }
    const answers = await Promise.all([1, 2, 3, 4].map(() => researcher.post(`${base()}/exports`, body)))
    const ids = new Set(answers.map((a) => a.json().id))
    expect(ids.size).toBe(1)
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 200, 200, 202])
    // the same datasets in another order, defaults spelled out: the same spec
    const again = await start(researcher, { ...body, datasets: ['codings', 'findings'], separator: ',' })
    expect(again).toMatchObject({ status: 200, job: { id: [...ids][0] } })
    // another member's same request is their own job
    const theirs = await start(owner, body)
    expect(theirs.status).toBe(202)
    expect(theirs.job.id).not.toBe(again.job.id)
    await run(again.job.id)
    expect((await get(researcher, again.job.id)).status).toBe('done')
    const next = await start(researcher, body)
    expect(next.status).toBe(202)
    expect(next.job.id).not.toBe(again.job.id)
    const created = await t.db
      .selectFrom('audit_log')
      .select(sql<string>`detail->>'exportId'`.as('id'))
      .where('action', '=', 'export.created')
      .execute()
    // one audit event per job, none for the repeats
    expect(created.filter((c) => c.id === again.job.id)).toHaveLength(1)
  })

  it('names and e-mail addresses only for roles that see them: a viewer gets 403 naming the field', async () => {
    const res = await viewer.post(`${base()}/exports`, {
      datasets: ['diary'],
      format: 'csv',
      includeContactDetails: true,
    })
    expect(res.statusCode).toBe(403)
    const err = ApiErrorSchema.parse(res.json())
    expect(err.details?.map((d) => d.path)).toEqual(['body.includeContactDetails'])
    expect((await start(viewer, { datasets: ['diary'], format: 'csv' })).status).toBe(202)
    expect((await start(researcher, { datasets: ['diary'], format: 'csv', includeContactDetails: true })).status).toBe(
      202,
    )
  })

  it("keeps the dashboard's filters: a segment-filtered export is answered, listed, run and asked again as the same job", async () => {
    const body: CreateExportBody = {
      datasets: ['responses-wide'],
      format: 'csv',
      filters: { segment: 'region:north', personaId: model.personaId, from: '2026-01-01' },
    }
    const { status, job } = await start(researcher, body)
    expect(status).toBe(202)
    expect(job.spec.filters).toEqual({
      segment: { key: 'region', value: 'north' },
      personaId: model.personaId,
      from: '2026-01-01',
    })
    expect((await start(researcher, body)).job.id).toBe(job.id)
    expect(ExportListSchema.parse((await researcher.get(`${base()}/exports`)).json()).items[0]?.id).toBe(job.id)
    await run(job.id)
    expect((await get(researcher, job.id)).status).toBe('done')
  })

  it('rejects a bad body in the error shape', async () => {
    for (const body of [
      { datasets: [], format: 'csv' },
      { datasets: ['diary'], format: 'sav' },
      { datasets: ['diary'], format: 'csv', separator: ',', decimal: ',' },
      { datasets: ['codings'], format: 'csv', includePhotos: true },
      { datasets: ['diary', 'diary'], format: 'csv' },
    ]) {
      const res = await researcher.post(`${base()}/exports`, body)
      expect(res.statusCode, JSON.stringify(body)).toBe(400)
      expect(ApiErrorSchema.parse(res.json()).details?.[0]?.path).toMatch(/^body/)
    }
  })
})

describe('who sees which export', () => {
  it("another organization's study, its export ids and downloads are 404; a member sees only their own exports", async () => {
    const { job } = await start(owner, { datasets: ['diary'], format: 'csv', includeContactDetails: true })
    await run(job.id)
    // another organization: the study, and this export through it
    for (const url of [`${base()}/exports`, `${base()}/exports/${job.id}`, `${base()}/exports/${job.id}/download`]) {
      const res = await stranger.get(url)
      expect(res.statusCode, url).toBe(404)
    }
    expect((await stranger.post(`${base()}/exports`, { datasets: ['diary'], format: 'csv' })).statusCode).toBe(404)
    expect((await stranger.delete(`${base()}/exports/${job.id}`)).statusCode).toBe(404)
    // the stranger's own study with the owner's export id: still 404
    const theirStudy = await makeStudyWithModel(
      t.db,
      (
        await t.db
          .selectFrom('membership')
          .select('organization_id')
          .where('account_id', '=', stranger.me.user.id)
          .executeTakeFirstOrThrow()
      ).organization_id,
    )
    const cross = await stranger.get(`${base(theirStudy.studyId)}/exports/${job.id}/download`)
    expect(cross.statusCode).toBe(404)
    expect(ApiErrorSchema.parse(cross.json()).code).toBe('EXPORT_NOT_FOUND')
    // a viewer of the same organization: not in their list, 404 by id and for the file
    const list = ExportListSchema.parse((await viewer.get(`${base()}/exports`)).json())
    expect(list.items.map((i) => i.id)).not.toContain(job.id)
    expect((await viewer.get(`${base()}/exports/${job.id}`)).statusCode).toBe(404)
    expect((await viewer.get(`${base()}/exports/${job.id}/download`)).statusCode).toBe(404)
    expect((await viewer.delete(`${base()}/exports/${job.id}`)).statusCode).toBe(404)
    // the owner's list: newest first, with their address
    const mine = ExportListSchema.parse((await owner.get(`${base()}/exports`)).json())
    expect(mine.items[0]).toMatchObject({ id: job.id, requestedBy: owner.me.user.email })
    const times = mine.items.map((i) => i.createdAt)
    expect([...times].sort().reverse()).toEqual(times)
  })
})

describe('the file', () => {
  it('is a 409 while queued or running, then downloads with its name and type, audited as export.downloaded', async () => {
    const { job } = await start(researcher, { datasets: ['codebook'], format: 'csv', separator: ';', decimal: ',' })
    const early = await researcher.get(`${base()}/exports/${job.id}/download`)
    expect(early.statusCode).toBe(409)
    expect(ApiErrorSchema.parse(early.json()).code).toBe('EXPORT_NOT_READY')
    await t.db.updateTable('export_job').set({ status: 'running' }).where('id', '=', job.id).execute()
    expect((await researcher.get(`${base()}/exports/${job.id}/download`)).statusCode).toBe(409)
    await run(job.id)
    const done = await get(researcher, job.id)
    expect(done).toMatchObject({ status: 'done', failure: null })
    expect(done.rowsDone).toBe(done.rowsTotal)
    expect(done.fileName).toMatch(/^klantreis-study-[a-z0-9-]+-\d{8}-\d{4}\.csv$/)
    expect(Date.parse(done.expiresAt!) - Date.parse(done.finishedAt!)).toBe(72 * 3600 * 1000)
    const res = await download(researcher, job.id)
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8')
    expect(res.headers['cache-control']).toBe('no-store')
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="${done.fileName}"; filename*=UTF-8''${done.fileName}`,
    )
    expect(res.rawPayload.length).toBe(done.fileBytes)
    expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]))
    const audit = await t.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'export.downloaded')
      .where('actor_id', '=', researcher.me.user.id)
      .execute()
    expect(audit.map((a) => a.detail)).toContainEqual({ what: 'codebook', format: 'csv', exportId: job.id })
  })

  it('with names is no longer handed to a member whose role lost them since (403); back in the role, it is', async () => {
    const m = await makeMember(t.db, orgId, 'researcher')
    const c = await login(t.app, m.email, m.password)
    const { job } = await start(c, { datasets: ['diary'], format: 'csv', includeContactDetails: true })
    await run(job.id)
    const role = (r: 'viewer' | 'researcher') =>
      t.db.updateTable('membership').set({ role: r }).where('account_id', '=', m.id).execute()
    await role('viewer')
    const refused = await c.get(`${base()}/exports/${job.id}/download`)
    expect(refused.statusCode).toBe(403)
    expect(ApiErrorSchema.parse(refused.json()).code).toBe('FORBIDDEN')
    await role('researcher')
    await download(c, job.id)
  })

  it('offers a name with the study title and an ASCII fallback beside the UTF-8 one', async () => {
    const s = await makeStudyWithModel(t.db, orgId)
    await t.db
      .updateTable('study')
      .set({ title: 'Klantreis "Café" — Zoë’s test' })
      .where('id', '=', s.studyId)
      .execute()
    const { job } = await start(researcher, { datasets: ['codebook'], format: 'jsonl' }, s.studyId)
    await run(job.id)
    const done = await get(researcher, job.id, s.studyId)
    expect(done.fileName).toMatch(/^klantreis-klantreis-cafe-zoe-s-test-\d{8}-\d{4}\.jsonl$/)
    const res = await download(researcher, job.id, s.studyId)
    expect(res.headers['content-type']).toBe('application/x-ndjson')
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="klantreis-[\x20-\x7e]+"; filename\*=UTF-8''/,
    )
  })

  it('after expiry is a 410 and the file is gone; the sweep also removes old orphans, not young .part files', async () => {
    const { job } = await start(researcher, { datasets: ['codebook'], format: 'xlsx' })
    await run(job.id)
    const r = (await row(job.id))!
    const file = path.join(exportsDir(), r.file_path!)
    await fs.access(file)
    // an old orphan (a crash's leftover), an old .part, a young .part of a run in progress
    const hourAgo = new Date(Date.now() - 2 * 3600 * 1000)
    await fs.writeFile(path.join(exportsDir(), 'orphan.csv'), 'x')
    await fs.utimes(path.join(exportsDir(), 'orphan.csv'), hourAgo, hourAgo)
    await fs.writeFile(path.join(exportsDir(), 'old.part'), 'x')
    await fs.utimes(path.join(exportsDir(), 'old.part'), hourAgo, hourAgo)
    await fs.writeFile(path.join(exportsDir(), 'young.part'), 'x')
    await t.db
      .updateTable('export_job')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('id', '=', job.id)
      .execute()
    const swept = await services.exports.sweep()
    expect(swept.expired).toBeGreaterThanOrEqual(1)
    expect(swept.orphans).toBe(2)
    const left = await files()
    expect(left).toContain('young.part')
    expect(left).not.toContain('orphan.csv')
    expect(left).not.toContain('old.part')
    expect(left).not.toContain(r.file_path)
    // every other finished export's file is still there
    const live = await t.db.selectFrom('export_job').select('file_path').where('status', '=', 'done').execute()
    for (const l of live) expect(left).toContain(l.file_path)
    expect((await get(researcher, job.id)).status).toBe('expired')
    const res = await researcher.get(`${base()}/exports/${job.id}/download`)
    expect(res.statusCode).toBe(410)
    expect(ApiErrorSchema.parse(res.json()).code).toBe('EXPORT_EXPIRED')
    await fs.rm(path.join(exportsDir(), 'young.part'))
  })

  it('DELETE removes the row and the file; a run of a deleted export leaves nothing', async () => {
    const { job } = await start(researcher, { datasets: ['codebook'], format: 'csv' })
    await run(job.id)
    const r = (await row(job.id))!
    expect(await files()).toContain(r.file_path)
    const res = await researcher.delete(`${base()}/exports/${job.id}`)
    expect(res.statusCode).toBe(204)
    expect(await files()).not.toContain(r.file_path)
    expect((await researcher.get(`${base()}/exports/${job.id}`)).statusCode).toBe(404)
    // deleted while queued: its job finds nothing to do
    const queued = await start(researcher, { datasets: ['codebook'], format: 'jsonl' })
    expect((await researcher.delete(`${base()}/exports/${queued.job.id}`)).statusCode).toBe(204)
    const before = await files()
    await services.exports.runExport(queued.job.id, 1)
    expect(await files()).toEqual(before)
  })

  it('deleting the study removes its export files', async () => {
    const s = {
      studyId: (
        await t.db
          .insertInto('study')
          .values({ organization_id: orgId, title: 'To be deleted' })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id,
    }
    const { job } = await start(owner, { datasets: ['codebook'], format: 'csv' }, s.studyId)
    await run(job.id)
    const r = (await row(job.id))!
    expect(await files()).toContain(r.file_path)
    const res = await owner.delete(base(s.studyId))
    expect(res.statusCode, res.body).toBe(204)
    expect(await row(job.id)).toBeUndefined()
    expect(await files()).not.toContain(r.file_path)
  })

  it('runs through the worker: the job on the work queue makes the file', async () => {
    const stop = await startTestWorkers(t)
    try {
      expect((await t.app.queues.work.getJobScheduler('export-sweep'))?.every).toBe(15 * 60 * 1000)
      const { job } = await start(researcher, { datasets: ['codebook', 'codings'], format: 'spss' })
      let seen = await get(researcher, job.id)
      while (seen.status === 'queued' || seen.status === 'running') {
        await new Promise((resolve) => setImmediate(resolve))
        seen = await get(researcher, job.id)
      }
      expect(seen.status).toBe('done')
      expect(seen.fileName).toMatch(/\.zip$/)
      expect((await download(researcher, job.id)).headers['content-type']).toBe('application/zip')
    } finally {
      await stop()
    }
  })
})

describe('progress', () => {
  it('a running export shows its total before its rows are all written', async () => {
    let release!: () => void
    const gate = new Promise<void>((resolve) => (release = resolve))
    const real = createDatasets(services as never)
    const held = createExportsService({
      db: t.db,
      studies: services.studies,
      datasets: {
        ...real,
        async tables(trx, scope, spec) {
          // the first table stops after its first row until the test has looked
          return (await real.tables(trx, scope, spec)).map((table, k) => ({
            ...table,
            rows: async function* () {
              let n = 0
              for await (const row of table.rows()) {
                yield row
                if (k === 0 && ++n === 1) await gate
              }
            },
          }))
        },
      },
      workQueue: t.app.queues.work,
      dataDir: t.dataDir,
      log: t.app.log,
    })
    const { job } = await start(owner, { datasets: ['diary', 'codebook'], format: 'csv' })
    const running = held.runExport(job.id, 1)
    let seen = await get(owner, job.id)
    while (seen.status !== 'running' || seen.rowsTotal === 0) {
      await new Promise((resolve) => setImmediate(resolve))
      seen = await get(owner, job.id)
    }
    expect(seen.rowsDone).toBeLessThan(seen.rowsTotal)
    expect(seen.fileName).toBeNull()
    expect((await owner.get(`${base()}/exports/${job.id}/download`)).statusCode).toBe(409)
    release()
    await running
    const done = await get(owner, job.id)
    expect(done).toMatchObject({ status: 'done', rowsTotal: seen.rowsTotal, rowsDone: seen.rowsTotal })
  })
})

describe('an erasure while an export is queued, running or done', () => {
  it('discards the file of the run in progress, expires or re-queues the others as a new generation', async () => {
    // a run held inside its snapshot until the erasure has committed
    let release!: () => void
    const gate = new Promise<void>((resolve) => (release = resolve))
    let entered!: () => void
    const inside = new Promise<void>((resolve) => (entered = resolve))
    const real = createDatasets(services as never)
    const gated = createExportsService({
      db: t.db,
      studies: services.studies,
      datasets: {
        ...real,
        async tables(trx, scope, spec) {
          const tables = await real.tables(trx, scope, spec)
          // the snapshot is taken by the first read
          await sql`select 1`.execute(trx)
          entered()
          await gate
          return tables
        },
      },
      workQueue: t.app.queues.work,
      dataDir: t.dataDir,
      log: t.app.log,
    })
    const s = await makeStudyWithModel(t.db, orgId)
    const done = await start(owner, { datasets: ['diary'], format: 'jsonl' }, s.studyId)
    await run(done.job.id)
    const doneFile = (await row(done.job.id))!.file_path!
    const who = pseudonym(s.participantId)
    expect(await fs.readFile(path.join(exportsDir(), doneFile), 'utf8')).toContain(who)
    const running = await start(owner, { datasets: ['diary'], format: 'csv' }, s.studyId)
    const queued = await start(owner, { datasets: ['codings'], format: 'csv' }, s.studyId)
    const inFlight = gated.runExport(running.job.id, 1)
    await inside
    expect((await row(running.job.id))!.status).toBe('running')

    const erased = await owner.delete(`${base(s.studyId)}/participants/${s.participantId}`)
    expect(erased.statusCode, erased.body).toBe(200)
    release()
    await inFlight
    // every export of the study: generation 2, queued again, no file; the old files gone
    for (const id of [done.job.id, running.job.id, queued.job.id]) {
      const r = (await row(id))!
      expect(r).toMatchObject({ generation: 2, status: 'queued', file_path: null, rows_done: 0 })
      expect((await t.app.queues.work.getJob(exportJobId(id, 2)))?.data).toEqual({ exportId: id, generation: 2 })
    }
    const left = await files()
    expect(left).not.toContain(doneFile)
    expect(left.filter((f) => f.startsWith(running.job.id))).toEqual([])
    // the old generation's job finds nothing to do; the new one makes the file
    await services.exports.runExport(queued.job.id, 1)
    expect((await row(queued.job.id))!.status).toBe('queued')
    for (const id of [done.job.id, running.job.id, queued.job.id]) {
      await run(id)
      const r = (await row(id))!
      expect(r.status).toBe('done')
      // the re-run's snapshot no longer holds them
      expect(await fs.readFile(path.join(exportsDir(), r.file_path!), 'utf8')).not.toContain(who)
    }
  })

  it('of two finished exports with the same spec only the newest runs again; one queued beside them wins', async () => {
    const s = await makeStudyWithModel(t.db, orgId)
    const second = await t.db
      .insertInto('participant')
      .values({ study_id: s.studyId, email: `p-${Date.now()}@example.com`, name: 'Sam' })
      .returning('id')
      .executeTakeFirstOrThrow()
    const body: CreateExportBody = { datasets: ['codebook'], format: 'csv' }
    const a = await start(owner, body, s.studyId)
    await run(a.job.id)
    const b = await start(owner, body, s.studyId)
    await run(b.job.id)
    const files0 = [(await row(a.job.id))!.file_path, (await row(b.job.id))!.file_path]
    const erase = async (participantId: string) => {
      const res = await owner.delete(`${base(s.studyId)}/participants/${participantId}`)
      expect(res.statusCode, res.body).toBe(200)
    }
    await erase(s.participantId)
    expect(await row(a.job.id)).toMatchObject({ status: 'expired', file_path: null })
    expect(await row(b.job.id)).toMatchObject({ status: 'queued', generation: 2 })
    for (const f of files0) expect(await files()).not.toContain(f)
    await run(b.job.id)
    const c = await start(owner, body, s.studyId)
    expect(c.status).toBe(202)
    await erase(second.id)
    expect((await row(b.job.id))!.status).toBe('expired')
    expect((await row(c.job.id))!.status).toBe('queued')
  })
})
