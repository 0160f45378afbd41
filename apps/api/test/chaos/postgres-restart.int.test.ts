import { Kysely, PostgresDialect } from 'kysely'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runMigrations } from '../../src/db/database.js'
import type { DB } from '../../src/db/schema.js'
import { ensureDatabase } from '../../src/db/embedded.js'
import { login } from '../build-test-app.js'
import { makeMember, makeOrganization } from '../factories.js'
import {
  type ApiProcess,
  appOn,
  type Device,
  planDevices,
  failures,
  recognisedReplays,
  report,
  requireBuild,
  startApi,
  startBurst,
  startOwnPostgres,
  until,
  verifyStored,
} from './support.js'

const DEVICES = 20
const ENTRIES = 15 // + an edit of every third: 20 diary writes a device
const SURVEYS = 3 // 4 saves each: 12 survey writes a device

// Our own PostgreSQL: the machine's shared one serves every other test file.
describe('PostgreSQL restarted (immediate shutdown) under a burst of participant writes', () => {
  let server: Awaited<ReturnType<typeof startOwnPostgres>>
  let url: string
  let api: ApiProcess | undefined
  let devices: Device[]

  beforeAll(async () => {
    requireBuild()
    server = await startOwnPostgres()
    await ensureDatabase(server.url('postgres'), 'klantreis')
    url = server.url('klantreis')
    await runMigrations(url)
    const setup = await appOn(url)
    try {
      const org = await makeOrganization(setup.db)
      const m = await makeMember(setup.db, org.id, 'researcher')
      const researcher = await login(setup.app, m.email, m.password)
      devices = await planDevices(setup.app, setup.db, researcher, org.id, {
        devices: DEVICES,
        surveys: SURVEYS,
        entries: ENTRIES,
        tag: 'pg-restart',
      })
    } finally {
      await setup.close()
    }
  })
  afterAll(async () => {
    await api?.stop()
    await server?.stop()
  })

  it('answers 503 in the error shape while it is down, never 500, and every write lands once on retry', async () => {
    // the queue on PostgreSQL too (no REDIS_URL): the API's queue connections lose their server as well
    api = await startApi({ DATABASE_URL: url, QUEUE_PREFIX: 'chaos' })
    const burst = startBurst({ url: api.url, devices, deadlineMs: 60_000 })
    await until('a third of the writes acknowledged', () => burst.stats.acked >= burst.total / 3)
    const stoppedAt = Date.now()
    await server.crash()
    const ackedBeforeStop = burst.stats.acked
    // stay down until every device has been turned away at least once on average
    await until(
      'the devices to meet the outage',
      () => (burst.stats.answers.get('503') ?? 0) + (burst.stats.answers.get('429') ?? 0) >= DEVICES,
      20_000,
    )
    await server.restart()
    const downMs = Date.now() - stoppedAt
    const outcomes = await burst.done

    const db = new Kysely<DB>({
      dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 2 }) }),
    })
    try {
      const v = await verifyStored(db, devices, outcomes)
      const acked = outcomes.filter((o) => o.acked).length
      report(
        `postgres restart (immediate): ${burst.total} writes sent (${DEVICES} devices), ${ackedBeforeStop} acknowledged before the stop, ` +
          `down ${downMs} ms (stop, recovery, ready); failed attempts: ${failures(burst.stats.answers)}; ` +
          `${acked} acknowledged in the end, ${v.stored} stored after retries, ${v.lost} lost, ${v.doubled} doubled; ${recognisedReplays(outcomes)} stored before their answer was lost`,
      )
      expect(ackedBeforeStop).toBeLessThan(burst.total)
      // every failure was a clean 503 (or the rate limiter's 429): no 500, no dropped connection
      expect(burst.stats.problems).toEqual([])
      expect(burst.stats.answers.get('503') ?? 0).toBeGreaterThan(0)
      expect([...burst.stats.answers.keys()].filter((k) => !['200', '201', '503', '429'].includes(k))).toEqual([])
      expect(v.problems).toEqual([])
      expect(acked).toBe(burst.total)
      expect(v).toMatchObject({ stored: burst.total, lost: 0, doubled: 0 })
    } finally {
      await db.destroy()
    }
  }, 90_000)
})
