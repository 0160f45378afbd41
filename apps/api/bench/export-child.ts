/**
 * One export in a process of its own (started by bench/export.ts), so the peak RSS the bench
 * reports is the exporting process's alone: the export job's function on an export_job row the
 * bench inserted, with the same database set-up as the worker (src/worker.ts: a pg pool and Kysely
 * with pg-cursor, so the datasets can stream). It does nothing else, and it tells the bench over
 * IPC how long the export took, its own peak RSS (`process.resourceUsage().maxRSS`), its memory
 * before the export, the peaks of the V8 heap and of the memory outside it (sampled every 100 ms)
 * and RSS and heap every second, so an RSS over the target says where it went and whether it grows.
 *
 * Environment: DATABASE_URL, DATA_DIR (the files go under DATA_DIR/exports), BENCH_EXPORT_ID,
 * BENCH_EXPORT_GENERATION.
 */
import type { Queue } from 'bullmq'
import { Kysely, PostgresDialect } from 'kysely'
import pg from 'pg'
import Cursor from 'pg-cursor'
import pino from 'pino'
import { loadConfig } from '../src/config.js'
import type { DB } from '../src/db/schema.js'
import { guardPool, serializeError } from '../src/plugins/db.js'
import { createServices } from '../src/services.js'

export type MemoryFigures = { heapUsedMb: number; externalMb: number; arrayBuffersMb: number; rssMb: number }

export type ExportChildResult =
  | {
      type: 'done'
      ms: number
      maxRssKb: number
      /** Before the export: what the process costs with everything loaded (tsx, the modules, the pool). */
      before: MemoryFigures
      peak: MemoryFigures
      /** Every second: [seconds, RSS MB, V8 heap used MB], so a growth shows as a slope. */
      series: [number, number, number][]
    }
  | { type: 'error'; message: string }

/** The services take the queues; an export enqueues nothing, and any use would be a surprise worth failing on. */
const noQueue = (name: string) =>
  new Proxy({} as Queue, {
    get: (_, prop) => {
      throw new Error(`the export bench's child has no ${name} queue (export job used queue.${String(prop)})`)
    },
  })

const send = (msg: ExportChildResult) =>
  new Promise<void>((resolve) => (process.send ? process.send(msg, () => resolve()) : resolve()))

async function main() {
  const exportId = process.env.BENCH_EXPORT_ID
  const generation = Number(process.env.BENCH_EXPORT_GENERATION ?? 1)
  if (!exportId) throw new Error('BENCH_EXPORT_ID is required')
  const config = loadConfig({ ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'warn' })
  if (!config.DATABASE_URL) throw new Error('DATABASE_URL is required')
  const log = pino({ level: config.LOG_LEVEL, serializers: { err: serializeError } })
  const pool = new pg.Pool({ connectionString: config.DATABASE_URL, max: 4 })
  guardPool(pool, log)
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool, cursor: Cursor }) })
  const services = createServices({ db, pool, queues: { mail: noQueue('mail'), work: noQueue('work') }, config, log })

  const mb = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10
  const now = (): MemoryFigures => {
    const m = process.memoryUsage()
    return {
      heapUsedMb: mb(m.heapUsed),
      externalMb: mb(m.external),
      arrayBuffersMb: mb(m.arrayBuffers),
      rssMb: mb(m.rss),
    }
  }
  const before = now()
  const peak = { ...before }
  const series: [number, number, number][] = []
  const sample = () => {
    const m = now()
    peak.heapUsedMb = Math.max(peak.heapUsedMb, m.heapUsedMb)
    peak.externalMb = Math.max(peak.externalMb, m.externalMb)
    peak.arrayBuffersMb = Math.max(peak.arrayBuffersMb, m.arrayBuffersMb)
    peak.rssMb = Math.max(peak.rssMb, m.rssMb)
    return m
  }
  const sampler = setInterval(sample, 100)
  const started = performance.now()
  const second = setInterval(() => {
    const m = sample()
    series.push([Math.round((performance.now() - started) / 1000), m.rssMb, m.heapUsedMb])
  }, 1000)
  await services.exports.runExport(exportId, generation)
  const ms = performance.now() - started
  clearInterval(sampler)
  clearInterval(second)
  sample()
  await db.destroy()
  await send({ type: 'done', ms, maxRssKb: process.resourceUsage().maxRSS, before, peak, series })
}

main().then(
  () => process.exit(0),
  async (err) => {
    await send({ type: 'error', message: (err as Error).stack ?? String(err) })
    process.exit(1)
  },
)
