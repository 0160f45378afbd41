import { randomUUID } from 'node:crypto'
import {
  AgreementSchema,
  CodebookFileSchema,
  CodebookSchema,
  CodeSchema,
  CodingListSchema,
  CodingSchema,
  ImportCodebookResultSchema,
  SampleSchema,
  SourcePageSchema,
} from '@klantreis/shared/coding'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type Client, login, type TestApp } from '../../../test/build-test-app.js'
import { makeDiaryEntry, makeMember, makeOrganization, makeStudyWithModel } from '../../../test/factories.js'
import { softDeleteEntry } from '../diary/diary.queries.js'

let t: TestApp
let ann: Client
let bob: Client
let viewer: Client
let orgId: string
let model: Awaited<ReturnType<typeof makeStudyWithModel>>
const base = () => `/api/v1/studies/${model.studyId}`

async function entry(
  studyId: string,
  participantId: string,
  text: string,
  extra: { touchpointId?: string; valence?: string } = {},
) {
  const id = await makeDiaryEntry(t.db, { studyId, participantId, text, ...extra })
  return { id, ref: `diary_entry:${id}` }
}
const put = (c: Client, id: string, body: object, studyBase = base()) => c.put(`${studyBase}/codings/${id}`, body)

beforeAll(async () => {
  t = await buildTestApp()
  const org = await makeOrganization(t.db, 'Codeerders')
  orgId = org.id
  const a = await makeMember(t.db, org.id, 'researcher')
  const b = await makeMember(t.db, org.id, 'researcher')
  const v = await makeMember(t.db, org.id, 'viewer')
  ;[ann, bob, viewer] = await Promise.all([
    login(t.app, a.email, a.password),
    login(t.app, b.email, b.password),
    login(t.app, v.email, v.password),
  ])
  model = await makeStudyWithModel(t.db, org.id)
})
afterAll(() => t?.close())

