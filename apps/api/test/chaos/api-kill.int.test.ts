import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, login, type TestApp } from '../build-test-app.js'
import { makeMember, makeOrganization } from '../factories.js'
import {
  type ApiProcess,
  type Device,
  planDevices,
  failures,
  recognisedReplays,
  report,
  requireBuild,
  startApi,
  startBurst,
  until,
  verifyStored,
} from './support.js'

const DEVICES = 20
const ENTRIES = 30 // + an edit of every third: 40 diary writes a device
const SURVEYS = 5 // 4 saves each: 20 survey writes a device; 60 in all, half the per-participant write limit

describe('the API killed (-9) in the middle of a burst of participant writes', () => {
  let t: TestApp
  let api: ApiProcess | undefined
  let devices: Device[]
  const apiEnv = () => ({
    DATABASE_URL: t.config.DATABASE_URL,
    DATA_DIR: t.dataDir,
    QUEUE_PREFIX: t.config.QUEUE_PREFIX,
  })

  beforeAll(async () => {
    requireBuild()
    t = await buildTestApp({ queue: 'postgres' })
    const org = await makeOrganization(t.db)
    const m = await makeMember(t.db, org.id, 'researcher')
    const researcher = await login(t.app, m.email, m.password)
    devices = await planDevices(t.app, t.db, researcher, org.id, {
      devices: DEVICES,
      surveys: SURVEYS,
      entries: ENTRIES,
      tag: 'api-kill',
    })
  })
  afterAll(async () => {
    await api?.kill9()
    await t?.close()
  })

  it('stores every acknowledged write exactly once after the clients retried against the restarted API', async () => {
    api = await startApi(apiEnv())
    const burst = startBurst({ url: api.url, devices, deadlineMs: 60_000 })
    await until('a third of the writes acknowledged', () => burst.stats.acked >= burst.total / 3)
    await api.kill9()
    const ackedBeforeKill = burst.stats.acked
    // the same port: the devices know one address
    api = await startApi(apiEnv(), api.port)
    const outcomes = await burst.done
    const v = await verifyStored(t.db, devices, outcomes)
    const acked = outcomes.filter((o) => o.acked).length
    report(
      `api kill -9: ${burst.total} writes sent (${DEVICES} devices), ${ackedBeforeKill} acknowledged before the kill, ${acked} acknowledged in the end, ` +
        `${v.stored} stored after retries, ${v.lost} lost, ${v.doubled} doubled; ${recognisedReplays(outcomes)} stored before their answer was lost (replay answered 200); ` +
        `failed attempts: ${failures(burst.stats.answers)}`,
    )
    expect(ackedBeforeKill).toBeLessThan(burst.total) // the kill really was mid-burst
    expect(burst.stats.problems).toEqual([])
    expect(v.problems).toEqual([])
    expect(acked).toBe(burst.total)
    expect(v).toMatchObject({ stored: burst.total, lost: 0, doubled: 0 })
    // the kill cut requests off; the API answered no 5xx on the way down or up
    expect([...burst.stats.answers.keys()].filter((k) => k.startsWith('5'))).toEqual([])
  }, 90_000)
})
