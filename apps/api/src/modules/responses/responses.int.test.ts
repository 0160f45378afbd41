import { randomUUID } from 'node:crypto'
import { ApiErrorSchema } from '@klantreis/shared/common'
import { ParticipantSchema } from '@klantreis/shared/participants'
import {
  AnalystResponsePageSchema,
  AnalystResponseSchema,
  RespondentSurveySchema,
  SurveyResponseSchema,
  SurveyResultsSchema,
} from '@klantreis/shared/responses'
import { SurveyDetailSchema } from '@klantreis/shared/surveys'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type Client, login, type TestApp } from '../../../test/build-test-app.js'
import { makeMember, makeOrganization, makeStudyWithModel } from '../../../test/factories.js'
import { pseudonym } from '../../lib/pseudonym.js'

let t: TestApp
let researcher: Client
let model: Awaited<ReturnType<typeof makeStudyWithModel>>
const studyBase = () => `/api/v1/studies/${model.studyId}`
const tx = (s: string) => ({ nl: s, en: s })

/** page 1: a required CSAT, and a required "why?" only when it is 3 or lower; page 2: a required NPS. */
const definition = (extraText = 'Why?') => ({
  kind: 'survey',
  languages: ['nl', 'en'],
  pages: [
    {
      id: 'p1',
      title: tx('Website'),
      questions: [
        {
          id: 'csat',
          type: 'csat',
          required: true,
          text: tx('How satisfied?'),
          touchpointId: model.touchpointIds[0],
          measure: 'satisfaction',
        },
        {
          id: 'why',
          type: 'long_text',
          required: true,
          text: tx(extraText),
          showIf: { questionId: 'csat', op: 'lte', value: 3 },
        },
      ],
    },
    {
      id: 'p2',
      title: tx('Overall'),
      questions: [{ id: 'nps', type: 'nps', required: true, text: tx('Recommend?'), measure: 'recommend' }],
    },
  ],
})

async function publishedSurvey(def: unknown = definition(), kind = 'survey') {
  const s = SurveyDetailSchema.parse(
    (
      await researcher.post(`${studyBase()}/surveys`, { title: `S ${randomUUID().slice(0, 6)}`, kind, draft: def })
    ).json(),
  )
  expect((await researcher.post(`${studyBase()}/surveys/${s.id}/publish`)).statusCode).toBe(201)
  return s.id
}

async function participant() {
  const p = ParticipantSchema.parse(
    (
      await researcher.post(`${studyBase()}/participants`, { email: `${randomUUID()}@example.com`, name: 'Resp' })
    ).json(),
  )
  const { link } = (await researcher.post(`${studyBase()}/participants/${p.id}/link`, {})).json()
  const opened = await t.app.inject({ method: 'GET', url: new URL(link).pathname })
  const cookie = `kr_participant=${opened.cookies.find((c) => c.name === 'kr_participant')!.value}`
  const send = (method: 'GET' | 'PUT' | 'POST', url: string, payload?: unknown) =>
    t.app.inject({
      method,
      url: `/api/v1/respondent${url}`,
      headers: { cookie, ...(method === 'GET' ? {} : { 'x-requested-with': 'klantreis' }) },
      ...(payload === undefined ? {} : { payload: payload as object }),
    })
  await send('POST', '/consent', { version: 1 })
  return { id: p.id, send }
}

beforeAll(async () => {
  t = await buildTestApp()
  const org = await makeOrganization(t.db)
  const r = await makeMember(t.db, org.id, 'researcher')
  researcher = await login(t.app, r.email, r.password)
  model = await makeStudyWithModel(t.db, org.id)
})
afterAll(() => t.close())

