import { randomUUID } from 'node:crypto'
import { EmpathyMapSchema, type EmpathyMap } from '@klantreis/shared/empathy'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type Client, login, type TestApp } from '../../../test/build-test-app.js'
import { makeMember, makeOrganization, makeStudyWithModel } from '../../../test/factories.js'
import { pseudonym } from '../../lib/pseudonym.js'

let t: TestApp
let researcher: Client
let viewer: Client
let model: Awaited<ReturnType<typeof makeStudyWithModel>>
let other: Awaited<ReturnType<typeof makeStudyWithModel>>
let parentPersona: string
let quinn: string
let codeId: string
const base = () => `/api/v1/studies/${model.studyId}`

async function entry(participantId: string, text: string, extra: { emotion?: number | null; deleted?: boolean } = {}) {
  const id = randomUUID()
  await t.db
    .insertInto('diary_entry')
    .values({
      id,
      study_id: model.studyId,
      participant_id: participantId,
      occurred_at: new Date(Date.now() - 60_000),
      text,
      emotion: extra.emotion ?? null,
      ...(extra.deleted ? { deleted_at: new Date() } : {}),
    })
    .execute()
  return `diary_entry:${id}`
}
/** A coding of a whole source through the API, as the workbench makes it. */
async function code(
  source: string,
  text: string,
  body: { valence?: string; touchpointId?: string; codeIds?: string[] },
) {
  const res = await researcher.put(`${base()}/codings/${randomUUID()}`, { source, start: 0, end: text.length, ...body })
  expect(res.statusCode, res.body).toBe(201)
}

