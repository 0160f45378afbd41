import { DashboardSchema } from '@klantreis/shared/dashboard'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type Client, login, type TestApp } from '../../test/build-test-app.js'
import { ANALYSED_DEMO_STUDY } from './demo-analysed.js'
import { seedDemo } from './demo-seed.js'

let t: TestApp
let demo: Client

beforeAll(async () => {
  t = await buildTestApp()
  const credentials = await seedDemo(t.db, t.dataDir)
  demo = await login(t.app, credentials!.email, credentials!.password)
})
afterAll(() => t?.close())

describe('the demo data', () => {
  it('seeds once: a second start finds the data and leaves it', async () => {
    expect(await seedDemo(t.db, t.dataDir)).toBeUndefined()
    const studies = (await demo.get('/api/v1/studies')).json().items.map((s: { title: string }) => s.title)
    expect(studies).toEqual(expect.arrayContaining(['Order to delivery and returns', ANALYSED_DEMO_STUDY]))
  })

  it('gives the analysed study a dashboard with every figure filled, from the rollups', async () => {
    const study = (await demo.get('/api/v1/studies'))
      .json()
      .items.find((s: { title: string }) => s.title === ANALYSED_DEMO_STUDY)
    const res = await demo.get(`/api/v1/studies/${study.id}/dashboard`)
    expect(res.statusCode, res.body).toBe(200)
    const d = DashboardSchema.parse(res.json())
    expect(d.responses).toBe(150)
    expect(d.nps.n).toBe(150)
    expect(d.touchpoints).toHaveLength(15)
    for (const tp of d.touchpoints) expect(tp.csatTop2.n, tp.name).toBeGreaterThan(20)
    const byName = (n: string) => d.touchpoints.find((x) => x.name === n)!
    // the model behind the demo: delivery drives the NPS and is where it hurts
    expect(byName('Delivery at the door').importance.rho!).toBeGreaterThan(0.3)
    expect(byName('Delivery at the door').csatTop2.estimate!).toBeLessThan(d.basicLevel)
    expect(byName('Delivery at the door').momentOfTruth.candidate).toBe(true)
    expect(byName('Delivery at the door').remembered.n).toBeGreaterThan(20)
    expect(byName('Delivery at the door').painGain.coded.pain).toBeGreaterThan(0)
    expect(byName('Delivery at the door').quotes.length).toBe(2)
    expect(d.touchpoints.filter((x) => x.quadrant !== null).length).toBeGreaterThanOrEqual(10)
    expect(new Set(d.touchpoints.map((x) => x.quadrant))).toContain('concentrate')
    expect(d.peakTouchpointId).not.toBeNull()
    expect(d.troughTouchpointId).not.toBeNull()
    expect(d.segments.map((s) => s.key)).toEqual(['channel', 'customerType'])
    const unfolded = await t.db
      .selectFrom('survey_response')
      .select('id')
      .where('status', '=', 'complete')
      .where('rolled_up', '=', false)
      .execute()
    expect(unfolded).toHaveLength(0)
  })
})
