import { randomUUID } from 'node:crypto'
import { DashboardQuotesSchema, DashboardSchema } from '@klantreis/shared/dashboard'
import { npsInterval, spearman, wilsonInterval } from '@klantreis/stats'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type Client, login, type TestApp } from '../../../test/build-test-app.js'
import { makeMember, makeOrganization, makeStudyWithModel } from '../../../test/factories.js'
import {
  countsFromRollups,
  countsLive,
  foldPending,
  rebuildRollups,
  type SurveyCounts,
} from './dashboard.rollup.queries.js'

let t: TestApp
let analyst: Client
let model: Awaited<ReturnType<typeof makeStudyWithModel>>
let orgId: string

beforeAll(async () => {
  t = await buildTestApp()
  const org = await makeOrganization(t.db)
  orgId = org.id
  const a = await makeMember(t.db, org.id, 'analyst')
  analyst = await login(t.app, a.email, a.password)
  model = await makeStudyWithModel(t.db, org.id)
  const [website, friend] = model.touchpointIds as [string, string]
  await t.db.deleteFrom('diary_entry').where('study_id', '=', model.studyId).execute()
  const entry = (touchpointId: string, emotion: number, valence: string) =>
    t.db
      .insertInto('diary_entry')
      .values({
        id: randomUUID(),
        study_id: model.studyId,
        participant_id: model.participantId,
        occurred_at: new Date('2026-11-20T10:00:00Z'),
        touchpoint_id: touchpointId,
        emotion,
        valence,
        text: 'x',
      })
      .execute()
  await entry(website, -2, 'pain')
  await entry(website, -3, 'pain')
  await entry(website, -1, 'pain')
  await entry(friend, 2, 'gain')
  // a survey: CSAT about the website, emotion about the friend's advice, and the overall NPS
  const q = (id: string, type: string, touchpointId: string | null) => ({
    id,
    type,
    required: false,
    text: { nl: id, en: id },
    ...(touchpointId ? { touchpointId } : {}),
  })
  const def = {
    kind: 'survey',
    languages: ['nl', 'en'],
    pages: [
      {
        id: 'p',
        title: { nl: 'P', en: 'P' },
        questions: [q('c', 'csat', website), q('e', 'emotion', friend), q('n', 'nps', null)],
      },
    ],
  }
  const survey = await t.db
    .insertInto('survey')
    .values({ study_id: model.studyId, title: 'Scores', draft: JSON.stringify(def), status: 'open' })
    .returning('id')
    .executeTakeFirstOrThrow()
  await t.db
    .insertInto('survey_version')
    .values({ survey_id: survey.id, version: 1, definition: JSON.stringify(def) })
    .execute()
  const rows: [number, number, number][] = [
    [5, 2, 10],
    [4, 1, 9],
    [2, 3, 7],
    [1, 2, 3],
    [5, 2, 8],
  ]
  for (const [c, e, n] of rows) {
    const r = randomUUID()
    await t.db
      .insertInto('survey_response')
      .values({ id: r, survey_id: survey.id, version: 1, status: 'complete', completed_at: new Date() })
      .execute()
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
    const other = await t.db
      .insertInto('persona')
      .values({ study_id: model.studyId, name: 'Retired', attributes: '{}', position: 1 })
      .returning('id')
      .executeTakeFirstOrThrow()
    const d = DashboardSchema.parse(
      (await analyst.get(`/api/v1/studies/${model.studyId}/dashboard?personaId=${other.id}`)).json(),
    )
    expect(d.touchpoints[0]).toMatchObject({
      experienced: { estimate: null, n: 0 },
      csatTop2: { estimate: null, n: 0 },
    })
    expect(d.nps).toMatchObject({ n: 0, score: null })
    expect(d.peakTouchpointId).toBeNull()
    const before = DashboardSchema.parse(
      (await analyst.get(`/api/v1/studies/${model.studyId}/dashboard?to=2026-11-19`)).json(),
    )
    expect(before.touchpoints[0]!.experienced.n).toBe(0)
    const bad = await analyst.get(`/api/v1/studies/${model.studyId}/dashboard?from=yesterday`)
    expect(bad.statusCode).toBe(400)
    expect(bad.json().details[0].path).toBe('querystring.from')
  })
})

/**
 * A second study with 60 respondents: the website's CSAT and the NPS go together, everyone gives the
 * friend's advice a 5, a third are new customers, half have the persona, the answers span ten days.
 */
