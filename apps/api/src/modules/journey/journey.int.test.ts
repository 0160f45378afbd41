import { JourneyModelSchema, TouchpointSchema } from '@klantreis/shared/journey'
import { StudyPageSchema, StudySchema } from '@klantreis/shared/studies'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type Client, login, type TestApp } from '../../../test/build-test-app.js'
import { makeMember, makeOrganization } from '../../../test/factories.js'

let t: TestApp
let researcher: Client
let viewer: Client
let admin: Client

beforeAll(async () => {
  t = await buildTestApp()
  const org = await makeOrganization(t.db)
  const r = await makeMember(t.db, org.id, 'researcher')
  const v = await makeMember(t.db, org.id, 'viewer')
  const a = await makeMember(t.db, org.id, 'admin')
  admin = await login(t.app, a.email, a.password)
  researcher = await login(t.app, r.email, r.password)
  viewer = await login(t.app, v.email, v.password)
})
afterAll(() => t.close())

async function newStudy(title = 'Journey') {
  const res = await researcher.post('/api/v1/studies', { title })
  expect(res.statusCode).toBe(201)
  return StudySchema.parse(res.json())
}
const model = async (studyId: string) =>
  JourneyModelSchema.parse((await researcher.get(`/api/v1/studies/${studyId}/model`)).json())

describe('studies', () => {
  it('creates with the method defaults, updates, reads and deletes', async () => {
    const s = await newStudy('Onboarding')
    expect(s).toMatchObject({
      title: 'Onboarding',
      status: 'draft',
      languages: ['nl', 'en'],
      loyaltyMetrics: [],
      goal: '',
    })
    const patched = await researcher.patch(`/api/v1/studies/${s.id}`, {
      goal: 'More repeat orders',
      loyaltyMetrics: ['buy_more', 'recommend'],
      scope: 'Ordering',
      customerJob: 'Get it fast',
      status: 'live',
    })
    expect(patched.statusCode).toBe(200)
    expect(StudySchema.parse(patched.json())).toMatchObject({
      goal: 'More repeat orders',
      loyaltyMetrics: ['buy_more', 'recommend'],
      status: 'live',
      title: 'Onboarding',
    })
    expect((await researcher.get(`/api/v1/studies/${s.id}`)).json().customerJob).toBe('Get it fast')
    // deleting a study (every participant's data with it) is an admin's (issue 14)
    expect((await researcher.delete(`/api/v1/studies/${s.id}`)).statusCode).toBe(403)
    expect((await admin.delete(`/api/v1/studies/${s.id}`)).statusCode).toBe(204)
    expect((await researcher.get(`/api/v1/studies/${s.id}`)).statusCode).toBe(404)
  })

  it('pages with a keyset cursor: every study once, newest first, no gaps', async () => {
    const created: string[] = []
    for (let i = 0; i < 7; i++) created.push((await newStudy(`Paged ${i}`)).id)
    const seen: string[] = []
    let cursor: string | null = null
    let pages = 0
    do {
      const res = await researcher.get(`/api/v1/studies?limit=3${cursor ? `&cursor=${cursor}` : ''}`)
      const page = StudyPageSchema.parse(res.json())
      seen.push(...page.items.map((s) => s.id))
      cursor = page.nextCursor
      pages++
    } while (cursor)
    expect(new Set(seen).size).toBe(seen.length)
    expect(seen.filter((id) => created.includes(id))).toEqual([...created].reverse())
    expect(pages).toBe(Math.ceil(seen.length / 3) + (seen.length % 3 === 0 ? 1 : 0))
    const bad = await researcher.get('/api/v1/studies?cursor=garbage')
    expect(bad.statusCode).toBe(400)
    expect(bad.json().code).toBe('VALIDATION_FAILED')
  })

  it('lets a viewer read but not write', async () => {
    const s = await newStudy()
    expect((await viewer.get(`/api/v1/studies/${s.id}/model`)).statusCode).toBe(200)
    for (const res of [
      await viewer.patch(`/api/v1/studies/${s.id}`, { title: 'x' }),
      await viewer.post(`/api/v1/studies/${s.id}/stages`, { name: 'x' }),
      await viewer.delete(`/api/v1/studies/${s.id}`),
    ]) {
      expect(res.statusCode).toBe(403)
      expect(res.json().code).toBe('FORBIDDEN')
    }
  })
})

