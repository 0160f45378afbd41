import { randomUUID } from 'node:crypto'
import {
  type CreateExportBody,
  CreateExportBodySchema,
  EXPORT_DATASETS,
  ExportJobSchema,
} from '@klantreis/shared/exports'
import { parse } from 'csv-parse/sync'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as XLSX from 'xlsx'
import { buildTestApp, type Client, signIn, type TestApp } from '../../../test/build-test-app.js'
import { makeOrganization } from '../../../test/factories.js'
import { unzip } from '../../../test/zip.js'
import { pseudonym } from '../../lib/pseudonym.js'
import { createServices, type Services } from '../../services.js'
import { createDatasets, type Datasets } from './exports.datasets.js'
import type { Cell, Column } from './exports.table.js'

// The files of an export opened with real parsers (csv-parse, SheetJS, yauzl) and every cell compared
// with the table the datasets give for the same spec, drained here in a snapshot of its own; the tables
// themselves are compared with the database in exports.datasets.int.test.ts, and the central columns
// (responses, diary) once more with the database below. Then formula injection over every text column.
let t: TestApp
let services: Services
let datasets: Datasets
let owner: Client
let viewer: Client
let orgId: string

const TRIGGERS = ['=', '+', '-', '@', '\t', '\r'] as const
const HARD = 'line one\nline two "quoted"; a, b 😀 👩‍👩‍👧'

beforeAll(async () => {
  t = await buildTestApp()
  services = createServices({ db: t.db, pool: t.app.pg.pool, queues: t.app.queues, config: t.config, log: t.app.log })
  datasets = createDatasets(services)
  orgId = (await makeOrganization(t.db)).id
  owner = await signIn(t, orgId, 'owner')
  viewer = await signIn(t, orgId, 'viewer')
})
afterAll(() => t?.close())

const q = (id: string, type: string, en: string, extra: object = {}) => ({
  id,
  type,
  required: false,
  text: { en, nl: en },
  ...extra,
})
const definition = (questions: object[]) =>
  JSON.stringify({ kind: 'survey', languages: ['en', 'nl'], pages: [{ id: 'p1', title: { en: 'P' }, questions }] })

/**
 * A study with every kind of text the export writes, each made by `x` (hard texts for the formats, a
 * formula start for the injection test): two questionnaire versions, complete, in-progress and
 * anonymous responses, diary moments with a photo, codes, codings, a finding with evidence.
 */