describe('rollups, importance, moments of truth, segments and quotes', () => {
  let m: Awaited<ReturnType<typeof makeStudyWithModel>>
  let surveyId: string
  const raw: { csat: number; nps: number; segment: string; persona: boolean; day: string }[] = []
  const csatOf = (i: number) => 1 + ((i * 7) % 5)
  const npsOf = (i: number) => Math.max(0, Math.min(10, csatOf(i) * 2 + (i % 3) - 1))

  async function respond(i: number) {
    const segment = i % 3 === 0 ? 'new' : 'returning'
    const persona = i % 2 === 0
    const day = `2026-11-${String(1 + (i % 10)).padStart(2, '0')}`
    const p = await t.db
      .insertInto('participant')
      .values({
        study_id: m.studyId,
        email: `r${i}-${randomUUID()}@example.com`,
        persona_id: persona ? m.personaId : null,
        segments: JSON.stringify({ customerType: segment }) as never,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    const r = randomUUID()
    await t.db
      .insertInto('survey_response')
      .values({
        id: r,
        survey_id: surveyId,
        version: 1,
        participant_id: p.id,
        status: 'complete',
        completed_at: new Date(`${day}T12:00:00Z`),
      })
      .execute()
    await t.db
      .insertInto('survey_answer')
      .values([
        { response_id: r, question_id: 'c', value: JSON.stringify(csatOf(i)) },
        { response_id: r, question_id: 'c2', value: JSON.stringify(5) },
        { response_id: r, question_id: 'e', value: JSON.stringify((i % 7) - 3) },
        { response_id: r, question_id: 'n', value: JSON.stringify(npsOf(i)) },
      ])
      .execute()
    raw.push({ csat: csatOf(i), nps: npsOf(i), segment, persona, day })
  }
  const dashboard = async (query = '') => {
    const res = await analyst.get(`/api/v1/studies/${m.studyId}/dashboard${query}`)
    expect(res.statusCode, res.body).toBe(200)
    return DashboardSchema.parse(res.json())
  }
  const sorted = (c: SurveyCounts) => ({
    responses: c.responses,
    values: [...c.values].sort((a, b) =>
      `${a.touchpoint_id}${a.type}${a.value}`.localeCompare(`${b.touchpoint_id}${b.type}${b.value}`),
    ),
    pairs: [...c.pairs].sort((a, b) =>
      `${a.touchpoint_id}${a.csat}:${a.nps}`.localeCompare(`${b.touchpoint_id}${b.csat}:${b.nps}`),
    ),
  })

  beforeAll(async () => {
    m = await makeStudyWithModel(t.db, orgId)
    const [website, friend] = m.touchpointIds as [string, string]
    const q = (id: string, type: string, touchpointId: string | null) => ({
      id,
      type,
      required: false,
      text: { nl: id, en: id },
      ...(touchpointId ? { touchpointId } : {}),
    })
    const def = {
      kind: 'survey',
      languages: ['nl', 'en'],
      pages: [
        {
          id: 'p',
          title: { nl: 'P', en: 'P' },
          questions: [q('c', 'csat', website), q('c2', 'csat', friend), q('e', 'emotion', friend), q('n', 'nps', null)],
        },
      ],
    }
    surveyId = (
      await t.db
        .insertInto('survey')
        .values({ study_id: m.studyId, title: 'Big', draft: JSON.stringify(def), status: 'open' })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id
    await t.db
      .insertInto('survey_version')
      .values({ survey_id: surveyId, version: 1, definition: JSON.stringify(def) })
      .execute()
    for (let i = 0; i < 60; i += 1) await respond(i)
  })

  it('reads the same from the rollups as from the answers: before the fold, after it, with a tail, and rebuilt', async () => {
    const before = await dashboard()
    expect(before.responses).toBe(60)
    expect(await foldPending(t.db)).toBeGreaterThanOrEqual(60)
    const unfolded = await sql<{
      n: number
    }>`select count(*)::int as n from survey_response where survey_id = ${surveyId}::uuid and not rolled_up`.execute(
      t.db,
    )
    expect(unfolded.rows[0]!.n).toBe(0)
    expect(await dashboard()).toEqual(before)
    const rollupRows = await sql<{
      n: number
    }>`select count(*)::int as n from survey_rollup where study_id = ${m.studyId}::uuid`.execute(t.db)
    expect(rollupRows.rows[0]!.n).toBeGreaterThan(0)

    // five more after the fold: rollups and tail together
    for (let i = 60; i < 65; i += 1) await respond(i)
    const filters: { personaId?: string; segment?: { key: string; value: string }; from?: string; to?: string }[] = [
      {},
      { personaId: m.personaId },
      { from: '2026-11-03', to: '2026-11-06' },
      { personaId: m.personaId, from: '2026-11-05' },
      { from: '2026-10-15', to: '2026-11-30' },
      { to: '2026-11-05' },
      { from: '2026-11-01' },
      { segment: { key: 'customerType', value: 'new' } },
      { segment: { key: 'customerType', value: 'returning' }, from: '2026-11-04' },
    ]
    for (const f of filters) {
      const live = sorted(await countsLive(t.db, m.studyId, f))
      expect(sorted(await countsFromRollups(t.db, m.studyId, f))).toEqual(live)
      expect(live.responses).toBe(
        raw.filter(
          (r) =>
            (!f.personaId || r.persona) &&
            (!f.segment || r.segment === f.segment.value) &&
            (!f.from || r.day >= f.from) &&
            (!f.to || r.day <= f.to),
        ).length,
      )
    }
    expect(await foldPending(t.db)).toBeGreaterThanOrEqual(5)
    expect(await foldPending(t.db)).toBe(0)
    const all = sorted(await countsLive(t.db, m.studyId, {}))
    expect(sorted(await countsFromRollups(t.db, m.studyId, {}))).toEqual(all)
    await rebuildRollups(t.db, m.studyId)
    expect(sorted(await countsFromRollups(t.db, m.studyId, {}))).toEqual(all)
    expect((await dashboard()).responses).toBe(65)
  })

  it("moves a participant's folded answers when their persona or segments change", async () => {
    await foldPending(t.db)
    const [someone] = await t.db
      .selectFrom('survey_response')
      .select('participant_id')
      .where('survey_id', '=', surveyId)
      .where('rolled_up', '=', true)
      .orderBy('participant_id')
      .limit(1)
      .execute()
    const r = await makeMember(t.db, orgId, 'researcher')
    const researcher = await login(t.app, r.email, r.password)
    const had = (
      await t.db
        .selectFrom('participant')
        .select('persona_id')
        .where('id', '=', someone!.participant_id!)
        .executeTakeFirstOrThrow()
    ).persona_id
    const res = await researcher.patch(`/api/v1/studies/${m.studyId}/participants/${someone!.participant_id}`, {
      personaId: had ? null : m.personaId,
    })
    expect(res.statusCode, res.body).toBe(200)
    const { rows } = await sql<{
      rolled_up: boolean
    }>`select rolled_up from survey_response where participant_id = ${someone!.participant_id}::uuid`.execute(t.db)
    expect(rows).toEqual([{ rolled_up: false }])
    const same = async () => {
      for (const f of [
        {},
        { personaId: m.personaId },
        { segment: { key: 'customerType', value: 'new' } },
        { segment: { key: 'customerType', value: 'returning' } },
      ])
        expect(sorted(await countsFromRollups(t.db, m.studyId, f))).toEqual(
          sorted(await countsLive(t.db, m.studyId, f)),
        )
    }
    await same()
    expect(await foldPending(t.db)).toBe(1)
    await same()
    // a segment change moves them the same way
    const segments = (
      await t.db
        .selectFrom('participant')
        .select('segments')
        .where('id', '=', someone!.participant_id!)
        .executeTakeFirstOrThrow()
    ).segments
    const flipped = { customerType: segments.customerType === 'new' ? 'returning' : 'new' }
    expect(
      (
        await researcher.patch(`/api/v1/studies/${m.studyId}/participants/${someone!.participant_id}`, {
          segments: flipped,
        })
      ).statusCode,
    ).toBe(200)
    await same()
    expect(await foldPending(t.db)).toBe(1)
    await same()
    // put it back, so the other tests see the data as made
    expect(
      (
        await researcher.patch(`/api/v1/studies/${m.studyId}/participants/${someone!.participant_id}`, {
          personaId: had,
          segments,
        })
      ).statusCode,
    ).toBe(200)
    await foldPending(t.db)
    await same()
  })

  it('derives importance (Spearman with the NPS), the moment-of-truth impact and prevalence, and the IPA quadrants', async () => {
    const d = await dashboard()
    const [website, friend] = d.touchpoints
    const rho = spearman(
      raw.map((r) => r.csat),
      raw.map((r) => r.nps),
    )
    expect(website!.importance.n).toBe(raw.length)
    expect(website!.importance.rho!).toBeCloseTo(rho.rho, 12)
    expect(website!.importance.lower!).toBeCloseTo(rho.lower, 12)
    expect(website!.importance.p!).toBeCloseTo(rho.p, 12)
    // NPS of the satisfied (CSAT 4–5) minus NPS of the dissatisfied (1–2), in points
    const split = (rs: typeof raw) => ({
      promoters: rs.filter((r) => r.nps >= 9).length,
      passives: rs.filter((r) => r.nps === 7 || r.nps === 8).length,
      detractors: rs.filter((r) => r.nps <= 6).length,
    })
    const sat = raw.filter((r) => r.csat >= 4)
    const dis = raw.filter((r) => r.csat <= 2)
    const impact = npsInterval(split(sat)).nps - npsInterval(split(dis)).nps
    expect(website!.momentOfTruth.impact).toMatchObject({ nSatisfied: sat.length, nDissatisfied: dis.length })
    expect(website!.momentOfTruth.impact.estimate).toBeCloseTo(impact * 100, 1)
    expect(website!.momentOfTruth.impact.lower!).toBeGreaterThan(20)
    const prevalence = wilsonInterval(dis.length, raw.length)
    expect(website!.momentOfTruth.prevalence).toEqual({
      estimate: prevalence.estimate,
      lower: prevalence.lower,
      upper: prevalence.upper,
      n: raw.length,
    })
    expect(website!.momentOfTruth.candidate).toBe(true)
    expect(website!.momentOfTruth.opportunity).toBeCloseTo(
      prevalence.estimate * website!.momentOfTruth.impact.estimate!,
      1,
    )
    // everyone gave the friend's advice a 5: no division by zero, no correlation, a collapsed interval
    expect(friend!.csatMean).toEqual({ estimate: 5, lower: 5, upper: 5, n: raw.length })
    expect(friend!.importance).toMatchObject({ rho: null, n: raw.length })
    expect(friend!.quadrant).toBeNull()
    expect(friend!.momentOfTruth).toMatchObject({ candidate: false, impact: { estimate: null, nDissatisfied: 0 } })
    // one touchpoint with both axes: it sits on both crosshairs, so it is not forced into a quadrant
    expect(d.ipa).toEqual({ performance: website!.csatTop2.estimate, importance: website!.importance.rho })
    expect(website!.quadrant).toBe('unclassified')
  })

  it('filters by segment, alone from the rollups and with a persona from the answers, offers the segments, and refuses a malformed segment', async () => {
    const d = await dashboard('?segment=customerType:new')
    const news = raw.filter((r) => r.segment === 'new')
    expect(d.responses).toBe(news.length)
    expect(d.touchpoints[0]!.csatMean.n).toBe(news.length)
    expect(d.nps.n).toBe(news.length)
    expect(d.segments).toEqual([{ key: 'customerType', values: ['new', 'returning'] }])
    const both = await dashboard(`?segment=customerType:returning&personaId=${m.personaId}`)
    expect(both.responses).toBe(raw.filter((r) => r.segment === 'returning' && r.persona).length)
    expect((await dashboard('?segment=region:north')).responses).toBe(0)
    const bad = await analyst.get(`/api/v1/studies/${m.studyId}/dashboard?segment=nocolon`)
    expect(bad.statusCode).toBe(400)
    expect(bad.json().details[0].path).toBe('querystring.segment')
    const foreignPersona = await analyst.get(`/api/v1/studies/${m.studyId}/dashboard?personaId=${model.personaId}`)
    expect(foreignPersona.statusCode).toBe(404)
  })

  it('bounds the time a persona-and-segment filter may take: past it, a clear 422, not a hung request', async () => {
    // the same data through an app whose bound is 1 ms, which no statement of the live count meets
    const strict = await buildTestApp({
      env: { DASHBOARD_LIVE_TIMEOUT_MS: '1' },
      routeDatabase: async () => t.config.DATABASE_URL,
    })
    try {
      const a = await makeMember(strict.db, orgId, 'analyst')
      const client = await login(strict.app, a.email, a.password)
      // a persona and a segment together: no rollup holds both, so the answers are counted
      const res = await client.get(
        `/api/v1/studies/${m.studyId}/dashboard?segment=customerType:new&personaId=${m.personaId}`,
      )
      expect(res.statusCode, res.body).toBe(422)
      expect(res.json()).toMatchObject({ code: 'DASHBOARD_FILTER_TOO_BROAD' })
      // the rollups need no such bound
      expect((await client.get(`/api/v1/studies/${m.studyId}/dashboard?personaId=${m.personaId}`)).statusCode).toBe(200)
      expect((await client.get(`/api/v1/studies/${m.studyId}/dashboard?segment=customerType:new`)).statusCode).toBe(200)
    } finally {
      await strict.close()
    }
  })

  it('shows the top codes and two quotes per touchpoint, and every quote behind a bar', async () => {
    const [website] = m.touchpointIds as [string]
    const participants = await t.db
      .selectFrom('participant')
      .select('id')
      .where('study_id', '=', m.studyId)
      .orderBy('email')
      .limit(3)
      .execute()
    const codes = await t.db
      .insertInto('code')
      .values([
        { study_id: m.studyId, name: 'Late', colour: '#aa0000' },
        { study_id: m.studyId, name: 'Friendly driver', colour: '#00aa00' },
      ])
      .returning(['id', 'name'])
      .execute()
    const code = (name: string) => codes.find((c) => c.name === name)!.id
    const coded = async (
      participantId: string,
      quote: string,
      valence: 'pain' | 'gain',
      codeNames: string[],
      at: string,
    ) => {
      const e = await t.db
        .insertInto('diary_entry')
        .values({
          id: randomUUID(),
          study_id: m.studyId,
          participant_id: participantId,
          occurred_at: new Date(at),
          touchpoint_id: website,
          text: quote,
          valence,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      const c = await t.db
        .insertInto('coding')
        .values({
          id: randomUUID(),
          study_id: m.studyId,
          source: `diary_entry:${e.id}`,
          entry_id: e.id,
          span_start: 0,
          span_end: quote.length,
          quote,
          valence,
          touchpoint_id: website,
          created_at: new Date(at),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      for (const n of codeNames)
        await t.db
          .insertInto('coding_code')
          .values({ coding_id: c.id, code_id: code(n) })
          .execute()
    }
    await coded(participants[0]!.id, 'Two days late again.', 'pain', ['Late'], '2026-11-02T10:00:00Z')
    await coded(participants[1]!.id, 'Still <b>waiting</b>.', 'pain', ['Late'], '2026-11-03T10:00:00Z')
    await coded(participants[1]!.id, 'Nobody told me.', 'pain', ['Late'], '2026-11-04T10:00:00Z')
    await coded(participants[2]!.id, 'The driver was so kind.', 'gain', ['Friendly driver'], '2026-11-05T10:00:00Z')

    const t0 = (await dashboard()).touchpoints[0]!
    expect(t0.painGain.coded).toEqual({ pain: 3, gain: 1, neutral: 0 })
    expect(t0.painGain.painParticipants).toBe(2)
    expect(t0.topCodes.map((c) => [c.name, c.n])).toEqual([
      ['Late', 3],
      ['Friendly driver', 1],
    ])
    expect(t0.quotes.map((q) => [q.quote, q.valence])).toEqual([
      ['Nobody told me.', 'pain'],
      ['The driver was so kind.', 'gain'],
    ])
    expect(t0.quotes[0]!.participant).toMatch(/^P-[0-9a-f]{6}$/)
    expect(t0.quotes[0]!.codes).toEqual([{ id: code('Late'), name: 'Late', colour: '#aa0000' }])

    const res = await analyst.get(
      `/api/v1/studies/${m.studyId}/dashboard/quotes?touchpointId=${website}&valence=pain&limit=2`,
    )
    expect(res.statusCode, res.body).toBe(200)
    const q = DashboardQuotesSchema.parse(res.json())
    expect(q.total).toBe(3)
    // participant text comes back as it was typed: the app renders it as text
    expect(q.items.map((i) => i.quote)).toEqual(['Nobody told me.', 'Still <b>waiting</b>.'])
    const segment = DashboardQuotesSchema.parse(
      (
        await analyst.get(
          `/api/v1/studies/${m.studyId}/dashboard/quotes?touchpointId=${website}&segment=customerType:nobody`,
        )
      ).json(),
    )
    expect(segment.total).toBe(0)
    expect(
      (await analyst.get(`/api/v1/studies/${m.studyId}/dashboard/quotes?touchpointId=${model.touchpointIds[0]}`))
        .statusCode,
    ).toBe(404)
    expect((await analyst.get(`/api/v1/studies/${m.studyId}/dashboard/quotes`)).json().details[0].path).toBe(
      'querystring.touchpointId',
    )
  })

  it('takes a deleted survey out of the rollups', async () => {
    await foldPending(t.db)
    const r = await makeMember(t.db, orgId, 'researcher')
    const researcher = await login(t.app, r.email, r.password)
    expect((await researcher.delete(`/api/v1/studies/${m.studyId}/surveys/${surveyId}`)).statusCode).toBe(204)
    const left = await sql<{
      n: number
    }>`select coalesce(sum(n), 0)::int as n from survey_rollup where study_id = ${m.studyId}::uuid`.execute(t.db)
    expect(left.rows[0]!.n).toBe(0)
    const d = await dashboard()
    expect(d.responses).toBe(0)
    expect(d.nps.n).toBe(0)
    expect(d.touchpoints[0]!.csatTop2.n).toBe(0)
  })
})
