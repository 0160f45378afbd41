import { randomUUID } from 'node:crypto'
import { DashboardSchema } from '@klantreis/shared/dashboard'
import { wilsonInterval } from '@klantreis/shared/stats'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type Client, login, type TestApp } from '../../../test/build-test-app.js'
import { makeMember, makeOrganization, makeStudyWithModel } from '../../../test/factories.js'

let t: TestApp
let analyst: Client
let model: Awaited<ReturnType<typeof makeStudyWithModel>>

beforeAll(async () => {
  t = await buildTestApp()
  const org = await makeOrganization(t.db)
  const a = await makeMember(t.db, org.id, 'analyst')
  analyst = await login(t.app, a.email, a.password)
  model = await makeStudyWithModel(t.db, org.id)
  const [website, friend] = model.touchpointIds as [string, string]
  await t.db.deleteFrom('diary_entry').where('study_id', '=', model.studyId).execute()
  const entry = (touchpointId: string, emotion: number, valence: string) =>
    t.db
      .insertInto('diary_entry')
      .values({ id: randomUUID(), study_id: model.studyId, participant_id: model.participantId, occurred_at: new Date('2026-11-20T10:00:00Z'), touchpoint_id: touchpointId, emotion, valence, text: 'x' })
      .execute()
  await entry(website, -2, 'pain')
  await entry(website, -3, 'pain')
  await entry(website, -1, 'pain')
  await entry(friend, 2, 'gain')
  // a survey: CSAT about the website, emotion about the friend's advice, and the overall NPS
  const q = (id: string, type: string, touchpointId: string | null) => ({ id, type, required: false, text: { nl: id, en: id }, ...(touchpointId ? { touchpointId } : {}) })
  const def = { kind: 'survey', languages: ['nl', 'en'], pages: [{ id: 'p', title: { nl: 'P', en: 'P' }, questions: [q('c', 'csat', website), q('e', 'emotion', friend), q('n', 'nps', null)] }] }
  const survey = await t.db.insertInto('survey').values({ study_id: model.studyId, title: 'Scores', draft: JSON.stringify(def), status: 'open' }).returning('id').executeTakeFirstOrThrow()
  await t.db.insertInto('survey_version').values({ survey_id: survey.id, version: 1, definition: JSON.stringify(def) }).execute()
  const rows: [number, number, number][] = [
    [5, 2, 10],
    [4, 1, 9],
    [2, 3, 7],
    [1, 2, 3],
    [5, 2, 8],
  ]
  for (const [c, e, n] of rows) {
    const r = randomUUID()
    await t.db.insertInto('survey_response').values({ id: r, survey_id: survey.id, version: 1, status: 'complete', completed_at: new Date() }).execute()
    await t.db
      .insertInto('survey_answer')
      .values([
        { response_id: r, question_id: 'c', value: JSON.stringify(c) },
        { response_id: r, question_id: 'e', value: JSON.stringify(e) },
        { response_id: r, question_id: 'n', value: JSON.stringify(n) },
      ])
      .execute()
  }
})
afterAll(() => t?.close())

describe('the journey dashboard', () => {
  it('shows pain and gain, both emotion curves with peak and end, the scores with their intervals and the NPS', async () => {
    const res = await analyst.get(`/api/v1/studies/${model.studyId}/dashboard`)
    expect(res.statusCode, res.body).toBe(200)
    const d = DashboardSchema.parse(res.json())
    const [website, friend] = d.touchpoints
    expect(d.touchpoints.map((x) => x.name)).toEqual(['Website', 'Friend'])
    expect(website!.painGain.diary).toEqual({ pain: 3, gain: 0, neutral: 0 })
    expect(website!.experienced).toMatchObject({ estimate: -2, n: 3 })
    // mean −2, sd 1, n 3: ± t(0.975, 2) · 1/√3 = ± 2.4841
    expect(website!.experienced.upper! - website!.experienced.estimate!).toBeCloseTo(4.302652729 / Math.sqrt(3), 6)
    expect(friend!.remembered).toMatchObject({ estimate: 2, n: 5 })
    const top2 = wilsonInterval(3, 5)
    expect(website!.csatTop2).toEqual({ estimate: 0.6, lower: top2.lower, upper: top2.upper, n: 5 })
    expect(website!.csatMean).toMatchObject({ estimate: 3.4, n: 5 })
    expect(d.peakTouchpointId).toBe(website!.id)
    expect(d.endTouchpointId).toBe(friend!.id)
    // 2 promoters, 2 passives, 1 detractor of 5: NPS +20
    expect(d.nps).toMatchObject({ promoters: 2, passives: 2, detractors: 1, n: 5, score: 20 })
    expect(d.nps.lower!).toBeLessThan(20)
    expect(d.nps.upper!).toBeGreaterThan(20)
  })

  it('filters by persona and period; no data is a dashboard of empty values, not an error', async () => {
    const other = await t.db.insertInto('persona').values({ study_id: model.studyId, name: 'Retired', attributes: '{}', position: 1 }).returning('id').executeTakeFirstOrThrow()
    const d = DashboardSchema.parse((await analyst.get(`/api/v1/studies/${model.studyId}/dashboard?personaId=${other.id}`)).json())
    expect(d.touchpoints[0]).toMatchObject({ experienced: { estimate: null, n: 0 }, csatTop2: { estimate: null, n: 0 } })
    expect(d.nps).toMatchObject({ n: 0, score: null })
    expect(d.peakTouchpointId).toBeNull()
    const before = DashboardSchema.parse((await analyst.get(`/api/v1/studies/${model.studyId}/dashboard?to=2026-11-19`)).json())
    expect(before.touchpoints[0]!.experienced.n).toBe(0)
    const bad = await analyst.get(`/api/v1/studies/${model.studyId}/dashboard?from=yesterday`)
    expect(bad.statusCode).toBe(400)
    expect(bad.json().details[0].path).toBe('querystring.from')
  })
})