describe('answering a survey', () => {
  it('saves as you go, resumes on another device, submits once, and the analyst sees it with the summary', async () => {
    const surveyId = await publishedSurvey()
    const p = await participant()
    const list = (await p.send('GET', '/surveys')).json()
    expect(list.items.find((s: { id: string }) => s.id === surveyId)).toMatchObject({ responseStatus: 'none' })
    const first = RespondentSurveySchema.parse((await p.send('GET', `/surveys/${surveyId}`)).json())
    expect(first).toMatchObject({ version: 1, response: null })

    const id = randomUUID()
    const saved = await p.send('PUT', `/surveys/${surveyId}/responses/${id}`, { version: 1, answers: { csat: 2 } })
    expect(saved.statusCode).toBe(201)
    expect(SurveyResponseSchema.parse(saved.json())).toMatchObject({ status: 'in_progress', answers: { csat: 2 } })

    // the tab is closed; the same link on another device picks up where they were
    const resumed = RespondentSurveySchema.parse((await p.send('GET', `/surveys/${surveyId}`)).json())
    expect(resumed.response).toMatchObject({ id, status: 'in_progress', answers: { csat: 2 } })

    // a low score makes the "why?" required: submitting without it names it
    const missing = await p.send('PUT', `/surveys/${surveyId}/responses/${id}`, {
      version: 1,
      answers: { csat: 2, nps: 9 },
      complete: true,
    })
    expect(missing.statusCode).toBe(400)
    expect(ApiErrorSchema.parse(missing.json()).details).toEqual([{ path: 'body.answers.why', message: 'required' }])

    const body = { version: 1, answers: { csat: 2, why: 'The size chart was hard to find', nps: 9 }, complete: true }
    const done = await p.send('PUT', `/surveys/${surveyId}/responses/${id}`, body)
    expect(done.statusCode).toBe(200)
    expect(done.json().status).toBe('complete')
    expect((await p.send('PUT', `/surveys/${surveyId}/responses/${id}`, body)).statusCode).toBe(200) // a replay changes nothing
    const changed = await p.send('PUT', `/surveys/${surveyId}/responses/${id}`, {
      ...body,
      answers: { ...body.answers, nps: 3 },
    })
    expect(changed.statusCode).toBe(409)
    expect(changed.json().code).toBe('RESPONSE_COMPLETE')
    const rows = await t.db
      .selectFrom('survey_answer')
      .select(['question_id', 'value'])
      .where('response_id', '=', id)
      .orderBy('question_id')
      .execute()
    expect(rows).toEqual([
      { question_id: 'csat', value: 2 },
      { question_id: 'nps', value: 9 },
      { question_id: 'why', value: 'The size chart was hard to find' },
    ])

    const page = AnalystResponsePageSchema.parse(
      (await researcher.get(`${studyBase()}/surveys/${surveyId}/responses`)).json(),
    )
    expect(page.items).toHaveLength(1)
    expect(page.items[0]).toMatchObject({
      id,
      status: 'complete',
      participant: { id: p.id, pseudonym: pseudonym(p.id) },
    })
    const one = AnalystResponseSchema.parse(
      (await researcher.get(`${studyBase()}/surveys/${surveyId}/responses/${id}`)).json(),
    )
    expect(one.answers).toEqual(body.answers)

    // a second participant stops on page 1 with a good score (no "why?" needed)
    const q = await participant()
    await q.send('PUT', `/surveys/${surveyId}/responses/${randomUUID()}`, { version: 1, answers: { csat: 5 } })
    const results = SurveyResultsSchema.parse(
      (await researcher.get(`${studyBase()}/surveys/${surveyId}/results`)).json(),
    )
    expect(results).toMatchObject({ version: 1, started: 2, completed: 1, completionRate: 0.5 })
    expect(results.pages).toEqual([
      { pageId: 'p1', reached: 2, stoppedHere: 1 },
      { pageId: 'p2', reached: 1, stoppedHere: 0 },
    ])
    const csat = results.questions.find((x) => x.questionId === 'csat')!
    expect(csat).toMatchObject({
      answered: 2,
      mean: 3.5,
      distribution: [
        { value: '2', count: 1 },
        { value: '5', count: 1 },
      ],
    })
  })

  it('a required question on a skipped path is not required; an answer to a hidden one is refused at submit', async () => {
    const surveyId = await publishedSurvey()
    const p = await participant()
    const id = randomUUID()
    const ok = await p.send('PUT', `/surveys/${surveyId}/responses/${id}`, {
      version: 1,
      answers: { csat: 5, nps: 10 },
      complete: true,
    })
    expect(ok.statusCode).toBe(201)
    const r = await participant()
    const hidden = await r.send('PUT', `/surveys/${surveyId}/responses/${randomUUID()}`, {
      version: 1,
      answers: { csat: 5, why: 'text', nps: 10 },
      complete: true,
    })
    expect(hidden.statusCode).toBe(400)
    expect(hidden.json().details[0].path).toBe('body.answers.why')
  })

  it('a response stays on its version when a new one is published halfway', async () => {
    const draft = definition()
    const s = SurveyDetailSchema.parse(
      (await researcher.post(`${studyBase()}/surveys`, { title: 'Versioned', draft })).json(),
    )
    await researcher.post(`${studyBase()}/surveys/${s.id}/publish`)
    const p = await participant()
    const id = randomUUID()
    await p.send('PUT', `/surveys/${s.id}/responses/${id}`, { version: 1, answers: { csat: 4 } })
    await researcher.patch(`${studyBase()}/surveys/${s.id}`, { draft: definition('What went wrong?') })
    expect((await researcher.post(`${studyBase()}/surveys/${s.id}/publish`)).json().version).toBe(2)
    const mine = RespondentSurveySchema.parse((await p.send('GET', `/surveys/${s.id}`)).json())
    expect(mine.version).toBe(1)
    expect(mine.definition.pages[0]!.questions[1]!.text).toEqual(tx('Why?'))
    expect(
      (await p.send('PUT', `/surveys/${s.id}/responses/${id}`, { version: 2, answers: { csat: 4 } })).json().code,
    ).toBe('VERSION_MISMATCH')
    expect(
      (
        await p.send('PUT', `/surveys/${s.id}/responses/${id}`, {
          version: 1,
          answers: { csat: 4, nps: 8 },
          complete: true,
        })
      ).statusCode,
    ).toBe(200)
    const newcomer = await participant()
    expect(RespondentSurveySchema.parse((await newcomer.send('GET', `/surveys/${s.id}`)).json()).version).toBe(2)
  })

  it('bad input: wrong type, out of range, unknown question, closed survey, forged version, a second response', async () => {
    const surveyId = await publishedSurvey()
    const p = await participant()
    const put = (answers: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
      p.send('PUT', `/surveys/${surveyId}/responses/${randomUUID()}`, { version: 1, answers, ...extra })
    const wrongType = await put({ csat: 'five' })
    expect(wrongType.statusCode).toBe(400)
    expect(wrongType.json().details[0].path).toBe('body.answers.csat')
    expect((await put({ csat: 9 })).json().details[0].path).toBe('body.answers.csat')
    expect((await put({ csat: 4, smuggled: 'x' })).json().details[0]).toMatchObject({
      path: 'body.answers.smuggled',
      message: 'unknown question',
    })
    expect((await put({ csat: 4 }, { version: 99 })).statusCode).toBe(404)
    const id = randomUUID()
    expect(
      (await p.send('PUT', `/surveys/${surveyId}/responses/${id}`, { version: 1, answers: { csat: 4 } })).statusCode,
    ).toBe(201)
    const second = await put({ csat: 3 })
    expect(second.statusCode).toBe(409)
    expect(second.json().code).toBe('RESPONSE_EXISTS')
    await researcher.patch(`${studyBase()}/surveys/${surveyId}`, { status: 'closed' })
    const closed = await p.send('PUT', `/surveys/${surveyId}/responses/${id}`, { version: 1, answers: { csat: 5 } })
    expect(closed.statusCode).toBe(403)
    expect(closed.json().code).toBe('SURVEY_CLOSED')
    const other = await participant()
    expect((await other.send('GET', '/surveys')).json().items.map((s: { id: string }) => s.id)).not.toContain(surveyId)
  })

  it('an empathy map stores items per box, each a pain or a gain, and the summary counts them', async () => {
    const def = {
      kind: 'empathy_map',
      languages: ['nl', 'en'],
      pages: [
        {
          id: 'p1',
          title: tx('Map'),
          questions: [{ id: 'map', type: 'empathy_map', required: true, text: tx('Fill the boxes') }],
        },
      ],
    }
    const surveyId = await publishedSurvey(def, 'empathy_map')
    const p = await participant()
    const items = [
      { box: 'says', text: 'Where is my parcel?', valence: 'pain' },
      { box: 'feels', text: 'Relieved when it arrived', valence: 'gain' },
      { box: 'does', text: 'Checks track and trace', valence: 'pain' },
    ]
    const res = await p.send('PUT', `/surveys/${surveyId}/responses/${randomUUID()}`, {
      version: 1,
      answers: { map: { items } },
      complete: true,
    })
    expect(res.statusCode).toBe(201)
    const bad = await (
      await participant()
    ).send('PUT', `/surveys/${surveyId}/responses/${randomUUID()}`, {
      version: 1,
      answers: { map: { items: [{ box: 'smells', text: 'x', valence: 'pain' }] } },
    })
    expect(bad.statusCode).toBe(400)
    const results = SurveyResultsSchema.parse(
      (await researcher.get(`${studyBase()}/surveys/${surveyId}/results`)).json(),
    )
    expect(results.questions[0]!.distribution).toEqual([
      { value: 'does:pain', count: 1 },
      { value: 'feels:gain', count: 1 },
      { value: 'says:pain', count: 1 },
    ])
  })
})

describe('anonymous links', () => {
  const open = async (link: string) => {
    const res = await t.app.inject({ method: 'GET', url: new URL(link).pathname })
    const c = res.cookies.find((x) => x.name === 'kr_anon')
    const cookie = c ? `kr_anon=${c.value}` : ''
    return {
      res,
      get: (url: string) => t.app.inject({ method: 'GET', url: `/api/v1/anonymous${url}`, headers: { cookie } }),
      put: (url: string, payload: unknown) =>
        t.app.inject({
          method: 'PUT',
          url: `/api/v1/anonymous${url}`,
          headers: { cookie, 'x-requested-with': 'klantreis' },
          payload: payload as object,
        }),
    }
  }
  const answers = { version: 1, answers: { csat: 5, nps: 8 }, complete: true }

  it('lets anyone with the link answer once per browser, up to the limit; revoked and expired links stop', async () => {
    const surveyId = await publishedSurvey()
    const created = await researcher.post(`${studyBase()}/surveys/${surveyId}/anonymous-links`, { maxResponses: 2 })
    expect(created.statusCode).toBe(201)
    const { link, id: linkId } = created.json()
    expect(link).toMatch(/\/s\/[A-Za-z0-9_-]{43}$/)

    const a = await open(link)
    expect(a.res.statusCode).toBe(303)
    expect(a.res.headers.location).toBe(`/r/?survey=${surveyId}`)
    expect(RespondentSurveySchema.parse((await a.get('/survey')).json())).toMatchObject({ version: 1, response: null })
    const rid = randomUUID()
    expect((await a.put(`/responses/${rid}`, answers)).statusCode).toBe(201)
    expect((await a.put(`/responses/${rid}`, answers)).statusCode).toBe(200) // replay
    expect((await a.put(`/responses/${randomUUID()}`, answers)).json().code).toBe('RESPONSE_EXISTS')
    const b = await open(link)
    expect((await b.put(`/responses/${randomUUID()}`, answers)).statusCode).toBe(201)
    const c = await open(link)
    const limited = await c.put(`/responses/${randomUUID()}`, answers)
    expect(limited.statusCode).toBe(403)
    expect(limited.json().code).toBe('LIMIT_REACHED')
    const list = (await researcher.get(`${studyBase()}/surveys/${surveyId}/anonymous-links`)).json()
    expect(list.items[0]).toMatchObject({ id: linkId, responses: 2, maxResponses: 2, revokedAt: null })
    expect(list.items[0].link).toBeUndefined()

    const halfway = await open(link)
    const hid = randomUUID()
    expect((await halfway.get('/survey')).statusCode).toBe(200)
    expect(
      (await researcher.post(`${studyBase()}/surveys/${surveyId}/anonymous-links/${linkId}/revoke`)).statusCode,
    ).toBe(204)
    // revoking ends the sessions already open, not only new ones
    for (const res of [
      await a.get('/survey'),
      await halfway.get('/survey'),
      await halfway.put(`/responses/${hid}`, { ...answers, complete: false }),
    ]) {
      expect(res.statusCode).toBe(403)
      expect(res.json().code).toBe('LINK_CLOSED')
    }
    const late = await open(link)
    expect(late.res.headers.location).toBe('/r/?link=invalid')
    expect((await late.get('/survey')).statusCode).toBe(401)

    // a link cannot be made closed; one whose time has run out answers like a revoked one
    const past = await researcher.post(`${studyBase()}/surveys/${surveyId}/anonymous-links`, {
      expiresAt: '2020-01-01T00:00:00.000Z',
    })
    expect(past.statusCode).toBe(400)
    expect(ApiErrorSchema.parse(past.json()).details?.map((d) => d.path)).toEqual(['body.expiresAt'])
    const expired = (
      await researcher.post(`${studyBase()}/surveys/${surveyId}/anonymous-links`, {
        expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
      })
    ).json()
    await t.db
      .updateTable('survey_link')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('id', '=', expired.id)
      .execute()
    expect((await open(expired.link)).res.headers.location).toBe('/r/?link=invalid')
    const analystView = AnalystResponsePageSchema.parse(
      (await researcher.get(`${studyBase()}/surveys/${surveyId}/responses`)).json(),
    )
    expect(analystView.items.filter((r) => r.participant === null)).toHaveLength(2)
  })
})
