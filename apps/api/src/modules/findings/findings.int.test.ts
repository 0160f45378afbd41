import { randomUUID } from 'node:crypto'
import { FindingListSchema, FindingSchema } from '@klantreis/shared/findings'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type Client, login, type TestApp } from '../../../test/build-test-app.js'
import { makeMember, makeOrganization, makeStudyWithModel } from '../../../test/factories.js'

let t: TestApp
let researcher: Client
let model: Awaited<ReturnType<typeof makeStudyWithModel>>
let other: Awaited<ReturnType<typeof makeStudyWithModel>>
const base = () => `/api/v1/studies/${model.studyId}/findings`

beforeAll(async () => {
  t = await buildTestApp()
  const org = await makeOrganization(t.db)
  const r = await makeMember(t.db, org.id, 'researcher')
  researcher = await login(t.app, r.email, r.password)
  model = await makeStudyWithModel(t.db, org.id)
  other = await makeStudyWithModel(t.db, org.id)
})
afterAll(() => t?.close())

// the factory's survey has one question: 'nps' (type nps)
const operationalization = (over: Record<string, unknown> = {}) => ({
  surveyId: model.surveyId,
  questionId: 'nps',
  metric: 'detractor_share',
  claim: { kind: 'comparative', reference: 'rest', direction: 'higher' },
  ...over,
})

describe('findings', () => {
  it('keeps a statement with its touchpoints, personas, evidence as pseudonymous quotes, and how the survey checks it', async () => {
    const res = await researcher.post(base(), {
      statement: 'Waiting for delivery is frustrating',
      touchpointIds: [model.touchpointIds[0]],
      personaIds: [model.personaId],
      codingIds: [model.codingId],
      operationalizations: [operationalization()],
    })
    expect(res.statusCode, res.body).toBe(201)
    const f = FindingSchema.parse(res.json())
    expect(f).toMatchObject({ touchpointIds: [model.touchpointIds[0]], personaIds: [model.personaId], version: 1 })
    expect(f.evidence).toEqual([expect.objectContaining({ codingId: model.codingId, quote: 'The parcel', valence: 'pain', participant: expect.stringMatching(/^P-[0-9a-f]{6}$/) })])
    expect(JSON.stringify(f.evidence)).not.toContain('Pat') // the participant's name never shows
    expect(f.operationalizations).toEqual([expect.objectContaining({ metric: 'detractor_share', sesoi: 0.05, primary: true, claim: { kind: 'comparative', reference: 'rest', direction: 'higher' } })])
    const list = FindingListSchema.parse((await researcher.get(base())).json())
    expect(list.items.map((x) => x.statement)).toContain('Waiting for delivery is frustrating')
  })

  it('refuses a question of another study, a measure that does not fit the question, two primaries, and foreign evidence', async () => {
    const foreignSurvey = await researcher.post(base(), { statement: 'x', operationalizations: [operationalization({ surveyId: other.surveyId })] })
    expect(foreignSurvey.statusCode).toBe(404)
    expect(foreignSurvey.json().code).toBe('SURVEY_NOT_FOUND')
    const unknownQuestion = await researcher.post(base(), { statement: 'x', operationalizations: [operationalization({ questionId: 'nope' })] })
    expect(unknownQuestion.json().details).toEqual([{ path: 'body.operationalizations.0.questionId', message: 'no such question in this survey' }])
    // the factory's empathy-free survey has only an NPS question; a text question cannot be measured at all
    const def = { kind: 'survey', languages: ['nl', 'en'], pages: [{ id: 'p', title: { nl: 'P', en: 'P' }, questions: [{ id: 'why', type: 'long_text', required: false, text: { nl: 'W', en: 'W' } }] }] }
    const textSurvey = await t.db.insertInto('survey').values({ study_id: model.studyId, title: 'Text', draft: JSON.stringify(def) }).returning('id').executeTakeFirstOrThrow()
    const misfit = await researcher.post(base(), { statement: 'x', operationalizations: [operationalization({ surveyId: textSurvey.id, questionId: 'why', metric: 'mean' })] })
    expect(misfit.statusCode).toBe(400)
    expect(misfit.json().details).toEqual([{ path: 'body.operationalizations.0.metric', message: 'a long text question cannot be measured as mean' }])
    const twoPrimaries = await researcher.post(base(), { statement: 'x', operationalizations: [operationalization(), operationalization({ metric: 'nps' })] })
    expect(twoPrimaries.json().details[0].path).toBe('body.operationalizations')
    const foreignCoding = (await t.db.selectFrom('coding').select('id').where('study_id', '=', other.studyId).executeTakeFirstOrThrow()).id
    expect((await researcher.post(base(), { statement: 'x', codingIds: [foreignCoding] })).json().code).toBe('CODING_NOT_FOUND')
    expect((await researcher.post(base(), { statement: 'x', touchpointIds: [other.touchpointIds[0]] })).json().code).toBe('TOUCHPOINT_NOT_FOUND')
  })

  it('an edit names the version it started from; evidence erased with its source leaves the finding', async () => {
    const f = FindingSchema.parse((await researcher.post(base(), { statement: 'Returns take too long', codingIds: [model.codingId] })).json())
    const ok = await researcher.patch(`${base()}/${f.id}`, { metaInference: 'The survey disagrees: a vocal minority?', baseVersion: 1 })
    expect(FindingSchema.parse(ok.json())).toMatchObject({ version: 2, metaInference: 'The survey disagrees: a vocal minority?', evidence: [expect.anything()] })
    const lost = await researcher.patch(`${base()}/${f.id}`, { statement: 'Returns are slow', baseVersion: 1 })
    expect(lost.statusCode).toBe(409)
    expect(lost.json().code).toBe('FINDING_CONFLICT')
    await t.db.deleteFrom('coding').where('id', '=', model.codingId).execute()
    expect(FindingSchema.parse((await researcher.get(`${base()}/${f.id}`)).json()).evidence).toEqual([])
    expect((await researcher.delete(`${base()}/${f.id}`)).statusCode).toBe(204)
    expect((await researcher.get(`${base()}/${f.id}`)).statusCode).toBe(404)
    expect((await researcher.get(`${base()}/${randomUUID()}`)).json().code).toBe('FINDING_NOT_FOUND')
  })
})
