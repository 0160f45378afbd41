import { randomBytes } from 'node:crypto'
import type { Job } from 'bullmq'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase } from '../../test/db.js'
import { startTcpProxy } from '../../test/tcp-proxy.js'
import { createQueueConnection } from './connections.js'

// BullMQ's PostgreSQL backend remembers its first readiness check, failed or not: a worker whose
// database was away when it started (or that lost it mid-setup) was refused at once on every later
// call, forever, and its fetch loop spun without yielding, freezing the process.
describe('a BullMQ queue on PostgreSQL whose database is away while it gets ready', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>
  let proxy: Awaited<ReturnType<typeof startTcpProxy>>

  beforeAll(async () => {
    database = await createTestDatabase()
    const url = new URL(database.url)
    proxy = await startTcpProxy({ host: url.hostname, port: Number(url.port || 5432) })
  })
  afterAll(async () => {
    await proxy?.close()
    await database?.drop()
  })

  it('keeps the event loop free during the outage and works once the database is back', async () => {
    const url = new URL(database.url)
    url.host = `127.0.0.1:${proxy.port}`
    const connection = createQueueConnection({
      DATABASE_URL: url.toString(),
      QUEUE_PREFIX: `t${randomBytes(5).toString('hex')}`,
    })
    await proxy.cut()

    const processed: string[] = []
    const queue = new connection.classes.Queue('ready-check', connection.producer())
    queue.on('error', () => {})
    const worker = new connection.classes.Worker('ready-check', async (job: Job) => void processed.push(job.data.n), {
      ...connection.worker(),
      drainDelay: 1,
      runRetryDelay: 500,
    })
    worker.on('error', () => {})
    try {
      // while the database is away: timers still fire (a spinning loop would starve them)
      let ticks = 0
      const timer = setInterval(() => ticks++, 50)
      await expect(queue.add('x', { n: 'during' })).rejects.toThrow()
      await new Promise((r) => setTimeout(r, 1500))
      clearInterval(timer)
      expect(ticks).toBeGreaterThanOrEqual(10)

      await proxy.restore()
      await expect
        .poll(
          async () =>
            await queue.add('x', { n: 'after' }).then(
              () => true,
              () => false,
            ),
          { timeout: 15_000, interval: 250 },
        )
        .toBe(true)
      await expect.poll(() => processed.includes('after'), { timeout: 15_000, interval: 100 }).toBe(true)
    } finally {
      await worker.close(true)
      await queue.close()
      await connection.close()
    }
  }, 45_000)
})
