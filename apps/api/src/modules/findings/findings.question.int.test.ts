import { randomUUID } from 'node:crypto'
import { AddFindingQuestionResultSchema, FindingSchema, VerificationSchema } from '@klantreis/shared/findings'
import { SurveyDetailSchema, SurveyVersionSchema } from '@klantreis/shared/surveys'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type Client, login, type TestApp } from '../../../test/build-test-app.js'
import { makeMember, makeOrganization, makeStudyWithModel } from '../../../test/factories.js'

/** "Add a question for this finding": a finding no survey item measures gets a CSAT question in a draft. */

let t: TestApp
let researcher: Client
let viewer: Client
let model: Awaited<ReturnType<typeof makeStudyWithModel>>
let other: Awaited<ReturnType<typeof makeStudyWithModel>>
let website: string
let friend: string
const base = () => `/api/v1/studies/${model.studyId}`
const add = (findingId: string, body: object, c: Client = researcher) =>
  c.post(`${base()}/findings/${findingId}/question`, body)
const draftOf = async (surveyId: string) =>
  SurveyDetailSchema.parse((await researcher.get(`${base()}/surveys/${surveyId}`)).json()).draft

/** A coding of the factory's diary entry with a valence, as evidence. */
async function evidence(valence: 'pain' | 'gain' | 'neutral') {
  const res = await researcher.put(`${base()}/codings/${randomUUID()}`, {
    source: `diary_entry:${model.entryId}`,
    start: 0,
    end: 10,
    valence,
  })
  expect(res.statusCode, res.body).toBe(201)
  return res.json().id as string
}
async function finding(statement: string, touchpointIds: string[], codingIds: string[]) {
  const res = await researcher.post(`${base()}/findings`, { statement, touchpointIds, codingIds })
  expect(res.statusCode, res.body).toBe(201)
  return FindingSchema.parse(res.json())
}

beforeAll(async () => {
  t = await buildTestApp()
  const org = await makeOrganization(t.db)
  const r = await makeMember(t.db, org.id, 'researcher')
  const v = await makeMember(t.db, org.id, 'viewer')
  ;[researcher, viewer] = await Promise.all([login(t.app, r.email, r.password), login(t.app, v.email, v.password)])
  model = await makeStudyWithModel(t.db, org.id)
  other = await makeStudyWithModel(t.db, org.id)
  ;[website, friend] = model.touchpointIds as [string, string]
})
afterAll(() => t?.close())

