import { randomUUID } from 'node:crypto'
import { type CreateExportBody, CreateExportBodySchema } from '@klantreis/shared/exports'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../../../test/build-test-app.js'
import { makeMember, makeOrganization } from '../../../test/factories.js'
import type { Analyst } from '../../lib/actors.js'
import { pseudonym } from '../../lib/pseudonym.js'
import { createServices, type Services } from '../../services.js'
import { createDatasets, type Datasets, type ExportScope, type Photo } from './exports.datasets.js'
import type { Cell, ExportTable } from './exports.table.js'

/**
 * The export datasets against a study built row by row: two questionnaire versions (a question only
 * in the second), every question type, complete, in-progress and anonymous responses, personas and
 * segments, diary moments with photos (one deleted), codings by two coders (agreeing and not), a
 * finding with a measure. Every value of every table is compared with what the database holds, read
 * here with queries of its own.
 */

let t: TestApp
let services: Services
let datasets: Datasets
let analyst: Analyst
const ids = {} as Record<string, string>

type Row = Record<string, Cell>
type Drained = { name: string; keys: string[]; count: number; rows: Row[] }

/** Every table of the spec, drained inside a repeatable-read, read-only transaction as the job runs it. */
async function run(body: Partial<CreateExportBody>, studyId = ids.study!, contactDetails = false) {
  const spec = CreateExportBodySchema.parse({ format: 'csv', datasets: ['responses-wide'], ...body })
  const scope: ExportScope = { organizationId: ids.org!, studyId, contactDetails }
  return t.db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      await sql`set transaction read only`.execute(trx)
      const tables: ExportTable[] = await datasets.tables(trx, scope, spec)
      const out: Drained[] = []
      for (const table of tables) {
        const rows: Row[] = []
        for await (const cells of table.rows()) {
          expect(cells).toHaveLength(table.columns.length)
          rows.push(Object.fromEntries(table.columns.map((c, i) => [c.key, cells[i]!])))
        }
        expect(new Set(table.columns.map((c) => c.key)).size).toBe(table.columns.length)
        expect(table.name.length).toBeLessThanOrEqual(31)
        out.push({ name: table.name, keys: table.columns.map((c) => c.key), count: table.count, rows })
      }
      const photos: Photo[] = []
      if (spec.includePhotos) for await (const p of datasets.photos(trx, scope, spec)) photos.push(p)
      const photoCount = spec.includePhotos ? await datasets.photoCount(trx, scope, spec) : 0
      return { tables: out, photos, photoCount, tablesOf: tables }
    })
}
const only = (r: { tables: Drained[] }, name: string) => {
  const found = r.tables.find((x) => x.name === name)
  if (!found) throw new Error(`no table ${name} in ${r.tables.map((x) => x.name).join(', ')}`)
  expect(found.count).toBe(found.rows.length)
  return found
}

const iso = (d: Date | null) => (d ? d.toISOString() : null)
const q = (id: string, type: string, en: string, extra: object = {}) => ({
  id,
  type,
  required: false,
  text: { en, nl: `${en} (nl)` },
  ...extra,
})
const opt = (id: string, en: string) => ({ id, text: { en, nl: `${en} (nl)` } })
const V1 = [
  q('nps', 'nps', 'Recommend?'),
  q('csat', 'csat', 'Satisfied with the website?'),
  q('ces', 'ces', 'Effort?'),
  q('lik', 'likert', 'Agree?', { points: 5, anchors: { low: { en: 'Disagree' }, high: { en: 'Agree' } } }),
  q('rat', 'rating', 'Stars?', { max: 5 }),
  q('emo', 'emotion', 'Feeling?'),
  q('sc', 'single_choice', 'Which?', { options: [opt('a', 'Yes'), opt('b', 'No')] }),
  q('mc', 'multiple_choice', 'What else?', { options: [opt('x', 'Ex'), opt('y', 'Why')], allowOther: true }),
  q('st', 'short_text', 'Short?', { maxLength: 200 }),
  q('lt', 'long_text', 'Long?', { maxLength: 2000 }),
  q('em', 'empathy_map', 'Map?', { boxes: ['says', 'feels'], maxItemsPerBox: 5 }),
]
const V2 = [
  ...V1.map((x) => (x.id === 'sc' ? { ...x, options: [opt('a', 'Yes'), opt('b', 'No'), opt('c', 'Maybe')] } : x)),
  q('new', 'short_text', 'Only in v2?', { maxLength: 200 }),
]
const definition = (questions: object[]) =>
  JSON.stringify({ kind: 'survey', languages: ['en', 'nl'], pages: [{ id: 'p1', title: { en: 'P' }, questions }] })
const HARD = '=1+1\n"quoted"; x, 😀'
const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex')
const jpeg = Buffer.from('ffd8ffe000104a46494600010100000100010000ffd9', 'hex')