async function seedStudy(x: (s: string) => string) {
  const db = t.db
  const study = await db
    .insertInto('study')
    .values({ organization_id: orgId, title: x('Export study'), languages: ['en', 'nl'] })
    .returning('id')
    .executeTakeFirstOrThrow()
  const [s1] = await db
    .insertInto('stage')
    .values([{ study_id: study.id, name: x('Orientation'), position: 0 }])
    .returning('id')
    .execute()
  const [t1] = await db
    .insertInto('touchpoint')
    .values([{ study_id: study.id, stage_id: s1!.id, name: x('Website'), position: 0 }])
    .returning('id')
    .execute()
  const [pa] = await db
    .insertInto('persona')
    .values([{ study_id: study.id, name: x('Student'), position: 0 }])
    .returning('id')
    .execute()
  const participant = async (name: string) =>
    (
      await db
        .insertInto('participant')
        .values({
          study_id: study.id,
          name: x(name),
          email: x(`${name.toLowerCase()}-${randomUUID().slice(0, 6)}@example.com`),
          persona_id: pa!.id,
          segments: { region: x('north') },
          external_ref: x('CRM-1'),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id
  const A = await participant('Anna')
  const B = await participant('Bram')
  const C = await participant('Cor')
  const opt = (id: string, en: string) => ({ id, text: { en: x(en), nl: x(en) } })
  const V1 = [
    q('nps', 'nps', x('Recommend?')),
    q('sc', 'single_choice', x('Which?'), { options: [opt('a', 'Yes'), opt('b', 'No')] }),
    q('mc', 'multiple_choice', x('What else?'), { options: [opt('x', 'Ex'), opt('y', 'Why')], allowOther: true }),
    q('lt', 'long_text', x('Long?'), { maxLength: 2000 }),
    q('em', 'empathy_map', x('Map?'), { boxes: ['says', 'feels'], maxItemsPerBox: 5 }),
  ]
  const V2 = [...V1, q('new', 'short_text', x('Only in v2?'), { maxLength: 200 })]
  const survey = (
    await db
      .insertInto('survey')
      .values({ study_id: study.id, title: x('Survey'), draft: definition(V2), status: 'open' })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id
  await db
    .insertInto('survey_version')
    .values([
      { survey_id: survey, version: 1, definition: definition(V1) },
      { survey_id: survey, version: 2, definition: definition(V2) },
    ])
    .execute()
  const response = async (
    version: number,
    participantId: string | null,
    completed: boolean,
    answers: Record<string, unknown>,
  ) => {
    const id = randomUUID()
    await db
      .insertInto('survey_response')
      .values({
        id,
        survey_id: survey,
        version,
        participant_id: participantId,
        status: completed ? 'complete' : 'in_progress',
        started_at: new Date('2026-03-01T09:50:00.123Z'),
        completed_at: completed ? new Date('2026-03-01T10:00:00.456Z') : null,
      })
      .execute()
    for (const [question_id, value] of Object.entries(answers))
      await db
        .insertInto('survey_answer')
        .values({ response_id: id, question_id, value: JSON.stringify(value) })
        .execute()
    return id
  }
  const R1 = await response(1, A, true, {
    nps: 9,
    sc: 'a',
    mc: { selected: ['x'], other: x('Something else') },
    lt: x('The parcel was late.\nTwo days.'),
    em: {
      items: [
        { box: 'says', text: x('Where is it?'), valence: 'pain' },
        { box: 'feels', text: x('Annoyed'), valence: 'pain' },
      ],
    },
  })
  await response(2, B, true, { nps: 3, sc: 'b', mc: { selected: ['y'] }, new: x('only v2') })
  await response(2, C, false, { nps: 7, lt: x('still writing') })
  await response(2, null, true, { nps: 10, new: x('anonymous') })
  const photo = (
    await db
      .insertInto('photo')
      .values({ participant_id: A, content_type: 'image/png', bytes: Buffer.from('89504e470d0a1a0a00', 'hex') })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id
  const proposal = (
    await db
      .insertInto('proposed_touchpoint')
      .values({ study_id: study.id, description: x('The parcel locker') })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id
  const E1 = randomUUID()
  await db
    .insertInto('diary_entry')
    .values([
      {
        id: E1,
        study_id: study.id,
        participant_id: A,
        occurred_at: new Date('2026-03-01T12:00:00.789Z'),
        touchpoint_id: t1!.id,
        emotion: -2,
        valence: 'pain',
        channel: x('web'),
        text: x('Late again.'),
        photo_id: photo,
      },
      {
        id: randomUUID(),
        study_id: study.id,
        participant_id: B,
        occurred_at: new Date('2026-03-02T12:00:00Z'),
        proposal_id: proposal,
        text: x('At the locker'),
      },
    ])
    .execute()
  const code = (
    await db
      .insertInto('code')
      .values({ study_id: study.id, name: x('Waiting'), description: x('Waiting for things'), position: 0 })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id
  await db
    .insertInto('code')
    .values({ study_id: study.id, name: x('Child'), parent_id: code, position: 0, shortcut: 'c' })
    .execute()
  // the coder's name is a person's text too
  const coder = (
    await db
      .insertInto('account')
      .values({ email: `coder-${randomUUID()}@example.com`, name: x('Coder'), password_hash: 'x' })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id
  const sample = (
    await db
      .insertInto('coding_sample')
      .values({ study_id: study.id, name: x('Sample one'), share: 0.5, coder_ids: [coder, randomUUID()] })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id
  const coding = async (source: string, more: object, quote: string) => {
    const id = randomUUID()
    await db
      .insertInto('coding')
      .values({
        id,
        study_id: study.id,
        coder_id: coder,
        source,
        span_start: 0,
        span_end: 4,
        quote,
        touchpoint_id: t1!.id,
        valence: 'pain',
        sample_id: sample,
        ...more,
      })
      .execute()
    await db.insertInto('coding_code').values({ coding_id: id, code_id: code }).execute()
    return id
  }
  const C1 = await coding(`diary_entry:${E1}`, { entry_id: E1 }, x('Late'))
  await coding(`answer:${R1}:lt`, { response_id: R1, question_id: 'lt' }, x('The parcel'))
  const finding = (
    await db
      .insertInto('finding')
      .values({ study_id: study.id, statement: x('The website satisfies'), meta_inference: x('both agree') })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id
  await db.insertInto('finding_touchpoint').values({ finding_id: finding, touchpoint_id: t1!.id }).execute()
  await db.insertInto('finding_persona').values({ finding_id: finding, persona_id: pa!.id }).execute()
  await db.insertInto('finding_evidence').values({ finding_id: finding, coding_id: C1 }).execute()
  await db
    .insertInto('finding_operationalization')
    .values({
      finding_id: finding,
      survey_id: survey,
      question_id: 'nps',
      metric: 'mean',
      claim: JSON.stringify({ kind: 'level', threshold: 3, direction: 'at_least' }),
      sesoi: 0.5,
    })
    .execute()
  return { studyId: study.id, surveyId: survey }
}

type Ref = { name: string; columns: Column[]; rows: Cell[][] }

/** The tables of the spec, drained in a read-only repeatable-read snapshot as the job reads them. */
async function reference(
  studyId: string,
  body: CreateExportBody,
  contactDetails = body.includeContactDetails ?? false,
) {
  const spec = CreateExportBodySchema.parse(body)
  return t.db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      await sql`set transaction read only`.execute(trx)
      const out: Ref[] = []
      for (const table of await datasets.tables(trx, { organizationId: orgId, studyId, contactDetails }, spec)) {
        const rows: Cell[][] = []
        for await (const r of table.rows()) rows.push(r)
        out.push({ name: table.name, columns: table.columns, rows })
      }
      return out
    })
}

/** Start the export through HTTP, run its job, download the file. */
async function exported(c: Client, studyId: string, body: CreateExportBody) {
  const made = await c.post(`/api/v1/studies/${studyId}/exports`, body)
  expect(made.statusCode, made.body).toBe(202)
  const id = ExportJobSchema.parse(made.json()).id
  await services.exports.runExport(id, 1)
  const job = ExportJobSchema.parse((await c.get(`/api/v1/studies/${studyId}/exports/${id}`)).json())
  expect(job.status).toBe('done')
  expect(job.rowsDone).toBe(job.rowsTotal)
  const res = await c.get(`/api/v1/studies/${studyId}/exports/${id}/download`)
  expect(res.statusCode).toBe(200)
  return { job, file: res.rawPayload, type: res.headers['content-type'] }
}

const isNumeric = (type: Column['type']) => type === 'number' || type === 'integer'
const asIso = (cell: Cell) => new Date(cell as string | number).toISOString()

/** What a CSV cell must read as after csv-parse: the formula guard is the one ' before a formula start. */
function csvExpected(cell: Cell, type: Column['type'], decimal: '.' | ',', spss: boolean): string {
  if (cell === null) return ''
  if (typeof cell === 'boolean') return cell ? '1' : '0'
  if (type === 'datetime') return asIso(cell)
  if (type === 'date') return typeof cell === 'string' ? cell.slice(0, 10) : asIso(cell).slice(0, 10)
  if (typeof cell === 'number' || (isNumeric(type) && /^-?\d+(\.\d+)?$/.test(cell)))
    return decimal === ',' ? String(cell).replace('.', ',') : String(cell)
  const text = spss ? cell.replace(/\r\n|\r|\n/g, ' ') : cell
  return /^'*[=+\-@\t\r]/.test(text) ? `'${text}` : text
}

function expectCsv(buf: Buffer, ref: Ref, dialect: { separator: string; decimal: '.' | ',' }, spss = false) {
  expect(buf.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]))
  const rows = parse(buf, { bom: true, delimiter: dialect.separator, relax_column_count: false }) as string[][]
  expect(rows[0], ref.name).toEqual(ref.columns.map((c) => c.key))
  expect(rows.length - 1, ref.name).toBe(ref.rows.length)
  ref.rows.forEach((r, i) =>
    ref.columns.forEach((c, j) =>
      expect(rows[i + 1]![j], `${ref.name} row ${i} ${c.key}`).toBe(
        csvExpected(r[j] ?? null, c.type, dialect.decimal, spss),
      ),
    ),
  )
  return rows
}

function jsonExpected(cell: Cell, type: Column['type']): Cell {
  if (cell === null || typeof cell === 'boolean') return cell
  if (type === 'datetime') return asIso(cell)
  if (type === 'date') return typeof cell === 'string' ? cell.slice(0, 10) : asIso(cell).slice(0, 10)
  if (typeof cell === 'number') return cell
  if (isNumeric(type) && /^-?\d+(\.\d+)?$/.test(cell)) return Number(cell)
  return cell
}

function expectJsonl(buf: Buffer, ref: Ref) {
  const lines = buf.toString('utf8').split('\n')
  expect(lines.pop()).toBe('')
  expect(lines.length, ref.name).toBe(ref.rows.length)
  lines.forEach((line, i) => {
    const o = JSON.parse(line) as Record<string, Cell>
    expect(Object.keys(o)).toEqual(ref.columns.map((c) => c.key))
    ref.columns.forEach((c, j) =>
      expect(o[c.key], `${ref.name} row ${i} ${c.key}`).toEqual(jsonExpected(ref.rows[i]![j] ?? null, c.type)),
    )
  })
}

function xlsxExpected(cell: Cell, type: Column['type']): unknown {
  if (cell === null || cell === '') return undefined
  if (typeof cell === 'boolean') return cell ? 1 : 0
  if (type === 'datetime') return asIso(cell)
  if (type === 'date') return `${typeof cell === 'string' ? cell.slice(0, 10) : asIso(cell).slice(0, 10)}T00:00:00.000Z`
  if (typeof cell === 'number') return cell
  if (isNumeric(type) && /^-?\d+(\.\d+)?$/.test(cell)) return Number(cell)
  return cell
}

function expectXlsx(buf: Buffer, refs: Ref[]) {
  const wb = XLSX.read(buf, { type: 'buffer' })
  expect(wb.SheetNames).toHaveLength(refs.length)
  refs.forEach((ref, k) => {
    const sheet = wb.Sheets[wb.SheetNames[k]!]!
    const rows = XLSX.utils.sheet_to_json<unknown[]>(sheet, { header: 1, raw: true, defval: undefined })
    expect(rows[0], ref.name).toEqual(ref.columns.map((c) => c.key))
    expect(rows.length - 1, ref.name).toBe(ref.rows.length)
    ref.rows.forEach((r, i) =>
      ref.columns.forEach((c, j) => {
        const got = rows[i + 1]![j]
        const want = xlsxExpected(r[j] ?? null, c.type)
        // an empty text is an empty cell: XLSX keeps no difference
        if (want === undefined) expect([undefined, ''], `${ref.name} row ${i} ${c.key}`).toContain(got)
        // a date is a serial day number (days since 1899-12-30, UTC as written), read back within a millisecond
        else if ((c.type === 'datetime' || c.type === 'date') && typeof want === 'string') {
          expect(typeof got, `${ref.name} row ${i} ${c.key}`).toBe('number')
          const ms = ((got as number) - 25569) * 86_400_000
          expect(Math.abs(ms - Date.parse(want)), `${ref.name} row ${i} ${c.key}`).toBeLessThanOrEqual(1)
        } else expect(got, `${ref.name} row ${i} ${c.key}`).toEqual(want)
      }),
    )
  })
}

describe('the files hold every value of their tables', () => {
  let study: Awaited<ReturnType<typeof seedStudy>>
  beforeAll(async () => {
    study = await seedStudy((s) => `${s} ${HARD}`)
  })
  const ALL: CreateExportBody = { datasets: [...EXPORT_DATASETS], format: 'csv', includeContactDetails: true }

  for (const dialect of [
    { separator: ',', decimal: '.' },
    { separator: ';', decimal: ',' },
  ] as const)
    it(`CSV with '${dialect.separator}' and '${dialect.decimal}': every table of every dataset in a ZIP, README.txt beside them`, async () => {
      const body = { ...ALL, ...dialect }
      const { file, type, job } = await exported(owner, study.studyId, body)
      expect(type).toBe('application/zip')
      expect(job.fileName).toMatch(/\.zip$/)
      const files = await unzip(file)
      const refs = await reference(study.studyId, body)
      expect([...files.keys()].sort()).toEqual(['README.txt', ...refs.map((r) => `${r.name}.csv`)].sort())
      expect(files.get('README.txt')!.toString()).toContain(
        `separator '${dialect.separator}', decimal mark '${dialect.decimal}'`,
      )
      for (const ref of refs) expectCsv(files.get(`${ref.name}.csv`)!, ref, dialect)
      expect(job.rowsTotal).toBe(refs.reduce((n, r) => n + r.rows.length, 0))
    })

  it('CSV of one table is the .csv itself, and its responses are the database', async () => {
    const wide: CreateExportBody = { datasets: ['responses-wide'], format: 'csv', includeContactDetails: true }
    const { file, type } = await exported(owner, study.studyId, wide)
    expect(type).toBe('text/csv; charset=utf-8')
    const [ref] = await reference(study.studyId, wide)
    const rows = expectCsv(file, ref!, { separator: ',', decimal: '.' })
    // the central columns once more against the database: every complete response, its version, who
    const db = await t.db
      .selectFrom('survey_response as r')
      .leftJoin('participant as p', 'p.id', 'r.participant_id')
      .select(['r.id', 'r.version', 'r.status', 'r.participant_id', 'p.name', 'p.email'])
      .where('r.survey_id', '=', study.surveyId)
      .where('r.status', '=', 'complete')
      .execute()
    const header = rows[0]!
    const col = (k: string) => header.indexOf(k)
    expect(
      rows
        .slice(1)
        .map((r) => r[col('response_id')])
        .sort(),
    ).toEqual(db.map((r) => r.id).sort())
    for (const r of db) {
      const line = rows.find((x) => x[col('response_id')] === r.id)!
      expect(line[col('version')]).toBe(String(r.version))
      expect(line[col('status')]).toBe('complete')
      expect(line[col('pseudonym')]).toBe(r.participant_id ? pseudonym(r.participant_id) : '')
      expect(line[col('name')]).toBe(r.name ?? '')
      expect(line[col('email')]).toBe(r.email ?? '')
    }
    const answers = await t.db
      .selectFrom('survey_answer as a')
      .innerJoin('survey_response as r', 'r.id', 'a.response_id')
      .select(['a.response_id', 'a.question_id', 'a.value'])
      .where('r.survey_id', '=', study.surveyId)
      .where('r.status', '=', 'complete')
      .where('a.question_id', 'in', ['nps', 'lt', 'new'])
      .execute()
    expect(answers.length).toBeGreaterThanOrEqual(5)
    for (const a of answers) {
      const line = rows.find((x) => x[col('response_id')] === a.response_id)!
      expect(line[col(a.question_id)]).toBe(String(a.value))
    }
  })

  it('XLSX: one workbook, a sheet per table, every value (SheetJS)', async () => {
    const body: CreateExportBody = { ...ALL, format: 'xlsx' }
    const { file, type, job } = await exported(owner, study.studyId, body)
    expect(type).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    expect(job.fileName).toMatch(/\.xlsx$/)
    expectXlsx(file, await reference(study.studyId, body))
  })

  it('XLSX with photos: the workbook and the photos in a ZIP', async () => {
    const body: CreateExportBody = { datasets: ['diary'], format: 'xlsx', includePhotos: true }
    const files = await unzip((await exported(owner, study.studyId, body)).file)
    expectXlsx(files.get('export.xlsx')!, await reference(study.studyId, body))
    const photos = [...files.keys()].filter((f) => f.startsWith('photos/'))
    expect(photos).toHaveLength(1)
    const [ref] = await reference(study.studyId, body)
    const photoCol = ref!.columns.findIndex((c) => c.key === 'photo')
    expect(
      ref!.rows
        .map((r) => r[photoCol])
        .filter(Boolean)
        .map((p) => `photos/${String(p).replace(/^photos\//, '')}`),
    ).toEqual(photos)
    expect(files.get(photos[0]!)).toEqual(Buffer.from('89504e470d0a1a0a00', 'hex'))
  })

  it('JSON Lines: one table is the .jsonl itself, several a ZIP of them; every value exact', async () => {
    const one: CreateExportBody = { datasets: ['diary'], format: 'jsonl', includeContactDetails: true }
    const single = await exported(owner, study.studyId, one)
    expect(single.type).toBe('application/x-ndjson')
    expectJsonl(single.file, (await reference(study.studyId, one))[0]!)
    const all: CreateExportBody = { ...ALL, format: 'jsonl' }
    const files = await unzip((await exported(owner, study.studyId, all)).file)
    for (const ref of await reference(study.studyId, all)) expectJsonl(files.get(`${ref.name}.jsonl`)!, ref)
  })

  it('SPSS: each table a CSV (line breaks as spaces) and a syntax file that reads it', async () => {
    const body: CreateExportBody = { ...ALL, format: 'spss', separator: ';', decimal: ',' }
    const files = await unzip((await exported(owner, study.studyId, body)).file)
    for (const ref of await reference(study.studyId, body)) {
      expectCsv(files.get(`${ref.name}.csv`)!, ref, { separator: ';', decimal: ',' }, true)
      const sps = files.get(`${ref.name}.sps`)!.toString('utf8')
      expect(sps).toContain(`${ref.name}.csv`)
    }
    expect(files.get('README.txt')!.toString()).toContain('SPSS')
  })

  it('leaves responses in progress out by default and includes them with their state when asked', async () => {
    const out: CreateExportBody = { datasets: ['responses-wide'], format: 'csv' }
    const rowsOut = expectCsv(
      (await exported(owner, study.studyId, out)).file,
      (await reference(study.studyId, out))[0]!,
      {
        separator: ',',
        decimal: '.',
      },
    )
    const status = rowsOut[0]!.indexOf('status')
    expect(rowsOut.slice(1).map((r) => r[status])).toEqual(['complete', 'complete', 'complete'])
    const withThem: CreateExportBody = { ...out, includeInProgress: true }
    const rowsIn = expectCsv(
      (await exported(owner, study.studyId, withThem)).file,
      (await reference(study.studyId, withThem))[0]!,
      { separator: ',', decimal: '.' },
    )
    expect(
      rowsIn
        .slice(1)
        .map((r) => r[status])
        .sort(),
    ).toEqual(['complete', 'complete', 'complete', 'in_progress'])
  })

  it("a viewer's file holds no name or e-mail address", async () => {
    const body: CreateExportBody = { datasets: [...EXPORT_DATASETS], format: 'jsonl' }
    const files = await unzip((await exported(viewer, study.studyId, body)).file)
    const people = await t.db
      .selectFrom('participant')
      .select(['name', 'email'])
      .where('study_id', '=', study.studyId)
      .execute()
    for (const [name, buf] of files) {
      const text = buf.toString('utf8')
      for (const p of people) {
        expect(text.includes(JSON.stringify(p.name!).slice(1, -1)), `${name} holds ${p.name}`).toBe(false)
        expect(text.includes(p.email), `${name} holds ${p.email}`).toBe(false)
      }
      expect(text).not.toMatch(/"(email|crm_reference)":/)
    }
  })

  it('a study with no responses gives a header-only file', async () => {
    const empty = await t.db
      .insertInto('study')
      .values({ organization_id: orgId, title: 'Nobody answered' })
      .returning('id')
      .executeTakeFirstOrThrow()
    const body: CreateExportBody = { datasets: ['responses-wide'], format: 'csv' }
    const { file, job } = await exported(owner, empty.id, body)
    expect(job.rowsTotal).toBe(0)
    const rows = parse(file, { bom: true }) as string[][]
    expect(rows).toHaveLength(1)
    expect(rows[0]).toContain('response_id')
  })
})

describe('formula injection', () => {
  it('every text cell of every table is guarded, and every text column carried a dangerous value', async () => {
    let n = 0
    const study = await seedStudy((s) => `${TRIGGERS[n++ % TRIGGERS.length]}${s}`)
    const body: CreateExportBody = { datasets: [...EXPORT_DATASETS], format: 'csv', includeContactDetails: true }
    const files = await unzip((await exported(owner, study.studyId, body)).file)
    const refs = await reference(study.studyId, body)
    // columns that only ever hold our own ids, enumerations or numbers written as text: nothing a person typed
    const OURS = new Set([
      'response_id',
      'pseudonym',
      'survey_id',
      'status',
      'entry_id',
      'coding_id',
      'source_type',
      'source_id',
      'finding_id',
      'measure_id',
      'question_id',
      'question_type',
      'valence',
      'box',
      // '#rrggbb' as the API validates it, and one letter or digit (a check in migrations/0006)
      'colour',
      'shortcut',
      'fit',
      'metric',
      'claim',
      'verdict',
      'reason',
      'design',
      'test',
      'effect_size',
      'touchpoint_id',
      'quadrant',
      'photo',
      // the chosen option's id from the questionnaire's definition (its text is the label column)
      'option',
    ])
    const untested: string[] = []
    const guardedColumns: string[] = []
    for (const ref of refs) {
      const rows = parse(files.get(`${ref.name}.csv`)!, { bom: true }) as string[][]
      ref.columns.forEach((c, j) => {
        if (c.type !== 'text') return
        const cells = rows.slice(1).map((r) => r[j]!)
        for (const cell of cells)
          expect(cell, `${ref.name}.${c.key}: ${JSON.stringify(cell)}`).not.toMatch(/^[=+\-@\t\r]/)
        const guarded = cells.some((cell) => /^'[=+\-@\t\r]/.test(cell))
        // a column with value labels holds codes (an option's id); its text is the _label column beside it
        if (guarded) guardedColumns.push(`${ref.name}.${c.key}`)
        else if (!OURS.has(c.key) && !c.valueLabels) untested.push(`${ref.name}.${c.key}`)
      })
    }
    expect(untested).toEqual([])
    // names, e-mail addresses, segments, persona, stage, touchpoint, survey, questions, options, answers,
    // empathy items, diary text and channel, proposals, codes, quotes, coder, sample, findings…
    expect(guardedColumns.length).toBeGreaterThan(40)
  })
})