describe('a question for a silent finding', () => {
  it('adds a CSAT question about the touchpoint to the draft of a published survey, and the measure to the finding; twice is once', async () => {
    const f = await finding('The website frustrates students', [website], [model.codingId]) // the factory's coding is a pain
    const before = VerificationSchema.parse((await researcher.get(`${base()}/findings/verification`)).json())
    expect(before.items.find((x) => x.findingId === f.id)!.status).toBe('silence')

    const res = await add(f.id, { surveyId: model.surveyId })
    expect(res.statusCode, res.body).toBe(201)
    const r = AddFindingQuestionResultSchema.parse(res.json())
    const questionId = `tp-${website.slice(0, 8)}-csat`
    expect(r).toMatchObject({
      surveyId: model.surveyId,
      questionId,
      questionCreated: true,
      operationalizationCreated: true,
    })
    expect(r.finding.version).toBe(2)
    expect(r.finding.operationalizations).toEqual([
      {
        id: expect.any(String),
        surveyId: model.surveyId,
        questionId,
        touchpointId: website,
        metric: 'bottom2box',
        claim: { kind: 'comparative', reference: 'rest', direction: 'higher' },
        sesoi: 0.05,
        primary: true,
      },
    ])
    // the generator's wording, in both languages of the survey; on a new page for the touchpoint's stage
    const draft = await draftOf(model.surveyId)
    expect(draft.pages.map((p) => p.id)).toEqual(['p1', 'stage-1'])
    expect(draft.pages[1]).toEqual({
      id: 'stage-1',
      title: { nl: 'Orientation', en: 'Orientation' },
      questions: [
        {
          id: questionId,
          type: 'csat',
          text: { nl: 'Hoe tevreden bent u over Website?', en: 'How satisfied are you with Website?' },
          help: { nl: '1 = zeer ontevreden, 5 = zeer tevreden', en: '1 = very dissatisfied, 5 = very satisfied' },
          required: false,
          touchpointId: website,
          measure: 'satisfaction',
        },
      ],
    })
    // the published version stays as it was
    const v1 = SurveyVersionSchema.parse(
      (await researcher.get(`${base()}/surveys/${model.surveyId}/versions/1`)).json(),
    )
    expect(v1.definition.pages.flatMap((p) => p.questions.map((q) => q.id))).toEqual(['nps'])

    const again = await add(f.id, { surveyId: model.surveyId })
    expect(again.statusCode, again.body).toBe(200)
    expect(AddFindingQuestionResultSchema.parse(again.json())).toMatchObject({
      questionId,
      questionCreated: false,
      operationalizationCreated: false,
      finding: { version: 2 },
    })
    expect((await draftOf(model.surveyId)).pages.flatMap((p) => p.questions.map((q) => q.id))).toEqual([
      'nps',
      questionId,
    ])
    expect(
      FindingSchema.parse((await researcher.get(`${base()}/findings/${f.id}`)).json()).operationalizations,
    ).toHaveLength(1)

    // silent until published; then testable (inconclusive for want of answers)
    expect(
      VerificationSchema.parse((await researcher.get(`${base()}/findings/verification`)).json()).items.find(
        (x) => x.findingId === f.id,
      )!.status,
    ).toBe('silence')
    expect((await researcher.post(`${base()}/surveys/${model.surveyId}/publish`)).statusCode).toBe(201)
    const after = VerificationSchema.parse((await researcher.get(`${base()}/findings/verification`)).json()).items.find(
      (x) => x.findingId === f.id,
    )!
    expect(after).toMatchObject({
      status: 'inconclusive',
      results: [{ reason: 'insufficient data', target: { n: 0 } }],
    })
  })

  it('links a CSAT question the draft already asks about the touchpoint; gain evidence is tested as top-2-box', async () => {
    const gain = await evidence('gain')
    const f = await finding('Students like the website', [website], [gain])
    const res = await add(f.id, { surveyId: model.surveyId })
    expect(res.statusCode, res.body).toBe(201)
    const r = AddFindingQuestionResultSchema.parse(res.json())
    expect(r).toMatchObject({
      questionId: `tp-${website.slice(0, 8)}-csat`,
      questionCreated: false,
      operationalizationCreated: true,
    })
    expect(r.finding.operationalizations).toMatchObject([
      { metric: 'top2box', claim: { kind: 'comparative', reference: 'rest', direction: 'higher' }, primary: true },
    ])
    expect((await draftOf(model.surveyId)).pages.flatMap((p) => p.questions)).toHaveLength(2)
  })

  it("puts the question on a new survey's empty page, and asks which touchpoint when the finding names several", async () => {
    const s = SurveyDetailSchema.parse(
      (await researcher.post(`${base()}/surveys`, { title: 'Follow-up', kind: 'survey' })).json(),
    )
    const f = await finding('Friends and the website disappoint', [website, friend], [model.codingId])
    const which = await add(f.id, { surveyId: s.id })
    expect(which.statusCode).toBe(400)
    expect(which.json().details).toEqual([
      { path: 'body.touchpointId', message: 'the finding names several touchpoints: say which one to ask about' },
    ])
    const res = await add(f.id, { surveyId: s.id, touchpointId: friend })
    expect(res.statusCode, res.body).toBe(201)
    const draft = await draftOf(s.id)
    expect(draft.pages.map((p) => [p.id, p.questions.map((q) => [q.type, q.touchpointId, q.text.en])])).toEqual([
      ['page-1', [['csat', friend, 'How satisfied are you with Friend?']]],
    ])
    expect(AddFindingQuestionResultSchema.parse(res.json()).finding.operationalizations[0]).toMatchObject({
      surveyId: s.id,
      touchpointId: friend,
    })
  })

  it('refuses a closed survey (409), an empathy-map questionnaire, a finding without touchpoint or pain/gain, and bad bodies (400)', async () => {
    const f = await finding('The website is slow', [website], [model.codingId])
    const closed = SurveyDetailSchema.parse(
      (await researcher.post(`${base()}/surveys`, { title: 'Closed', kind: 'survey' })).json(),
    )
    await t.db.updateTable('survey').set({ status: 'closed' }).where('id', '=', closed.id).execute()
    const refused = await add(f.id, { surveyId: closed.id })
    expect(refused.statusCode).toBe(409)
    expect(refused.json()).toMatchObject({
      code: 'SURVEY_CLOSED',
      message: 'This survey is closed; reopen it before adding questions',
    })
    expect((await draftOf(closed.id)).pages[0]!.questions).toEqual([])

    const map = SurveyDetailSchema.parse(
      (await researcher.post(`${base()}/surveys`, { title: 'Map', kind: 'empathy_map' })).json(),
    )
    const wrongKind = await add(f.id, { surveyId: map.id })
    expect(wrongKind.statusCode).toBe(400)
    expect(wrongKind.json().details).toEqual([
      { path: 'body.surveyId', message: 'an empathy-map questionnaire takes no CSAT question; choose a survey' },
    ])

    const noTouchpoint = await finding('Something hurts', [], [model.codingId])
    expect((await add(noTouchpoint.id, { surveyId: model.surveyId })).json().details).toEqual([
      { path: 'body.touchpointId', message: 'the finding names no touchpoint to ask about' },
    ])
    const neutral = await finding('Something happens', [website], [await evidence('neutral')])
    expect((await add(neutral.id, { surveyId: model.surveyId })).json().details).toEqual([
      { path: 'params.findingId', message: 'the evidence has no pain or gain to test' },
    ])
    expect((await add(f.id, { surveyId: model.surveyId, touchpointId: friend })).json().details).toEqual([
      { path: 'body.touchpointId', message: 'not a touchpoint of this finding' },
    ])

    for (const [body, path] of [
      [{}, 'body.surveyId'],
      [{ surveyId: 'nope' }, 'body.surveyId'],
      [{ surveyId: model.surveyId, extra: 1 }, 'body.extra'],
    ] as const) {
      const res = await add(f.id, body)
      expect(res.statusCode).toBe(400)
      expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED', details: [expect.objectContaining({ path })] })
    }
    expect(
      FindingSchema.parse((await researcher.get(`${base()}/findings/${f.id}`)).json()).operationalizations,
    ).toEqual([])
  })

  it("answers 404 for another study's survey or finding, and 403 to a viewer", async () => {
    const f = await finding('The website confuses', [website], [model.codingId])
    const foreignSurvey = await add(f.id, { surveyId: other.surveyId })
    expect(foreignSurvey.statusCode).toBe(404)
    expect(foreignSurvey.json().code).toBe('SURVEY_NOT_FOUND')
    const foreignFinding = await add(other.findingId, { surveyId: model.surveyId })
    expect(foreignFinding.statusCode).toBe(404)
    expect(foreignFinding.json().code).toBe('FINDING_NOT_FOUND')
    const asViewer = await add(f.id, { surveyId: model.surveyId }, viewer)
    expect(asViewer.statusCode).toBe(403)
    expect(asViewer.json().code).toBe('FORBIDDEN')
    // the other study's draft was not touched
    expect(
      (await t.db.selectFrom('survey').select('draft').where('id', '=', other.surveyId).executeTakeFirstOrThrow())
        .draft,
    ).toMatchObject({ pages: [{ id: 'p1' }] })
    expect(
      FindingSchema.parse((await researcher.get(`${base()}/findings/${f.id}`)).json()).operationalizations,
    ).toEqual([])
  })
})
