import { randomUUID } from 'node:crypto'
import { FindingListSchema, FindingSchema, VerificationSchema } from '@klantreis/shared/findings'
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
    expect(f.evidence).toEqual([
      expect.objectContaining({
        codingId: model.codingId,
        quote: 'The parcel',
        valence: 'pain',
        participant: expect.stringMatching(/^P-[0-9a-f]{6}$/),
      }),
    ])
    expect(JSON.stringify(f.evidence)).not.toContain('Pat') // the participant's name never shows
    expect(f.operationalizations).toEqual([
      expect.objectContaining({
        metric: 'detractor_share',
        sesoi: 0.05,
        primary: true,
        claim: { kind: 'comparative', reference: 'rest', direction: 'higher' },
      }),
    ])
    const list = FindingListSchema.parse((await researcher.get(base())).json())
    expect(list.items.map((x) => x.statement)).toContain('Waiting for delivery is frustrating')
  })

  it('refuses a question of another study, a measure that does not fit the question, two primaries, and foreign evidence', async () => {
    const foreignSurvey = await researcher.post(base(), {
      statement: 'x',
      operationalizations: [operationalization({ surveyId: other.surveyId })],
    })
    expect(foreignSurvey.statusCode).toBe(404)
    expect(foreignSurvey.json().code).toBe('SURVEY_NOT_FOUND')
    const unknownQuestion = await researcher.post(base(), {
      statement: 'x',
      operationalizations: [operationalization({ questionId: 'nope' })],
    })
    expect(unknownQuestion.json().details).toEqual([
      { path: 'body.operationalizations.0.questionId', message: 'no such question in this survey' },
    ])
    // the factory's empathy-free survey has only an NPS question; a text question cannot be measured at all
    const def = {
      kind: 'survey',
      languages: ['nl', 'en'],
      pages: [
        {
          id: 'p',
          title: { nl: 'P', en: 'P' },
          questions: [{ id: 'why', type: 'long_text', required: false, text: { nl: 'W', en: 'W' } }],
        },
      ],
    }
    const textSurvey = await t.db
      .insertInto('survey')
      .values({ study_id: model.studyId, title: 'Text', draft: JSON.stringify(def) })
      .returning('id')
      .executeTakeFirstOrThrow()
    const misfit = await researcher.post(base(), {
      statement: 'x',
      operationalizations: [operationalization({ surveyId: textSurvey.id, questionId: 'why', metric: 'mean' })],
    })
    expect(misfit.statusCode).toBe(400)
    expect(misfit.json().details).toEqual([
      { path: 'body.operationalizations.0.metric', message: 'a long text question cannot be measured as mean' },
    ])
    const share = await researcher.post(base(), {
      statement: 'x',
      operationalizations: [operationalization({ claim: { kind: 'level', threshold: 40, direction: 'at_least' } })],
    })
    expect(share.json().details).toEqual([
      {
        path: 'body.operationalizations.0.claim.threshold',
        message: 'a detractor_share threshold lies between 0 and 1',
      },
    ])
    const twoPrimaries = await researcher.post(base(), {
      statement: 'x',
      operationalizations: [operationalization(), operationalization({ metric: 'nps' })],
    })
    expect(twoPrimaries.json().details[0].path).toBe('body.operationalizations')
    const foreignCoding = (
      await t.db.selectFrom('coding').select('id').where('study_id', '=', other.studyId).executeTakeFirstOrThrow()
    ).id
    expect((await researcher.post(base(), { statement: 'x', codingIds: [foreignCoding] })).json().code).toBe(
      'CODING_NOT_FOUND',
    )
    expect(
      (await researcher.post(base(), { statement: 'x', touchpointIds: [other.touchpointIds[0]] })).json().code,
    ).toBe('TOUCHPOINT_NOT_FOUND')
  })

  it('an edit names the version it started from; evidence erased with its source leaves the finding', async () => {
    const f = FindingSchema.parse(
      (await researcher.post(base(), { statement: 'Returns take too long', codingIds: [model.codingId] })).json(),
    )
    const ok = await researcher.patch(`${base()}/${f.id}`, {
      metaInference: 'The survey disagrees: a vocal minority?',
      baseVersion: 1,
    })
    expect(FindingSchema.parse(ok.json())).toMatchObject({
      version: 2,
      metaInference: 'The survey disagrees: a vocal minority?',
      evidence: [expect.anything()],
    })
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

describe('verification against the survey (docs/analysis.md §5)', () => {
  it('gives a seeded study exactly its supported, contradicted, inconclusive and silent verdicts, with their numbers', async () => {
    const org = (
      await t.db.selectFrom('study').select('organization_id').where('id', '=', model.studyId).executeTakeFirstOrThrow()
    ).organization_id
    const s = await makeStudyWithModel(t.db, org)
    await t.db.deleteFrom('participant').where('study_id', '=', s.studyId).execute()
    const t3 = await t.db
      .insertInto('touchpoint')
      .values({ study_id: s.studyId, stage_id: s.stageIds[1]!, name: 'Returns', position: 0 })
      .returning('id')
      .executeTakeFirstOrThrow()
    const [t1, t2] = s.touchpointIds as [string, string]
    const q = (id: string, touchpointId: string) => ({
      id,
      type: 'csat',
      required: true,
      text: { nl: id, en: id },
      touchpointId,
      measure: 'satisfaction',
    })
    const def = {
      kind: 'survey',
      languages: ['nl', 'en'],
      pages: [{ id: 'p', title: { nl: 'P', en: 'P' }, questions: [q('c1', t1), q('c2', t2), q('c3', t3.id)] }],
    }
    const survey = await t.db
      .insertInto('survey')
      .values({ study_id: s.studyId, title: 'CSAT', draft: JSON.stringify(def), status: 'open' })
      .returning('id')
      .executeTakeFirstOrThrow()
    await t.db
      .insertInto('survey_version')
      .values({ survey_id: survey.id, version: 1, definition: JSON.stringify(def) })
      .execute()
    // 60 respondents who rate all three (a paired design): 40 % unhappy with touchpoint 1, 5 % with 2,
    // and 31 of 60 (52 %) happy with 3
    for (let i = 0; i < 60; i++) {
      const p = await t.db
        .insertInto('participant')
        .values({ study_id: s.studyId, email: `r${i}@example.com` })
        .returning('id')
        .executeTakeFirstOrThrow()
      const r = randomUUID()
      await t.db
        .insertInto('survey_response')
        .values({
          id: r,
          survey_id: survey.id,
          version: 1,
          participant_id: p.id,
          status: 'complete',
          completed_at: new Date(),
        })
        .execute()
      const values = { c1: i < 24 ? 1 + (i % 2) : 4, c2: i < 3 ? 2 : 5, c3: i < 31 ? 4 + (i % 2) : 3 }
      await t.db
        .insertInto('survey_answer')
        .values(
          Object.entries(values).map(([question_id, v]) => ({ response_id: r, question_id, value: JSON.stringify(v) })),
        )
        .execute()
    }
    const b = `/api/v1/studies/${s.studyId}/findings`
    const create = async (statement: string, operationalizations: object[]) =>
      FindingSchema.parse((await researcher.post(b, { statement, operationalizations })).json()).id
    const worse = { kind: 'comparative', reference: 'rest', direction: 'higher' }
    const supported = await create('Touchpoint 1 frustrates', [
      { surveyId: survey.id, questionId: 'c1', metric: 'bottom2box', claim: worse },
    ])
    const contradicted = await create('Touchpoint 2 frustrates', [
      { surveyId: survey.id, questionId: 'c2', metric: 'bottom2box', claim: worse },
    ])
    const inconclusive = await create('Most customers like returns', [
      {
        surveyId: survey.id,
        questionId: 'c3',
        metric: 'top2box',
        claim: { kind: 'level', threshold: 0.5, direction: 'at_least' },
      },
    ])
    const silent = await create('The packaging is wasteful', [])

    const v = VerificationSchema.parse((await researcher.get(`${b}/verification`)).json())
    const of = (id: string) => v.items.find((x) => x.findingId === id)!
    expect(v.settings).toMatchObject({ alpha: 0.05, adjustment: 'bh', minN: 30 })

    // touchpoint 1: bottom-2 40 % against the rest's 2.5 %: d̄ = (3 × 0.5 + 21 × 1) / 60 = 0.375
    const s1 = of(supported)
    expect(s1).toMatchObject({ status: 'supported', fit: 'confirmation' })
    expect(s1.results[0]).toMatchObject({
      design: 'paired',
      reason: 'strongly supported',
      target: { value: 0.4, n: 60 },
    })
    expect(s1.results[0]!.estimate).toBeCloseTo(0.375, 9)
    expect(s1.results[0]!.lower!).toBeGreaterThan(0.05)
    expect(s1.results[0]!.pAdjusted!).toBeLessThan(0.001)

    // touchpoint 2: 5 % against 20 %: reversed, d̄ = (3 × 0.5 − 21 × 0.5) / 60 = −0.15
    const s2 = of(contradicted)
    expect(s2).toMatchObject({ status: 'contradicted', fit: 'discordance' })
    expect(s2.results[0]).toMatchObject({ reason: 'reversed' })
    expect(s2.results[0]!.estimate).toBeCloseTo(-0.15, 9)
    expect(s2.results[0]!.upper!).toBeLessThan(0)

    // touchpoint 3: 31/60 = 51.7 % against "at least half": the Wilson interval holds both
    const s3 = of(inconclusive)
    expect(s3).toMatchObject({ status: 'inconclusive', fit: 'open' })
    expect(s3.results[0]).toMatchObject({
      design: 'one-sample',
      reason: 'the interval fits both no effect and a meaningful one',
    })
    expect(s3.results[0]!.estimate).toBeCloseTo(31 / 60 - 0.5, 9)
    expect(s3.results[0]!.lower!).toBeLessThan(0)
    expect(s3.results[0]!.upper!).toBeGreaterThan(0)
    expect(s3.results[0]!.nNeeded!).toBeGreaterThan(60)

    expect(of(silent)).toEqual({ findingId: silent, status: 'silence', fit: 'silence', results: [] })
    // Holm for a few confirmatory findings: never smaller than BH's
    const holmed = VerificationSchema.parse((await researcher.get(`${b}/verification?adjustment=holm`)).json())
    expect(holmed.items.find((x) => x.findingId === supported)!.results[0]!.pAdjusted!).toBeGreaterThanOrEqual(
      s1.results[0]!.pAdjusted!,
    )
  })

  it('zero responses and identical answers are inconclusive, not errors', async () => {
    const f = FindingSchema.parse(
      (
        await researcher.post(base(), {
          statement: 'Nobody answered yet',
          operationalizations: [
            operationalization({ metric: 'nps', claim: { kind: 'level', threshold: 0, direction: 'at_least' } }),
          ],
        })
      ).json(),
    )
    const v = VerificationSchema.parse((await researcher.get(`${base()}/verification`)).json())
    expect(v.items.find((x) => x.findingId === f.id)).toMatchObject({
      status: 'inconclusive',
      results: [{ reason: 'insufficient data', target: { n: 0 } }],
    })
  })
})