beforeAll(async () => {
  t = await buildTestApp()
  const org = await makeOrganization(t.db)
  const r = await makeMember(t.db, org.id, 'researcher')
  const v = await makeMember(t.db, org.id, 'viewer')
  ;[researcher, viewer] = await Promise.all([login(t.app, r.email, r.password), login(t.app, v.email, v.password)])
  model = await makeStudyWithModel(t.db, org.id)
  other = await makeStudyWithModel(t.db, org.id)
  const [website, friend] = model.touchpointIds as [string, string]
  codeId = model.codeId
  parentPersona = (
    await t.db
      .insertInto('persona')
      .values({ study_id: model.studyId, name: 'Parent', attributes: '{}', position: 1 })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id
  quinn = (
    await t.db
      .insertInto('participant')
      .values({
        study_id: model.studyId,
        email: `quinn-${randomUUID()}@example.com`,
        name: 'Quinn',
        persona_id: parentPersona,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id

  // The factory already holds one diary coding of Pat (persona Student): "The parcel", pain → pains.
  // Pat's diary: a feeling without pain or gain (emotion recorded) → feels.
  const calm = 'I waited calmly at home.'
  await code(await entry(model.participantId, calm, { emotion: 2 }), calm, { codeIds: [codeId], touchpointId: website })
  // Quinn's diary: codes only and no emotion → does; a gain → gains; a deleted entry → nowhere
  const compared = 'I compared three shops <b>first</b>.'
  await code(await entry(quinn, compared), compared, { codeIds: [codeId], touchpointId: friend })
  const glad = 'My friend helped me choose.'
  await code(await entry(quinn, glad, { emotion: 3 }), glad, { valence: 'gain', touchpointId: friend })
  const gone = 'Deleted later.'
  const goneRef = await entry(quinn, gone)
  await code(goneRef, gone, { valence: 'pain' })
  await t.db
    .updateTable('diary_entry')
    .set({ deleted_at: new Date() })
    .where('id', '=', goneRef.slice('diary_entry:'.length))
    .execute()

  // Pat's empathy map: says and thinks keep their box; sees and hears go by valence; an uncoded item
  // and a coded open answer stay out
  const def = {
    kind: 'empathy_map',
    languages: ['nl', 'en'],
    pages: [
      {
        id: 'p1',
        title: { nl: 'P', en: 'P' },
        questions: [
          { id: 'map', type: 'empathy_map', required: false, text: { nl: 'Kaart', en: 'Map' } },
          { id: 'why', type: 'long_text', required: false, text: { nl: 'Waarom?', en: 'Why?' } },
        ],
      },
    ],
  }
  const survey = await t.db
    .insertInto('survey')
    .values({ study_id: model.studyId, title: 'Map', kind: 'empathy_map', draft: JSON.stringify(def), status: 'open' })
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
  const items = [
    { box: 'says', text: 'Where is my parcel?', valence: 'pain' },
    { box: 'thinks', text: 'Maybe it got lost.', valence: 'pain' },
    { box: 'sees', text: 'A crowded checkout.', valence: 'pain' },
    { box: 'hears', text: 'Friends recommend the shop.', valence: 'pain' },
    { box: 'feels', text: 'Not coded.', valence: 'gain' },
  ]
  await t.db
    .insertInto('survey_answer')
    .values([
      { response_id: responseId, question_id: 'map', value: JSON.stringify({ items }) },
      { response_id: responseId, question_id: 'why', value: JSON.stringify('An open answer.') },
    ])
    .execute()
  const item = (i: number) => `empathy_item:${responseId}:map:${i}`
  await code(item(0), items[0]!.text, { codeIds: [codeId], touchpointId: website })
  await code(item(1), items[1]!.text, { valence: 'pain' })
  await code(item(2), items[2]!.text, { touchpointId: website }) // no valence of its own: the participant's pain
  await code(item(3), items[3]!.text, { valence: 'gain' }) // the coder's gain wins over the participant's pain
  await code(`answer:${responseId}:why`, 'An open answer.', { valence: 'pain' })
})
afterAll(() => t?.close())

const quotes = (m: EmpathyMap) =>
  Object.fromEntries(Object.entries(m.boxes).map(([box, items]) => [box, items.map((i) => i.quote)]))

describe('the empathy map', () => {
  it('fills the six boxes from coded empathy items and diary quotes of everyone, by the documented rule', async () => {
    const res = await viewer.get(`${base()}/empathy-map`) // read-only is enough to look
    expect(res.statusCode, res.body).toBe(200)
    const m = EmpathyMapSchema.parse(res.json())
    const sorted = (o: Record<string, string[]>) =>
      Object.fromEntries(Object.entries(o).map(([k, v]) => [k, [...v].sort()]))
    expect(sorted(quotes(m))).toEqual({
      says: ['Where is my parcel?'],
      thinks: ['Maybe it got lost.'],
      does: ['I compared three shops <b>first</b>.'],
      feels: ['I waited calmly at home.'],
      pains: ['A crowded checkout.', 'The parcel'],
      gains: ['Friends recommend the shop.', 'My friend helped me choose.'],
    })
    expect(m).toMatchObject({ personaId: null, participants: 2 })
    // each item: its pseudonym, touchpoint, codes and source, never the participant's name
    const says = m.boxes.says[0]!
    expect(says).toMatchObject({
      sourceKind: 'empathy_item',
      participant: pseudonym(model.participantId),
      touchpointId: model.touchpointIds[0],
      touchpointName: 'Website',
      itemBox: 'says',
      valence: null,
      codes: [{ id: codeId, name: 'Waiting' }],
    })
    expect(says.source).toMatch(/^empathy_item:[0-9a-f-]{36}:map:0$/)
    expect(m.boxes.does[0]).toMatchObject({
      sourceKind: 'diary_entry',
      participant: pseudonym(quinn),
      touchpointName: 'Friend',
      valence: null,
      itemBox: null,
    })
    expect(JSON.stringify(m)).not.toMatch(/Pat|Quinn/)
  })

  it('narrows to one persona', async () => {
    const student = EmpathyMapSchema.parse(
      (await researcher.get(`${base()}/empathy-map?personaId=${model.personaId}`)).json(),
    )
    expect(student).toMatchObject({ personaId: model.personaId, participants: 1 })
    expect(
      Object.values(student.boxes)
        .flat()
        .every((i) => i.participant === pseudonym(model.participantId)),
    ).toBe(true)
    expect(quotes(student).gains).toEqual(['Friends recommend the shop.'])
    const parent = EmpathyMapSchema.parse(
      (await researcher.get(`${base()}/empathy-map?personaId=${parentPersona}`)).json(),
    )
    expect(quotes(parent)).toEqual({
      says: [],
      thinks: [],
      does: ['I compared three shops <b>first</b>.'],
      feels: [],
      pains: [],
      gains: ['My friend helped me choose.'],
    })
  })

  it("refuses another study's persona, a malformed id and an unknown parameter", async () => {
    const foreign = await researcher.get(`${base()}/empathy-map?personaId=${other.personaId}`)
    expect(foreign.statusCode).toBe(404)
    expect(foreign.json().code).toBe('PERSONA_NOT_FOUND')
    const bad = await researcher.get(`${base()}/empathy-map?personaId=nope`)
    expect(bad.statusCode).toBe(400)
    expect(bad.json().details[0].path).toBe('querystring.personaId')
    expect((await researcher.get(`${base()}/empathy-map?persona=x`)).statusCode).toBe(400)
    expect((await researcher.get(`/api/v1/studies/${randomUUID()}/empathy-map`)).json().code).toBe('STUDY_NOT_FOUND')
  })
})
