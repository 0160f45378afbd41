import { ApiErrorSchema } from '@klantreis/shared/common'
import { SurveyDetailSchema, SurveyListSchema, SurveyVersionSchema } from '@klantreis/shared/surveys'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type Client, login, type TestApp } from '../../../test/build-test-app.js'
import { makeMember, makeOrganization, makeStudyWithModel } from '../../../test/factories.js'

let t: TestApp
let researcher: Client
let viewer: Client
let model: Awaited<ReturnType<typeof makeStudyWithModel>>
const base = () => `/api/v1/studies/${model.studyId}/surveys`

beforeAll(async () => {
  t = await buildTestApp()
  const org = await makeOrganization(t.db)
  const r = await makeMember(t.db, org.id, 'researcher')
  const v = await makeMember(t.db, org.id, 'viewer')
  researcher = await login(t.app, r.email, r.password)
  viewer = await login(t.app, v.email, v.password)
  model = await makeStudyWithModel(t.db, org.id) // stages Orientation (Website, Friend) and Purchase; languages nl + en
})
afterAll(() => t.close())

describe('surveys', () => {
  it('starts a questionnaire in the study languages; an empathy map starts with the six boxes', async () => {
    const s = SurveyDetailSchema.parse((await researcher.post(base(), { title: 'Quick check' })).json())
    expect(s).toMatchObject({ status: 'draft', kind: 'survey', currentVersion: null, versions: [] })
    expect(s.draft.languages.sort()).toEqual(['en', 'nl'])
    const e = SurveyDetailSchema.parse(
      (await researcher.post(base(), { title: 'Empathy', kind: 'empathy_map' })).json(),
    )
    const q = e.draft.pages[0]!.questions[0]!
    expect(q.type).toBe('empathy_map')
    expect(q.type === 'empathy_map' && q.boxes).toEqual(['says', 'thinks', 'does', 'feels', 'sees', 'hears'])
    const list = SurveyListSchema.parse((await researcher.get(base())).json())
    expect(list.items.map((x) => x.title)).toEqual(expect.arrayContaining(['Quick check', 'Empathy']))
  })

  it('generates a draft from the journey: a CSAT per touchpoint in journey order, then NPS, CES and an open question', async () => {
    const res = await researcher.post(`${base()}/generate`, { title: 'Order journey survey', includeWhy: true })
    expect(res.statusCode).toBe(201)
    const s = SurveyDetailSchema.parse(res.json())
    const questions = s.draft.pages.flatMap((p) => p.questions)
    const csat = questions.filter((q) => q.type === 'csat')
    expect(csat.map((q) => q.touchpointId)).toEqual(model.touchpointIds)
    expect(csat.every((q) => q.measure === 'satisfaction')).toBe(true)
    expect(questions.filter((q) => q.type === 'long_text' && q.showIf)).toHaveLength(2) // a "why?" per touchpoint, shown on a low score
    const types = questions.map((q) => q.type)
    expect(types).toEqual(expect.arrayContaining(['nps', 'ces']))
    expect(types.indexOf('nps')).toBeGreaterThan(types.lastIndexOf('csat'))
  })

  it('refuses a draft that is invalid, of another kind, or missing a study language, naming the place', async () => {
    const s = SurveyDetailSchema.parse((await researcher.post(base(), { title: 'Edit me' })).json())
    const url = `${base()}/${s.id}`
    const forward = await researcher.patch(url, {
      draft: {
        kind: 'survey',
        languages: ['nl', 'en'],
        pages: [
          {
            id: 'p1',
            title: { nl: 'Een', en: 'One' },
            questions: [
              {
                id: 'a',
                type: 'nps',
                required: true,
                text: { nl: 'A', en: 'A' },
                showIf: { questionId: 'b', op: 'gt', value: 3 },
              },
              { id: 'b', type: 'nps', required: true, text: { nl: 'B', en: 'B' } },
            ],
          },
        ],
      },
    })
    expect(forward.statusCode).toBe(400)
    expect(ApiErrorSchema.parse(forward.json()).details?.map((d) => d.path)).toContain(
      'body.draft.pages.0.questions.0.showIf',
    )
    const english = await researcher.patch(url, { draft: { ...s.draft, languages: ['en'] } })
    expect(english.statusCode).toBe(400)
    expect(english.json().details.map((d: { path: string }) => d.path)).toContain('body.draft.languages')
    const kind = await researcher.patch(url, { draft: { ...s.draft, kind: 'empathy_map' } })
    expect(kind.statusCode).toBe(400)
    const early = await researcher.patch(url, { status: 'open' })
    expect(early.json().details[0].path).toBe('body.status')
    expect((await researcher.post(`${url}/publish`)).json().details[0].path).toBe('draft.pages') // no questions yet
  })

  it('publishing freezes a version: later edits and versions leave it as it was', async () => {
    const s = SurveyDetailSchema.parse(
      (await researcher.post(`${base()}/generate`, { title: 'Versioned', includeWhy: false })).json(),
    )
    const url = `${base()}/${s.id}`
    const v1 = await researcher.post(`${url}/publish`)
    expect(v1.statusCode).toBe(201)
    expect(v1.json().version).toBe(1)
    expect(SurveyDetailSchema.parse((await researcher.get(url)).json())).toMatchObject({
      status: 'open',
      currentVersion: 1,
    })
    const edited = structuredClone(s.draft)
    edited.pages[0]!.title = { nl: 'Nieuwe titel', en: 'New title' }
    await researcher.patch(url, { draft: edited })
    expect((await researcher.post(`${url}/publish`)).json().version).toBe(2)
    const first = SurveyVersionSchema.parse((await researcher.get(`${url}/versions/1`)).json())
    const second = SurveyVersionSchema.parse((await researcher.get(`${url}/versions/2`)).json())
    expect(first.definition.pages[0]!.title).toEqual(s.draft.pages[0]!.title)
    expect(second.definition.pages[0]!.title).toEqual({ nl: 'Nieuwe titel', en: 'New title' })
    expect((await researcher.get(`${url}/versions/3`)).statusCode).toBe(404)
    const closed = await researcher.patch(url, { status: 'closed' })
    expect(closed.json().status).toBe('closed')
  })

  it('a viewer reads surveys but cannot change them', async () => {
    const s = SurveyDetailSchema.parse((await researcher.post(base(), { title: 'Read only' })).json())
    expect((await viewer.get(`${base()}/${s.id}`)).statusCode).toBe(200)
    for (const res of [
      await viewer.post(base(), { title: 'x' }),
      await viewer.patch(`${base()}/${s.id}`, { title: 'x' }),
      await viewer.post(`${base()}/${s.id}/publish`),
      await viewer.delete(`${base()}/${s.id}`),
    ])
      expect(res.statusCode).toBe(403)
  })
})