describe('the codebook', () => {
  let themes: string
  let waiting: string
  it('is a tree of codes with names, colours and shortcut keys; a taken name or key is a 409 naming it', async () => {
    const th = await ann.post(`${base()}/codes`, { name: 'Themes', colour: '#336699' })
    expect(th.statusCode, th.body).toBe(201)
    themes = CodeSchema.parse(th.json()).id
    const w = CodeSchema.parse(
      (
        await ann.post(`${base()}/codes`, {
          name: 'Waiting time',
          parentId: themes,
          shortcut: 'w',
          description: 'Any wait the customer mentions',
        })
      ).json(),
    )
    waiting = w.id
    expect(w).toMatchObject({ parentId: themes, shortcut: 'w', uses: 0, version: 1 })
    const again = await ann.post(`${base()}/codes`, { name: 'waiting TIME', parentId: themes })
    expect(again.statusCode).toBe(409)
    expect(again.json()).toMatchObject({ code: 'CODE_TAKEN' })
    const key = await ann.post(`${base()}/codes`, { name: 'Friendly', shortcut: 'w' })
    expect(key.json().message).toContain('shortcut')
    expect((await ann.post(`${base()}/codes`, { name: 'Bad key', shortcut: 'Ww' })).json().details[0].path).toBe(
      'body.shortcut',
    )
    expect((await viewer.post(`${base()}/codes`, { name: 'Viewer code' })).statusCode).toBe(403)
  })

  it('refuses an edit made on an old version, and a code under itself', async () => {
    const ok = await ann.patch(`${base()}/codes/${waiting}`, { name: 'Waiting long', baseVersion: 1 })
    expect(CodeSchema.parse(ok.json())).toMatchObject({ name: 'Waiting long', version: 2 })
    const lost = await bob.patch(`${base()}/codes/${waiting}`, { colour: '#ff0000', baseVersion: 1 })
    expect(lost.statusCode).toBe(409)
    expect(lost.json().code).toBe('CODE_CONFLICT')
    const loop = await ann.patch(`${base()}/codes/${themes}`, { parentId: waiting, baseVersion: 1 })
    expect(loop.statusCode).toBe(400)
    expect(loop.json().details[0]).toMatchObject({ path: 'body.parentId' })
  })

  it('exports as JSON and CSV (formula-safe), and imports into another study, skipping what is there', async () => {
    await ann.post(`${base()}/codes`, { name: '=HYPERLINK("x")', parentId: themes })
    const file = CodebookFileSchema.parse((await ann.get(`${base()}/codebook`)).json())
    expect(file.codes.map((c) => [c.name, c.parent])).toEqual(
      expect.arrayContaining([
        ['Themes', ''],
        ['Waiting long', 'Themes'],
      ]),
    )
    // parents before their children, so an import can make them first
    expect(file.codes.findIndex((c) => c.name === 'Themes')).toBeLessThan(
      file.codes.findIndex((c) => c.name === 'Waiting long'),
    )
    const csv = await ann.get(`${base()}/codebook.csv`)
    expect(csv.headers['content-type']).toContain('text/csv')
    expect(csv.body.split('\r\n')[0]).toBe('name,description,colour,shortcut,parent')
    expect(csv.body).toContain(`"'=HYPERLINK(""x"")"`)

    const other = await makeStudyWithModel(t.db, orgId)
    const imported = ImportCodebookResultSchema.parse(
      (await ann.post(`/api/v1/studies/${other.studyId}/codebook`, file)).json(),
    )
    // every study of the factory has a top-level "Waiting": that one is skipped, the rest is new
    expect(imported).toEqual({
      created: file.codes.length - 1,
      skipped: [{ name: 'Waiting', reason: 'already in the codebook' }],
    })
    const twice = ImportCodebookResultSchema.parse(
      (await ann.post(`/api/v1/studies/${other.studyId}/codebook`, file)).json(),
    )
    expect(twice).toMatchObject({ created: 0 })
    expect(twice.skipped.map((s) => s.reason)).toEqual(file.codes.map(() => 'already in the codebook'))
    const fromCsv = await t.app.inject({
      method: 'POST',
      url: `/api/v1/studies/${other.studyId}/codebook.csv`,
      headers: { cookie: ann.cookie, 'x-csrf-token': ann.me.csrfToken, 'content-type': 'text/csv' },
      payload: 'name,parent,shortcut\nDelivery,,d\nLate,Delivery,\nNowhere,Missing parent,\n',
    })
    expect(ImportCodebookResultSchema.parse(fromCsv.json())).toEqual({
      created: 2,
      skipped: [{ name: 'Nowhere', reason: 'parent "Missing parent" not found' }],
    })
    // as Dutch Excel saves it: BOM, semicolons, CRLF, a comma inside a description
    const dutch = await t.app.inject({
      method: 'POST',
      url: `/api/v1/studies/${other.studyId}/codebook.csv`,
      headers: { cookie: ann.cookie, 'x-csrf-token': ann.me.csrfToken, 'content-type': 'text/csv' },
      payload: '\uFEFFname;description;parent\r\nBezorging laat;Te laat, of helemaal niet;Delivery\r\n',
    })
    expect(ImportCodebookResultSchema.parse(dutch.json())).toEqual({ created: 1, skipped: [] })
    const made = await t.db
      .selectFrom('code')
      .select(['name', 'description'])
      .where('study_id', '=', other.studyId)
      .where('name', '=', 'Bezorging laat')
      .execute()
    expect(made).toEqual([{ name: 'Bezorging laat', description: 'Te laat, of helemaal niet' }])
    const bad = await t.app.inject({
      method: 'POST',
      url: `/api/v1/studies/${other.studyId}/codebook.csv`,
      headers: { cookie: ann.cookie, 'x-csrf-token': ann.me.csrfToken, 'content-type': 'text/csv' },
      payload: 'name,colour\nRed,red\n',
    })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().details[0].path).toBe('body.row 2.colour')
  })
})

