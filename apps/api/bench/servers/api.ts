/**
 * The real API, as `buildApp` builds it, in its own process (bench P1).
 *
 * BENCH_VARIANT=session-in-memory is a diagnostic only: every plugin, hook, validator and query is
 * the real one, but the session lookups (the participant cookie of the respondent hook, and the
 * analyst session) are answered from memory after their first real execution per cookie, so the
 * difference to `full` is what the session round trip costs.
 */
import pg from 'pg'
import { buildApp } from '../../src/app.js'
import { loadConfig } from '../../src/config.js'
import { reportFailure, reportListening } from '../lib/child.js'

const variant = process.env.BENCH_VARIANT ?? 'full'

/**
 * Answers the session queries (participants.queries findParticipantSession, auth.queries
 * findSessionContext) from memory after their first real run for a given session id. Works at the
 * pg Client level, so it holds whether the app sends the query through Kysely (`query(text, values)`)
 * or as a prepared statement through the pool (`query(config, cb)`).
 */
function answerSessionLookupFromMemory() {
  const isSessionLookup = (text: string) =>
    /from "participant_session" as "s"\s+inner join "participant_token"/i.test(text) ||
    /from "session" as "s"\s+inner join "account"/i.test(text)
  type Result = { rows: Record<string, unknown>[]; rowCount: number | null }
  type Callback = (err: Error | null, res?: Result) => void
  const cache = new Map<string, Result>()
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown }
  const realQuery = proto.query
  let hits = 0
  proto.query = function (this: unknown, ...args: unknown[]) {
    const [first, second] = args
    const cfg =
      typeof first === 'string'
        ? { text: first, values: second }
        : (first as { text?: unknown; values?: unknown } | undefined)
    const callback = typeof args.at(-1) === 'function' ? (args.at(-1) as Callback) : undefined
    if (!cfg || typeof cfg.text !== 'string' || !isSessionLookup(cfg.text)) return realQuery.apply(this, args)
    const values = (Array.isArray(cfg.values) ? cfg.values : Array.isArray(second) ? second : []) as unknown[]
    const key = String(values[0])
    const hit = cache.get(key)
    if (hit) {
      hits++
      // a fresh last_seen_at, so the hook never decides to touch the session either
      const res = { ...hit, rows: hit.rows.map((r) => ({ ...r, last_seen_at: new Date() })) }
      if (callback) return void queueMicrotask(() => callback(null, res))
      return Promise.resolve(res)
    }
    const remember = (res: Result | undefined) => {
      if (res?.rows.length) cache.set(key, res)
    }
    if (callback) {
      const wrapped: Callback = (err, res) => {
        if (!err) remember(res)
        callback(err, res)
      }
      return realQuery.apply(this, [...args.slice(0, -1), wrapped])
    }
    return (realQuery.apply(this, args) as Promise<Result>).then((res) => {
      remember(res)
      return res
    })
  }
  return () => hits
}

async function main() {
  const databaseUrl = process.env.BENCH_DATABASE_URL
  const dataDir = process.env.BENCH_DATA_DIR
  if (!databaseUrl || !dataDir) throw new Error('BENCH_DATABASE_URL and BENCH_DATA_DIR are required')
  if (variant !== 'full' && variant !== 'session-in-memory') throw new Error(`unknown BENCH_VARIANT ${variant}`)
  const cacheHits = variant === 'session-in-memory' ? answerSessionLookupFromMemory() : undefined

  const config = loadConfig({
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    HOST: '127.0.0.1',
    PORT: '0',
    RUN_WORKER: 'false',
    DEMO_SEED: 'false',
  })
  const app = await buildApp({ ...config, DATABASE_URL: databaseUrl })
  await app.listen({ host: '127.0.0.1', port: 0 })
  const { port } = app.server.address() as { port: number }
  reportListening(port, async () => {
    if (cacheHits && cacheHits() === 0)
      process.stderr.write('bench: session-in-memory variant never matched the session query\n')
    await app.close()
  })
}

main().catch(reportFailure)