beforeAll(async () => {
  t = await buildTestApp()
  services = createServices({ db: t.db, pool: t.app.pg.pool, queues: t.app.queues, config: t.config, log: t.app.log })
  datasets = createDatasets(services)
  const db = t.db
  const org = await makeOrganization(db)
  ids.org = org.id
  const x = await makeMember(db, org.id, 'researcher')
  const y = await db
    .insertInto('account')
    .values({ email: `y-${randomUUID()}@example.com`, name: '', password_hash: 'x' })
    .returning(['id', 'email'])
    .executeTakeFirstOrThrow()
  ids.coderX = x.id
  ids.coderY = y.id
  analyst = {
    accountId: x.id,
    email: x.email,
    name: x.name,
    language: 'en',
    organizationId: org.id,
    role: 'owner',
    studyIds: null,
    sessionId: 'test',
  } as Analyst
  const study = await db
    .insertInto('study')
    .values({ organization_id: org.id, title: 'Export study', languages: ['en', 'nl'] })
    .returning('id')
    .executeTakeFirstOrThrow()
  ids.study = study.id
  const empty = await db
    .insertInto('study')
    .values({ organization_id: org.id, title: 'Empty study' })
    .returning('id')
    .executeTakeFirstOrThrow()
  ids.empty = empty.id
  const [s1, s2] = await db
    .insertInto('stage')
    .values([
      { study_id: study.id, name: 'Orientation', position: 0 },
      { study_id: study.id, name: 'Purchase', position: 1 },
    ])
    .returning('id')
    .execute()
  const [t1, t2] = await db
    .insertInto('touchpoint')
    .values([
      { study_id: study.id, stage_id: s1!.id, name: 'Website', position: 0 },
      { study_id: study.id, stage_id: s2!.id, name: 'Shop', position: 0 },
    ])
    .returning('id')
    .execute()
  ids.t1 = t1!.id
  ids.t2 = t2!.id
  const [pa, pb] = await db
    .insertInto('persona')
    .values([
      { study_id: study.id, name: 'Student', position: 0 },
      { study_id: study.id, name: 'Parent', position: 1 },
    ])
    .returning('id')
    .execute()
  ids.pa = pa!.id
  ids.pb = pb!.id
  const participant = (name: string, persona: string, segments: Record<string, string>, ref = '') =>
    db
      .insertInto('participant')
      .values({
        study_id: study.id,
        name,
        email: `${name.toLowerCase().replace(/\W/g, '')}@example.com`,
        persona_id: persona,
        segments,
        external_ref: ref,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
      .then((r) => r.id)
  ids.A = await participant('Anna Jansen', pa!.id, { region: 'north', plan: 'basic' }, 'CRM-1')
  ids.B = await participant('Bram de Vries', pb!.id, { region: 'south' })
  ids.C = await participant('Cor Smit', pa!.id, { region: 'north' })

  const survey = (title: string) =>
    db
      .insertInto('survey')
      .values({ study_id: study.id, title, draft: definition(V2), status: 'open' })
      .returning('id')
      .executeTakeFirstOrThrow()
      .then((r) => r.id)
  ids.survey1 = await survey('Klanttevredenheid Q1 2026: wave één!')
  ids.survey2 = await survey('Follow-up')
  await db
    .insertInto('survey_version')
    .values([
      { survey_id: ids.survey1, version: 1, definition: definition(V1) },
      { survey_id: ids.survey1, version: 2, definition: definition(V2) },
      { survey_id: ids.survey2, version: 1, definition: definition([q('fu', 'csat', 'Again?')]) },
    ])
    .execute()
  await db
    .insertInto('survey')
    .values({ study_id: empty.id, title: 'Nobody answered', draft: definition(V1), status: 'open' })
    .returning('id')
    .executeTakeFirstOrThrow()
    .then((r) =>
      db
        .insertInto('survey_version')
        .values({ survey_id: r.id, version: 1, definition: definition(V1) })
        .execute(),
    )

  const response = async (
    key: string,
    r: { survey: string; version: number; participant: string | null; started: string; completed: string | null },
    answers: Record<string, unknown>,
  ) => {
    ids[key] = randomUUID()
    await db
      .insertInto('survey_response')
      .values({
        id: ids[key]!,
        survey_id: r.survey,
        version: r.version,
        participant_id: r.participant,
        status: r.completed ? 'complete' : 'in_progress',
        started_at: new Date(r.started),
        completed_at: r.completed ? new Date(r.completed) : null,
      })
      .execute()
    for (const [question_id, value] of Object.entries(answers))
      await db
        .insertInto('survey_answer')
        .values({ response_id: ids[key]!, question_id, value: JSON.stringify(value) })
        .execute()
  }
  await response(
    'R1',
    {
      survey: ids.survey1,
      version: 1,
      participant: ids.A,
      started: '2026-03-01T09:50:00Z',
      completed: '2026-03-01T10:00:00Z',
    },
    {
      nps: 9,
      csat: 4,
      ces: 2,
      lik: 5,
      rat: 3,
      emo: -2,
      sc: 'a',
      mc: { selected: ['x', 'y'], other: 'Something else' },
      st: 'short',
      lt: 'The parcel was late.\nTwo days.',
      em: {
        items: [
          { box: 'says', text: 'Where is it?', valence: 'pain' },
          { box: 'feels', text: 'Annoyed', valence: 'pain' },
          { box: 'says', text: 'Thanks', valence: 'gain' },
        ],
      },
    },
  )
  await response(
    'R2',
    {
      survey: ids.survey1,
      version: 2,
      participant: ids.B,
      started: '2026-03-05T23:00:00Z',
      completed: '2026-03-05T23:30:00Z',
    },
    {
      nps: 3,
      csat: 2,
      sc: 'c',
      mc: { selected: ['y'] },
      new: 'only v2',
      em: { items: [{ box: 'feels', text: 'Happy', valence: 'gain' }] },
    },
  )
  await response(
    'R3',
    { survey: ids.survey1, version: 2, participant: ids.C, started: '2026-03-10T08:00:00Z', completed: null },
    { nps: 7, st: 'still writing' },
  )
  await response(
    'R4',
    {
      survey: ids.survey1,
      version: 2,
      participant: null,
      started: '2026-03-06T10:00:00Z',
      completed: '2026-03-06T10:05:00Z',
    },
    { nps: 10, st: HARD, mc: { selected: [] } },
  )
  await response(
    'R5',
    {
      survey: ids.survey2,
      version: 1,
      participant: ids.A,
      started: '2026-03-02T08:00:00Z',
      completed: '2026-03-02T08:01:00Z',
    },
    { fu: 5 },
  )

  const photo = (participant: string, type: string, bytes: Buffer) =>
    db
      .insertInto('photo')
      .values({ participant_id: participant, content_type: type, bytes })
      .returning('id')
      .executeTakeFirstOrThrow()
      .then((r) => r.id)
  const proposal = await db
    .insertInto('proposed_touchpoint')
    .values({ study_id: study.id, description: 'The parcel locker' })
    .returning('id')
    .executeTakeFirstOrThrow()
  const entry = async (key: string, e: Record<string, unknown>) => {
    ids[key] = randomUUID()
    await db
      .insertInto('diary_entry')
      .values({ id: ids[key]!, study_id: study.id, ...(e as { participant_id: string; occurred_at: Date }) })
      .execute()
  }
  await entry('E1', {
    participant_id: ids.A,
    occurred_at: new Date('2026-03-01T12:00:00Z'),
    touchpoint_id: t1!.id,
    emotion: -2,
    valence: 'pain',
    channel: 'web',
    text: `Late again. ${HARD}`,
    photo_id: await photo(ids.A, 'image/png', png),
  })
  await entry('E2', {
    participant_id: ids.B,
    occurred_at: new Date('2026-03-07T09:00:00Z'),
    proposal_id: proposal.id,
    text: 'At the locker',
  })
  await entry('E3', {
    participant_id: ids.A,
    occurred_at: new Date('2026-03-02T09:00:00Z'),
    text: 'deleted',
    deleted_at: new Date(),
  })
  await entry('E4', {
    participant_id: ids.C,
    occurred_at: new Date('2026-03-11T09:00:00Z'),
    touchpoint_id: t2!.id,
    emotion: 3,
    valence: 'gain',
    text: 'Nice shop',
    photo_id: await photo(ids.C, 'image/jpeg', jpeg),
  })

  const [k1, k2] = await db
    .insertInto('code')
    .values([
      { study_id: study.id, name: 'Waiting', position: 0 },
      { study_id: study.id, name: 'Price', position: 1, shortcut: 'p' },
    ])
    .returning('id')
    .execute()
  await db.insertInto('code').values({ study_id: study.id, name: '=1+1', parent_id: k1!.id, position: 0 }).execute()
  const sample = await db
    .insertInto('coding_sample')
    .values({ study_id: study.id, name: 'Sample one', share: 0.5, coder_ids: [x.id, y.id] })
    .returning('id')
    .executeTakeFirstOrThrow()
  const coding = async (
    key: string,
    c: { coder: string; source: string; entry?: string; response?: string; question?: string; item?: number },
    span: [number, number],
    codes: string[],
    more: { touchpoint?: string; valence?: string; sample?: string } = {},
  ) => {
    ids[key] = randomUUID()
    await db
      .insertInto('coding')
      .values({
        id: ids[key]!,
        study_id: study.id,
        coder_id: c.coder,
        source: c.source,
        entry_id: c.entry ?? null,
        response_id: c.response ?? null,
        question_id: c.question ?? null,
        item_index: c.item ?? null,
        span_start: span[0],
        span_end: span[1],
        quote: `quote ${key}`,
        touchpoint_id: more.touchpoint ?? null,
        valence: more.valence ?? null,
        sample_id: more.sample ?? null,
      })
      .execute()
    for (const code_id of codes) await db.insertInto('coding_code').values({ coding_id: ids[key]!, code_id }).execute()
  }
  const onE1 = { source: `diary_entry:${ids.E1}`, entry: ids.E1 }
  const onR1 = { source: `answer:${ids.R1}:lt`, response: ids.R1, question: 'lt' }
  await coding('C1', { coder: x.id, ...onE1 }, [0, 10], [k1!.id], {
    touchpoint: t1!.id,
    valence: 'pain',
    sample: sample.id,
  })
  await coding('C2', { coder: y.id, ...onE1 }, [5, 15], [k1!.id], {
    touchpoint: t1!.id,
    valence: 'pain',
    sample: sample.id,
  })
  await coding('C3', { coder: x.id, ...onR1 }, [0, 5], [k2!.id], { touchpoint: t1!.id, valence: 'gain' })
  await coding('C4', { coder: y.id, ...onR1 }, [0, 5], [k1!.id], { touchpoint: t1!.id, valence: 'gain' })
  await coding('C5', { coder: x.id, source: `diary_entry:${ids.E2}`, entry: ids.E2 }, [0, 3], [])
  await coding(
    'C6',
    { coder: x.id, source: `empathy_item:${ids.R2}:em:0`, response: ids.R2, question: 'em', item: 0 },
    [0, 5],
    [k2!.id, k1!.id],
    { touchpoint: t2!.id, valence: 'gain' },
  )
  await coding('C7', { coder: x.id, source: `answer:${ids.R3}:st`, response: ids.R3, question: 'st' }, [0, 5], [k1!.id])

  const finding = await db
    .insertInto('finding')
    .values({ study_id: study.id, statement: 'The website satisfies', meta_inference: 'both agree' })
    .returning('id')
    .executeTakeFirstOrThrow()
  ids.finding = finding.id
  await db.insertInto('finding_touchpoint').values({ finding_id: finding.id, touchpoint_id: t1!.id }).execute()
  await db.insertInto('finding_persona').values({ finding_id: finding.id, persona_id: pa!.id }).execute()
  await db.insertInto('finding_evidence').values({ finding_id: finding.id, coding_id: ids.C1! }).execute()
  await db
    .insertInto('finding_operationalization')
    .values({
      finding_id: finding.id,
      survey_id: ids.survey1,
      question_id: 'csat',
      metric: 'mean',
      claim: JSON.stringify({ kind: 'level', threshold: 3, direction: 'at_least' }),
      sesoi: 0.5,
    })
    .execute()
  await db.insertInto('finding').values({ study_id: study.id, statement: 'No measure yet' }).execute()
})
afterAll(() => t?.close())

// ---------- what the database holds, read independently ----------

const dbResponses = (surveyId: string, inProgress: boolean) =>
  sql<{
    id: string
    participant_id: string | null
    survey_id: string
    version: number
    status: string
    started_at: Date
    completed_at: Date | null
    persona: string | null
    segments: Record<string, string> | null
    name: string | null
    email: string | null
    external_ref: string | null
  }>`select r.*, pe.name as persona, p.segments, p.name, p.email, p.external_ref
     from survey_response r left join participant p on p.id = r.participant_id left join persona pe on pe.id = p.persona_id
     where r.survey_id = ${surveyId}::uuid ${inProgress ? sql`` : sql`and r.status = 'complete'`}
     order by r.started_at, r.id`
    .execute(t.db)
    .then((r) => r.rows)
const dbAnswers = (responseId: string) =>
  t.db
    .selectFrom('survey_answer')
    .select(['question_id', 'value', 'answered_at'])
    .where('response_id', '=', responseId)
    .orderBy('question_id')
    .execute()

const SC_LABEL: Record<string, string> = { a: 'Yes', b: 'No', c: 'Maybe' }
type Mc = { selected: string[]; other?: string }
type Em = { items: { box: string; text: string }[] }

async function expectedWide(inProgress: boolean, contact: boolean) {
  const out: Row[] = []
  for (const r of await dbResponses(ids.survey1!, inProgress)) {
    const a = Object.fromEntries((await dbAnswers(r.id)).map((x) => [x.question_id, x.value])) as Record<
      string,
      unknown
    >
    const mc = a.mc as Mc | undefined
    const em = a.em as Em | undefined
    const box = (b: string) =>
      em
        ? em.items
            .filter((i) => i.box === b)
            .map((i) => i.text)
            .join('\n') || null
        : null
    out.push({
      response_id: r.id,
      pseudonym: r.participant_id ? pseudonym(r.participant_id) : null,
      ...(contact ? { name: r.name, email: r.email, crm_reference: r.external_ref || null } : {}),
      survey_id: r.survey_id,
      version: r.version,
      status: r.status,
      started_at: iso(r.started_at),
      completed_at: iso(r.completed_at),
      persona: r.persona,
      segment_plan: r.segments?.plan ?? null,
      segment_region: r.segments?.region ?? null,
      nps: (a.nps as number) ?? null,
      csat: (a.csat as number) ?? null,
      ces: (a.ces as number) ?? null,
      lik: (a.lik as number) ?? null,
      rat: (a.rat as number) ?? null,
      emo: (a.emo as number) ?? null,
      sc: (a.sc as string) ?? null,
      sc_label: a.sc ? SC_LABEL[a.sc as string]! : null,
      mc_x: mc ? Number(mc.selected.includes('x')) : null,
      mc_y: mc ? Number(mc.selected.includes('y')) : null,
      mc_other: mc?.other ?? null,
      st: (a.st as string) ?? null,
      lt: (a.lt as string) ?? null,
      em_says: box('says'),
      em_feels: box('feels'),
      new: (a.new as string) ?? null,
    })
  }
  return out
}

describe('responses-wide', () => {
  it('one table per survey, a column per question of every version, every value as the database holds it', async () => {
    const r = await run({ datasets: ['responses-wide'] })
    expect(r.tables.map((x) => x.name)).toEqual(['responses-klanttevredenheid-q1', 'responses-follow-up'])
    const wide = only(r, 'responses-klanttevredenheid-q1')
    const expected = await expectedWide(false, false)
    expect(wide.keys).toEqual(Object.keys(expected[0]!))
    expect(wide.rows).toEqual(expected)
    expect(wide.rows.map((x) => x.response_id)).toEqual([ids.R1, ids.R2, ids.R4])
    // the anonymous response: no pseudonym, persona or segments
    expect(wide.rows[2]).toMatchObject({ pseudonym: null, persona: null, segment_region: null, st: HARD })
    // the question only in v2 is empty for the v1 row
    expect(wide.rows[0]!.new).toBeNull()
    expect(wide.rows[1]!.new).toBe('only v2')
    const followUp = only(r, 'responses-follow-up')
    expect(followUp.rows).toEqual([expect.objectContaining({ response_id: ids.R5, fu: 5, persona: 'Student' })])

    const columns = r.tablesOf[0]!.columns
    expect(columns.find((c) => c.key === 'sc')?.valueLabels).toEqual([
      { value: 'a', label: 'Yes' },
      { value: 'b', label: 'No' },
      { value: 'c', label: 'Maybe' },
    ])
    expect(columns.find((c) => c.key === 'lik')?.valueLabels).toEqual([
      { value: 1, label: 'Disagree' },
      { value: 5, label: 'Agree' },
    ])
    expect(columns.find((c) => c.key === 'nps')).toMatchObject({ type: 'integer', label: 'Recommend?' })
  })

  it('in-progress responses only when asked, with their status; contact details only when allowed', async () => {
    const r = await run({ datasets: ['responses-wide'], includeInProgress: true }, ids.study, true)
    const wide = only(r, 'responses-klanttevredenheid-q1')
    expect(wide.rows).toEqual(await expectedWide(true, true))
    expect(wide.rows.find((x) => x.response_id === ids.R3)).toMatchObject({ status: 'in_progress', completed_at: null })
    expect(wide.rows[0]).toMatchObject({ name: 'Anna Jansen', email: 'annajansen@example.com', crm_reference: 'CRM-1' })
  })

  it('filters: persona, segment, period (UTC day), wave', async () => {
    const ofWide = async (filters: CreateExportBody['filters']) =>
      (await run({ datasets: ['responses-wide'], filters })).tables.map((x) => [
        x.name,
        x.rows.map((r) => r.response_id),
      ])
    expect(await ofWide({ personaId: ids.pa })).toEqual([
      ['responses-klanttevredenheid-q1', [ids.R1]],
      ['responses-follow-up', [ids.R5]],
    ])
    expect(await ofWide({ segment: 'region:south' as never })).toEqual([
      ['responses-klanttevredenheid-q1', [ids.R2]],
      ['responses-follow-up', []],
    ])
    expect(await ofWide({ from: '2026-03-05', to: '2026-03-06' })).toEqual([
      ['responses-klanttevredenheid-q1', [ids.R2, ids.R4]],
      ['responses-follow-up', []],
    ])
    expect(await ofWide({ surveyId: ids.survey2 })).toEqual([['responses-follow-up', [ids.R5]]])
  })

  it('a study with no responses: each survey a header and no rows; no survey at all, the header only', async () => {
    const r = await run({ datasets: ['responses-wide', 'responses-long', 'diary', 'codings', 'codebook'] }, ids.empty)
    expect(r.tables.map((x) => [x.name, x.count, x.rows.length])).toEqual([
      ['responses-nobody-answered', 0, 0],
      ['responses-long', 0, 0],
      ['diary', 0, 0],
      ['codings', 0, 0],
      ['codebook', 0, 0],
    ])
    expect(r.tables[0]!.keys).toContain('lik')
    const none = await run({ datasets: ['responses-wide'], filters: { surveyId: randomUUID() } }, ids.empty)
    expect(none.tables.map((x) => [x.name, x.count, x.keys.slice(0, 2)])).toEqual([
      ['responses-wide', 0, ['response_id', 'pseudonym']],
    ])
  })
})

describe('responses-long', () => {
  it('one row per answer, option chosen and empathy item, as the database holds them', async () => {
    const r = await run({ datasets: ['responses-long'] })
    const long = only(r, 'responses-long')
    const expected: Row[] = []
    for (const surveyId of [ids.survey1!, ids.survey2!])
      for (const resp of await dbResponses(surveyId, false))
        for (const a of await dbAnswers(resp.id)) {
          const questions = surveyId === ids.survey2 ? [q('fu', 'csat', 'Again?')] : resp.version === 1 ? V1 : V2
          const qq = questions.find((x) => x.id === a.question_id)! as { text: { en: string }; type: string }
          const base: Row = {
            response_id: resp.id,
            pseudonym: resp.participant_id ? pseudonym(resp.participant_id) : null,
            survey_id: surveyId,
            survey: surveyId === ids.survey2 ? 'Follow-up' : 'Klanttevredenheid Q1 2026: wave één!',
            version: resp.version,
            status: resp.status,
            question_id: a.question_id,
            question: qq.text.en,
            question_type: qq.type,
            value: null,
            option: null,
            label: null,
            text: null,
            item: null,
            box: null,
            answered_at: iso(a.answered_at),
          }
          const v = a.value as unknown
          if (typeof v === 'number') expected.push({ ...base, value: v })
          else if (typeof v === 'string')
            expected.push(
              qq.type === 'single_choice' ? { ...base, option: v, label: SC_LABEL[v]! } : { ...base, text: v },
            )
          else if ('selected' in (v as Mc)) {
            const m = v as Mc
            for (const s of m.selected) expected.push({ ...base, option: s, label: s === 'x' ? 'Ex' : 'Why' })
            if (m.other) expected.push({ ...base, option: 'other', text: m.other })
            if (!m.selected.length && !m.other) expected.push(base)
          } else (v as Em).items.forEach((i, n) => expected.push({ ...base, text: i.text, item: n, box: i.box }))
        }
    const key = (x: Row) => JSON.stringify([x.response_id, x.question_id, x.item, x.option])
    const sort = (rows: Row[]) => [...rows].sort((a, b) => (key(a) < key(b) ? -1 : 1))
    expect(long.keys).toEqual(Object.keys(expected[0]!))
    expect(sort(long.rows)).toEqual(sort(expected))
    expect(long.rows.length).toBeGreaterThan(20)
  })

  it('the wave filter keeps one survey', async () => {
    const long = only(await run({ datasets: ['responses-long'], filters: { surveyId: ids.survey2 } }), 'responses-long')
    expect(long.rows.map((x) => [x.response_id, x.question_id, x.value])).toEqual([[ids.R5, 'fu', 5]])
  })
})

describe('diary', () => {
  const dbEntries = () =>
    sql<Row & { participant_id: string; photo_type: string | null; occurred_at: Date; created_at: Date }>`
      select e.id, e.participant_id, e.occurred_at, e.created_at, s.name as stage, t.name as touchpoint, pt.description as proposed,
             e.emotion, e.valence, e.channel, e.text, ph.content_type as photo_type, p.name, p.email
      from diary_entry e join participant p on p.id = e.participant_id
      left join touchpoint t on t.id = e.touchpoint_id left join stage s on s.id = t.stage_id
      left join proposed_touchpoint pt on pt.id = e.proposal_id left join photo ph on ph.id = e.photo_id
      where e.study_id = ${ids.study}::uuid and e.deleted_at is null order by e.occurred_at, e.id`
      .execute(t.db)
      .then((r) => r.rows)

  it('every moment but the deleted one, with its photo file name; the photos with their bytes', async () => {
    const r = await run({ datasets: ['diary'], includePhotos: true })
    const diary = only(r, 'diary')
    const ext: Record<string, string> = { 'image/png': 'png', 'image/jpeg': 'jpg' }
    expect(diary.rows).toEqual(
      (await dbEntries()).map((e) => ({
        entry_id: e.id,
        pseudonym: pseudonym(e.participant_id),
        occurred_at: iso(e.occurred_at),
        created_at: iso(e.created_at),
        stage: e.stage,
        touchpoint: e.touchpoint,
        proposed_touchpoint: e.proposed,
        emotion: e.emotion,
        valence: e.valence,
        channel: e.channel,
        text: e.text,
        photo: e.photo_type ? `photos/${e.id}.${ext[e.photo_type]}` : null,
      })),
    )
    expect(diary.rows.map((x) => x.entry_id)).toEqual([ids.E1, ids.E2, ids.E4])
    expect(diary.rows[1]).toMatchObject({ proposed_touchpoint: 'The parcel locker', touchpoint: null })
    expect(r.photoCount).toBe(2)
    expect(r.photos.map((p) => [p.fileName, p.bytes.toString('hex')])).toEqual([
      [`${ids.E1}.png`, png.toString('hex')],
      [`${ids.E4}.jpg`, jpeg.toString('hex')],
    ])
    expect(diary.rows.filter((x) => x.photo).map((x) => x.photo)).toEqual(r.photos.map((p) => `photos/${p.fileName}`))
  })

  it('filters: persona, segment, period; the wave does not apply to the diary', async () => {
    const entries = async (filters: CreateExportBody['filters']) =>
      only(await run({ datasets: ['diary'], filters }), 'diary').rows.map((x) => x.entry_id)
    expect(await entries({ personaId: ids.pa })).toEqual([ids.E1, ids.E4])
    expect(await entries({ segment: 'region:south' as never })).toEqual([ids.E2])
    expect(await entries({ from: '2026-03-07', to: '2026-03-11' })).toEqual([ids.E2, ids.E4])
    expect(await entries({ surveyId: ids.survey2 })).toEqual([ids.E1, ids.E2, ids.E4])
  })
})

describe('codings and codebook', () => {
  it('every coding with its codes, coder, sample, double coding and consensus', async () => {
    const r = await run({ datasets: ['codings', 'codebook'] })
    const codings = only(r, 'codings')
    const db = await sql<Row & { pid: string | null; codes: string | null; coder_name: string; coder_email: string }>`
      select c.id, c.source, c.quote, c.span_start, c.span_end, s.name as stage, t.name as touchpoint, c.valence,
             a.name as coder_name, a.email as coder_email, sm.name as sample,
             coalesce(e.participant_id, r.participant_id) as pid,
             (select string_agg(k.name, '; ' order by k.name) from coding_code cc join code k on k.id = cc.code_id where cc.coding_id = c.id) as codes
      from coding c left join diary_entry e on e.id = c.entry_id left join survey_response r on r.id = c.response_id
      left join touchpoint t on t.id = c.touchpoint_id left join stage s on s.id = t.stage_id
      left join account a on a.id = c.coder_id left join coding_sample sm on sm.id = c.sample_id
      where c.study_id = ${ids.study}::uuid and c.id <> ${ids.C7}::uuid order by c.created_at, c.id`
      .execute(t.db)
      .then((x) => x.rows)
    const agreement: Record<string, [number, number | null]> = {
      [ids.C1!]: [1, 1],
      [ids.C2!]: [1, 1],
      [ids.C3!]: [1, 0],
      [ids.C4!]: [1, 0],
      [ids.C5!]: [0, null],
      [ids.C6!]: [0, null],
    }
    expect(codings.rows).toEqual(
      db.map((c) => ({
        coding_id: c.id,
        source_type: String(c.source).split(':')[0],
        source_id: c.source,
        pseudonym: c.pid ? pseudonym(c.pid) : null,
        quote: c.quote,
        span_start: c.span_start,
        span_end: c.span_end,
        stage: c.stage,
        touchpoint: c.touchpoint,
        codes: c.codes ?? '',
        valence: c.valence,
        coder: c.coder_name || c.coder_email,
        sample: c.sample,
        double_coded: agreement[c.id as string]![0],
        consensus: agreement[c.id as string]![1],
      })),
    )
    expect(codings.rows.find((x) => x.coding_id === ids.C6)).toMatchObject({
      source_type: 'empathy_item',
      codes: 'Price; Waiting',
      stage: 'Purchase',
    })

    // the codebook is the codebook CSV export's rows
    const file = await services.coding.exportCodebook(analyst, ids.study!, '127.0.0.1', 'csv')
    expect(only(r, 'codebook').keys).toEqual(['name', 'description', 'colour', 'shortcut', 'parent'])
    expect(only(r, 'codebook').rows).toEqual(file.codes)
    expect(file.codes.map((c) => c.name)).toEqual(['Waiting', 'Price', '=1+1'])
  })

  it("a coding of an answer follows its response's filters, a coding of a moment the moment's", async () => {
    const ofCodings = async (body: Partial<CreateExportBody>) =>
      only(await run({ datasets: ['codings'], ...body }), 'codings').rows.map((x) => x.coding_id)
    expect(await ofCodings({ includeInProgress: true })).toContain(ids.C7)
    expect(await ofCodings({ filters: { personaId: ids.pa } })).toEqual([ids.C1, ids.C2, ids.C3, ids.C4])
    expect(await ofCodings({ filters: { segment: 'region:south' as never } })).toEqual([ids.C5, ids.C6])
    expect(await ofCodings({ filters: { surveyId: ids.survey2 } })).toEqual([ids.C1, ids.C2, ids.C5])
    expect(await ofCodings({ filters: { from: '2026-03-05', to: '2026-03-07' } })).toEqual([ids.C5, ids.C6])
  })
})

describe('findings and dashboard', () => {
  it('a row per finding and measure as the findings screen verifies it, and the evidence', async () => {
    const r = await run({ datasets: ['findings'] })
    const verification = await services.findings.verify(analyst, ids.study!, 'bh')
    const listed = await services.findings.list(analyst, ids.study!)
    const findings = only(r, 'findings')
    expect(findings.rows).toHaveLength(2)
    const measured = findings.rows.find((x) => x.finding_id === ids.finding)!
    const v = verification.items.find((x) => x.findingId === ids.finding)!
    const result = v.results[0]!
    const op = listed.items.find((x) => x.id === ids.finding)!.operationalizations[0]!
    expect(measured).toEqual({
      finding_id: ids.finding,
      statement: 'The website satisfies',
      status: v.status,
      fit: v.fit,
      touchpoints: 'Website',
      personas: 'Student',
      evidence: 1,
      meta_inference: 'both agree',
      measure_id: op.id,
      primary: op.primary,
      survey_id: ids.survey1,
      question_id: 'csat',
      metric: 'mean',
      claim: JSON.stringify(op.claim),
      sesoi: 0.5,
      verdict: result.status,
      reason: result.reason,
      design: result.design,
      test: result.test,
      estimate: result.estimate,
      lower: result.lower,
      upper: result.upper,
      p: result.p,
      p_adjusted: result.pAdjusted,
      target_value: result.target.value,
      n: result.target.n,
      reference_value: null,
      reference_n: null,
      effect_size: result.effectSize?.name ?? null,
      effect_size_value: result.effectSize?.value ?? null,
      n_needed: result.nNeeded,
    })
    expect(result.target.n).toBe(2)
    const bare = findings.rows.find((x) => x.finding_id !== ids.finding)!
    expect(bare).toMatchObject({ statement: 'No measure yet', measure_id: null, verdict: null, evidence: 0 })
    expect(only(r, 'findings-evidence').rows).toEqual([
      {
        finding_id: ids.finding,
        coding_id: ids.C1,
        quote: 'quote C1',
        pseudonym: pseudonym(ids.A!),
        source_type: 'diary_entry',
        touchpoint: 'Website',
        valence: 'pain',
      },
    ])
  })

  it("the dashboard's figures, with the same filters as the dashboard service", async () => {
    for (const filters of [{}, { personaId: ids.pa }, { from: '2026-03-01', to: '2026-03-05' }]) {
      const r = await run({ datasets: ['dashboard'], filters })
      expect(r.tables.map((x) => x.name)).toEqual([
        'dashboard-summary',
        'dashboard-touchpoints',
        'dashboard-top-codes',
        'dashboard-quotes',
      ])
      const d = await services.dashboard.get(analyst, ids.study!, filters)
      expect(only(r, 'dashboard-summary').rows).toEqual([
        {
          responses: d.responses,
          nps_promoters: d.nps.promoters,
          nps_passives: d.nps.passives,
          nps_detractors: d.nps.detractors,
          nps: d.nps.score,
          nps_lower: d.nps.lower,
          nps_upper: d.nps.upper,
          nps_n: d.nps.n,
          ipa_performance: d.ipa.performance,
          ipa_importance: d.ipa.importance,
          basic_level: d.basicLevel,
        },
      ])
      const tps = only(r, 'dashboard-touchpoints').rows
      expect(tps.map((x) => x.touchpoint)).toEqual(d.touchpoints.map((x) => x.name))
      d.touchpoints.forEach((tp, i) =>
        expect(tps[i]).toMatchObject({
          stage: tp.stageName,
          pain_coded: tp.painGain.coded.pain,
          gain_coded: tp.painGain.coded.gain,
          pain_diary: tp.painGain.diary.pain,
          experienced: tp.experienced.estimate,
          experienced_lower: tp.experienced.lower,
          experienced_n: tp.experienced.n,
          csat_mean: tp.csatMean.estimate,
          csat_mean_n: tp.csatMean.n,
          csat_top2: tp.csatTop2.estimate,
          importance: tp.importance.rho,
          quadrant: tp.quadrant,
          moment_of_truth_candidate: tp.momentOfTruth.candidate,
          prevalence: tp.momentOfTruth.prevalence.estimate,
          peak: tp.id === d.peakTouchpointId,
        }),
      )
      expect(only(r, 'dashboard-top-codes').rows).toEqual(
        d.touchpoints.flatMap((tp) =>
          tp.topCodes.map((k) => ({ touchpoint_id: tp.id, touchpoint: tp.name, code: k.name, n: k.n })),
        ),
      )
      expect(only(r, 'dashboard-quotes').rows.map((x) => x.coding_id)).toEqual(
        d.touchpoints.flatMap((tp) => tp.quotes.map((x) => x.codingId)),
      )
    }
    // the fixture reaches the survey half: the first touchpoint's CSAT comes from R1 and R2
    const d = await services.dashboard.get(analyst, ids.study!, {})
    expect(d.responses).toBeGreaterThan(0)
  })
})

describe('contact details', () => {
  it('without them no name, e-mail address or CRM reference is in any cell of any table', async () => {
    const all = ['responses-wide', 'responses-long', 'diary', 'codings', 'codebook', 'findings', 'dashboard'] as const
    const r = await run({ datasets: [...all], includeInProgress: true })
    const cells = r.tables.flatMap((x) => x.rows.flatMap((row) => Object.values(row).map(String)))
    expect(cells.length).toBeGreaterThan(200)
    for (const secret of ['Anna', 'Jansen', 'Bram', 'Cor Smit', 'annajansen@', 'bramdevries@', 'corsmit@', 'CRM-1'])
      expect(cells.filter((c) => c.includes(secret))).toEqual([])
    expect(r.tables.flatMap((x) => x.keys)).not.toContain('email')
    // with them, the same tables carry the addresses beside the pseudonym
    const withContact = await run({ datasets: ['responses-long', 'diary'] }, ids.study, true)
    expect(only(withContact, 'diary').rows[0]).toMatchObject({ name: 'Anna Jansen', email: 'annajansen@example.com' })
    expect(only(withContact, 'responses-long').keys.slice(0, 5)).toEqual([
      'response_id',
      'pseudonym',
      'name',
      'email',
      'crm_reference',
    ])
  })

  it("another organization's study is not found", async () => {
    const other = await makeOrganization(t.db)
    const spec = CreateExportBodySchema.parse({ format: 'csv', datasets: ['diary'] })
    await expect(
      t.db
        .transaction()
        .execute((trx) =>
          datasets.tables(trx, { organizationId: other.id, studyId: ids.study!, contactDetails: false }, spec),
        ),
    ).rejects.toMatchObject({ code: 'STUDY_NOT_FOUND' })
  })
})