describe('sources and codings', () => {
  let late: { id: string; ref: string }
  let waitingId: string
  it("lists diary entries, open answers and empathy items, with the participant's own choice as a suggestion", async () => {
    late = await entry(model.studyId, model.participantId, 'The driver came two days late and did not ring.', {
      touchpointId: model.touchpointIds[0],
      valence: 'pain',
    })
    // an open answer and an empathy map in a complete response
    const def = {
      kind: 'survey',
      languages: ['nl', 'en'],
      pages: [
        {
          id: 'p1',
          title: { nl: 'P', en: 'P' },
          questions: [
            { id: 'why', type: 'long_text', required: false, text: { nl: 'Waarom?', en: 'Why?' } },
            { id: 'map', type: 'empathy_map', required: false, text: { nl: 'Kaart', en: 'Map' } },
            { id: 'nps', type: 'nps', required: false, text: { nl: 'NPS', en: 'NPS' } },
          ],
        },
      ],
    }
    const survey = await t.db
      .insertInto('survey')
      .values({ study_id: model.studyId, title: 'Open', draft: JSON.stringify(def), status: 'open' })
      .returning('id')
      .executeTakeFirstOrThrow()
    await t.db
      .insertInto('survey_version')
      .values({ survey_id: survey.id, version: 1, definition: JSON.stringify(def) })
      .execute()
    const responseId = randomUUID()
    await t.db
      .insertInto('survey_response')
      .values({
        id: responseId,
        survey_id: survey.id,
        version: 1,
        participant_id: model.participantId,
        status: 'complete',
        completed_at: new Date(),
      })
      .execute()
    await t.db
      .insertInto('survey_answer')
      .values([
        {
          response_id: responseId,
          question_id: 'why',
          value: JSON.stringify('Tracking said delivered, but nothing came.'),
        },
        {
          response_id: responseId,
          question_id: 'map',
          value: JSON.stringify({
            items: [
              { box: 'feels', text: 'Annoyed', valence: 'pain' },
              { box: 'says', text: 'Finally!', valence: 'gain' },
            ],
          }),
        },
        { response_id: responseId, question_id: 'nps', value: JSON.stringify(3) },
      ])
      .execute()
    const page = SourcePageSchema.parse((await ann.get(`${base()}/sources?limit=50`)).json())
    const byRef = new Map(page.items.map((s) => [s.ref, s]))
    expect(byRef.get(late.ref)).toMatchObject({
      kind: 'diary_entry',
      suggestion: { touchpointId: model.touchpointIds[0], valence: 'pain' },
      participant: { id: model.participantId },
    })
    expect(byRef.get(`answer:${responseId}:why`)).toMatchObject({
      kind: 'answer',
      text: 'Tracking said delivered, but nothing came.',
      context: 'Why?',
    })
    expect(byRef.get(`empathy_item:${responseId}:map:1`)).toMatchObject({
      kind: 'empathy_item',
      text: 'Finally!',
      context: 'says',
      suggestion: { valence: 'gain' },
    })
    expect(page.items.some((s) => s.ref.endsWith(':nps'))).toBe(false) // a number is not text to code
    const answers = SourcePageSchema.parse((await ann.get(`${base()}/sources?kind=answer`)).json())
    expect(answers.items.map((s) => s.kind)).toEqual(['answer'])
  })

  it('stores a span with its quote, once per client id; refuses a span outside the text and codes from another study', async () => {
    waitingId = (
      await t.db
        .selectFrom('code')
        .select('id')
        .where('study_id', '=', model.studyId)
        .where('name', '=', 'Waiting long')
        .executeTakeFirstOrThrow()
    ).id
    const id = randomUUID()
    const body = {
      source: late.ref,
      start: 11,
      end: 31,
      touchpointId: model.touchpointIds[0],
      valence: 'pain',
      codeIds: [waitingId],
    }
    const first = await put(ann, id, body)
    expect(first.statusCode, first.body).toBe(201)
    expect(CodingSchema.parse(first.json())).toMatchObject({
      quote: 'came two days late a',
      stale: false,
      version: 1,
      coder: { id: ann.me.user.id },
    })
    const replay = await put(ann, id, body)
    expect(replay.statusCode).toBe(200)
    expect((await t.db.selectFrom('coding').select('id').where('id', '=', id).execute()).length).toBe(1)

    const outside = await put(ann, randomUUID(), { ...body, end: 500 })
    expect(outside.statusCode).toBe(400)
    expect(outside.json().details[0]).toMatchObject({
      path: 'body.end',
      message: `outside the text (it has ${'The driver came two days late and did not ring.'.length} characters)`,
    })
    const other = await makeStudyWithModel(t.db, orgId)
    const foreignCode = (
      await t.db.selectFrom('code').select('id').where('study_id', '=', other.studyId).executeTakeFirstOrThrow()
    ).id
    const wrong = await put(ann, randomUUID(), { ...body, codeIds: [foreignCode] })
    expect(wrong.statusCode).toBe(404)
    expect(wrong.json().code).toBe('CODE_NOT_FOUND')
    expect((await put(ann, randomUUID(), { ...body, source: `diary_entry:${randomUUID()}` })).json().code).toBe(
      'SOURCE_NOT_FOUND',
    )
    expect((await put(ann, randomUUID(), { source: late.ref, start: 0, end: 3 })).json().details[0].path).toBe(
      'body.codeIds',
    )
  })

  it('keeps the quote when the source is edited, and marks it stale', async () => {
    await t.db
      .updateTable('diary_entry')
      .set({ text: 'The driver came three days late and did not ring.' })
      .where('id', '=', late.id)
      .execute()
    const list = CodingListSchema.parse(
      (await ann.get(`${base()}/codings?source=${encodeURIComponent(late.ref)}`)).json(),
    )
    expect(list.items[0]).toMatchObject({ quote: 'came two days late a', stale: true })
  })

  it('two researchers editing the same coding: the second is told, not silently overwritten', async () => {
    const [c] = CodingListSchema.parse(
      (await ann.get(`${base()}/codings?source=${encodeURIComponent(late.ref)}`)).json(),
    ).items
    const edit = (who: Client, valence: string) =>
      put(who, c!.id, {
        source: late.ref,
        start: c!.start,
        end: c!.end,
        valence,
        codeIds: c!.codeIds,
        baseVersion: c!.version,
      })
    const [x, y] = await Promise.all([edit(ann, 'neutral'), edit(bob, 'gain')])
    expect([x.statusCode, y.statusCode].sort()).toEqual([200, 409])
    expect([x, y].find((r) => r.statusCode === 409)!.json().code).toBe('CODING_CONFLICT')
    const stale = await ann.delete(`${base()}/codings/${c!.id}?baseVersion=${c!.version}`)
    expect(stale.statusCode).toBe(409)
  })

  it('a code in use is not deleted without a decision: refuse with the count, or re-map', async () => {
    const refused = await ann.delete(`${base()}/codes/${waitingId}`)
    expect(refused.statusCode).toBe(409)
    expect(refused.json()).toMatchObject({ code: 'CODE_IN_USE', message: expect.stringContaining('1 coding') })
    const target = CodeSchema.parse((await ann.post(`${base()}/codes`, { name: 'Delay' })).json())
    expect((await ann.delete(`${base()}/codes/${waitingId}?remapTo=${target.id}`)).statusCode).toBe(204)
    const book = CodebookSchema.parse((await ann.get(`${base()}/codes`)).json())
    expect(book.items.find((c) => c.id === target.id)!.uses).toBe(1)
    expect(book.items.some((c) => c.id === waitingId)).toBe(false)
  })

  it('a source deleted, or a participant erased, takes its codings along', async () => {
    const e = await entry(model.studyId, model.participantId, 'Refund took weeks.')
    expect((await put(ann, randomUUID(), { source: e.ref, start: 0, end: 6, valence: 'pain' })).statusCode).toBe(201)
    await softDeleteEntry(t.db, e.id)
    expect(
      CodingListSchema.parse((await ann.get(`${base()}/codings?source=${encodeURIComponent(e.ref)}`)).json()).items,
    ).toEqual([])
    const erased = await t.db
      .insertInto('participant')
      .values({ study_id: model.studyId, email: `erase-${randomUUID()}@example.com` })
      .returning('id')
      .executeTakeFirstOrThrow()
    const f = await entry(model.studyId, erased.id, 'Please forget me.')
    expect((await put(ann, randomUUID(), { source: f.ref, start: 0, end: 6, valence: 'neutral' })).statusCode).toBe(201)
    await t.db.deleteFrom('participant').where('id', '=', erased.id).execute()
    expect(await t.db.selectFrom('coding').select('id').where('source', '=', f.ref).execute()).toEqual([])
  })
})