describe('the touchpoint model', () => {
  it('builds stages, personas and touchpoints in order', async () => {
    const s = await newStudy()
    const base = `/api/v1/studies/${s.id}`
    const stages = []
    for (const name of ['Orientation', 'Purchase', 'Delivery'])
      stages.push((await researcher.post(`${base}/stages`, { name })).json())
    expect(stages.map((x) => x.position)).toEqual([0, 1, 2])
    const p = await researcher.post(`${base}/personas`, { name: 'Student', attributes: { age: '23' }, dmuRole: 'user' })
    expect(p.statusCode).toBe(201)
    expect(p.json()).toMatchObject({ attributes: { age: '23' }, dmuRole: 'user', position: 0 })
    const tp = await researcher.post(`${base}/touchpoints`, {
      stageId: stages[0].id,
      name: 'Friend recommends',
      kind: 'indirect',
      channel: 'word_of_mouth',
      momentOfTruth: true,
      ownerDepartment: 'Marketing',
    })
    expect(tp.statusCode).toBe(201)
    expect(TouchpointSchema.parse(tp.json())).toMatchObject({
      kind: 'indirect',
      origin: 'model',
      momentOfTruth: true,
      position: 0,
    })
    const second = TouchpointSchema.parse(
      (await researcher.post(`${base}/touchpoints`, { stageId: stages[0].id, name: 'Website' })).json(),
    )
    expect(second.position).toBe(1)
    const m = await model(s.id)
    expect(m.stages.map((x) => x.name)).toEqual(['Orientation', 'Purchase', 'Delivery'])
    expect(m.touchpoints.map((x) => x.name)).toEqual(['Friend recommends', 'Website'])
    expect(m.personas).toHaveLength(1)
  })

  it('reorders stages and refuses an order that leaves one out', async () => {
    const s = await newStudy()
    const base = `/api/v1/studies/${s.id}`
    const ids: string[] = []
    for (const name of ['A', 'B', 'C']) ids.push((await researcher.post(`${base}/stages`, { name })).json().id)
    expect((await researcher.post(`${base}/stages/reorder`, { ids: [ids[2], ids[0], ids[1]] })).statusCode).toBe(204)
    expect((await model(s.id)).stages.map((x) => x.name)).toEqual(['C', 'A', 'B'])
    const partial = await researcher.post(`${base}/stages/reorder`, { ids: [ids[0], ids[1]] })
    expect(partial.statusCode).toBe(409)
    expect(partial.json().code).toBe('REORDER_MISMATCH')
    expect((await model(s.id)).stages.map((x) => x.name)).toEqual(['C', 'A', 'B'])
  })

  it('moves touchpoints within and between stages with one arrangement', async () => {
    const s = await newStudy()
    const base = `/api/v1/studies/${s.id}`
    const a = (await researcher.post(`${base}/stages`, { name: 'A' })).json().id
    const b = (await researcher.post(`${base}/stages`, { name: 'B' })).json().id
    const tp: Record<string, string> = {}
    for (const name of ['t1', 't2', 't3'])
      tp[name] = (await researcher.post(`${base}/touchpoints`, { stageId: a, name })).json().id
    tp.t4 = (await researcher.post(`${base}/touchpoints`, { stageId: b, name: 't4' })).json().id
    const res = await researcher.put(`${base}/touchpoints/arrangement`, {
      columns: [
        { stageId: a, touchpointIds: [tp.t3, tp.t1] },
        { stageId: b, touchpointIds: [tp.t4, tp.t2] },
      ],
    })
    expect(res.statusCode).toBe(200)
    const m = await model(s.id)
    const layout = (stage: string) => m.touchpoints.filter((x) => x.stageId === stage).map((x) => x.name)
    expect(layout(a)).toEqual(['t3', 't1'])
    expect(layout(b)).toEqual(['t4', 't2'])
    // a stale client that does not know t2 moved to B gets a conflict, and nothing changes
    const stale = await researcher.put(`${base}/touchpoints/arrangement`, {
      columns: [{ stageId: b, touchpointIds: [tp.t4] }],
    })
    expect(stale.statusCode).toBe(409)
    expect(stale.json().code).toBe('REORDER_MISMATCH')
    expect(layout(b)).toEqual(['t4', 't2'])
  })

  it('refuses to delete a stage that still has touchpoints, then deletes it once empty', async () => {
    const s = await newStudy()
    const base = `/api/v1/studies/${s.id}`
    const a = (await researcher.post(`${base}/stages`, { name: 'A' })).json().id
    const b = (await researcher.post(`${base}/stages`, { name: 'B' })).json().id
    const tp = (await researcher.post(`${base}/touchpoints`, { stageId: a, name: 'x' })).json().id
    const refused = await researcher.delete(`${base}/stages/${a}`)
    expect(refused.statusCode).toBe(409)
    expect(refused.json().code).toBe('STAGE_NOT_EMPTY')
    const moved = await researcher.patch(`${base}/touchpoints/${tp}`, { stageId: b })
    expect(moved.json()).toMatchObject({ stageId: b, position: 0 })
    expect((await researcher.delete(`${base}/stages/${a}`)).statusCode).toBe(204)
  })

  it('pages touchpoints by position', async () => {
    const s = await newStudy()
    const base = `/api/v1/studies/${s.id}`
    const a = (await researcher.post(`${base}/stages`, { name: 'A' })).json().id
    for (let i = 0; i < 5; i++) await researcher.post(`${base}/touchpoints`, { stageId: a, name: `tp${i}` })
    const first = (await researcher.get(`${base}/touchpoints?limit=2`)).json()
    const second = (await researcher.get(`${base}/touchpoints?limit=2&cursor=${first.nextCursor}`)).json()
    const third = (await researcher.get(`${base}/touchpoints?limit=2&cursor=${second.nextCursor}`)).json()
    expect([...first.items, ...second.items, ...third.items].map((x: { name: string }) => x.name)).toEqual([
      'tp0',
      'tp1',
      'tp2',
      'tp3',
      'tp4',
    ])
    expect(third.nextCursor).toBeNull()
  })

  it('keeps what a participant or analyst typed as plain text', async () => {
    const s = await newStudy('<img src=x onerror=alert(1)>')
    expect(s.title).toBe('<img src=x onerror=alert(1)>')
  })
})