describe('double coding', () => {
  it('gives the expected kappa and alpha on a seeded double-coded sample, blind to each other, with the disagreements listed', async () => {
    // a study of ten diary entries; both researchers code every one for pain/gain
    const study = await makeStudyWithModel(t.db, orgId)
    const b = `/api/v1/studies/${study.studyId}`
    await t.db.deleteFrom('diary_entry').where('study_id', '=', study.studyId).execute()
    const sources = []
    for (let i = 0; i < 10; i++)
      sources.push(await entry(study.studyId, study.participantId, `Moment number ${i} with the shop.`))
    const res = await ann.post(`${b}/samples`, {
      name: 'Pilot',
      share: 1,
      kinds: ['diary_entry'],
      coderIds: [ann.me.user.id, bob.me.user.id],
      seed: 7,
    })
    expect(res.statusCode, res.body).toBe(201)
    const sample = SampleSchema.parse(res.json())
    expect(sample.size).toBe(10)
    // the table of docs/analysis.md §8 #21 in tenths: both pain 4, ann pain / bob gain 1, ann gain / bob pain 2, both gain 3
    const pairs: [string, string][] = [
      ...Array(4).fill(['pain', 'pain']),
      ['pain', 'gain'],
      ...Array(2).fill(['gain', 'pain']),
      ...Array(3).fill(['gain', 'gain']),
    ]
    for (const [i, [va, vb]] of pairs.entries()) {
      expect(
        (
          await put(
            ann,
            randomUUID(),
            { source: sources[i]!.ref, start: 0, end: 6, valence: va, sampleId: sample.id },
            b,
          )
        ).statusCode,
      ).toBe(201)
      expect(
        (
          await put(
            bob,
            randomUUID(),
            { source: sources[i]!.ref, start: 0, end: 6, valence: vb, sampleId: sample.id },
            b,
          )
        ).statusCode,
      ).toBe(201)
    }
    // blind: inside the sample each sees only their own codings
    const annSees = CodingListSchema.parse((await ann.get(`${b}/codings?sampleId=${sample.id}`)).json())
    expect(annSees.items).toHaveLength(10)
    expect(new Set(annSees.items.map((c) => c.coder!.id))).toEqual(new Set([ann.me.user.id]))

    const agreement = AgreementSchema.parse((await ann.get(`${b}/samples/${sample.id}/agreement`)).json())
    expect(agreement.units).toBe(10)
    const valence = agreement.rows.find((r) => r.variable === 'valence')!
    expect(valence.percentAgreement).toBeCloseTo(0.7, 9)
    expect(valence.cohensKappa).toBeCloseTo(0.4, 9) // p_o .70, p_e .50
    // α = 1 − (n − 1)·D_o / Σ n_c n_k δ = 1 − 19 · 6 / (2 · 11 · 9) = 1 − 114/198
    expect(valence.krippendorffAlpha).toBeCloseTo(1 - 114 / 198, 9)
    expect(valence).toMatchObject({ kappaBand: 'fair', alphaBand: 'unreliable' })
    expect(
      agreement.disagreements
        .filter((d) => d.variable === 'valence')
        .map((d) => [d.a, d.b])
        .sort(),
    ).toEqual([
      ['gain', 'pain'],
      ['gain', 'pain'],
      ['pain', 'gain'],
    ])
    // blind also without naming the sample: Ann does not see Bob's sample codings of a source
    const onFirst = CodingListSchema.parse(
      (await ann.get(`${b}/codings?source=${encodeURIComponent(sources[0]!.ref)}`)).json(),
    )
    expect(onFirst.items.map((c) => c.coder!.id)).toEqual([ann.me.user.id])
    // no code was used by either: the coefficients are undefined, not "almost perfect"
    const unused = agreement.rows.find((r) => r.family === 'code')!
    expect(unused).toMatchObject({
      percentAgreement: 1,
      cohensKappa: null,
      krippendorffAlpha: null,
      kappaBand: null,
      alphaBand: null,
    })
    const listed = (await ann.get(`${b}/samples`)).json().items[0]
    expect(listed.coders.map((c: { coded: number }) => c.coded)).toEqual([10, 10])
  })
})
