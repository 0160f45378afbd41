/**
 * The real API, as `buildApp` builds it, in its own process (bench P1).
 *
 * BENCH_VARIANT=session-in-memory is a diagnostic only: every plugin, hook, validator and query is
 * the real one, but the session lookup of the analyst hook is answered from memory after its first
 * real execution, so the difference to `full` is what the session round trip costs.
 */
import pg from 'pg'
import { buildApp } from '../../src/app.js'
import { loadConfig } from '../../src/config.js'
import { reportFailure, reportListening } from '../lib/child.js'

const variant = process.env.BENCH_VARIANT ?? 'full'

/** Answers the session-context query (auth.queries findSessionContext) from memory after the first real run. */
function answerSessionLookupFromMemory() {
  const isSessionLookup = (text: string) => /from "session" as "s" inner join "account"/.test(text)
  const cache = new Map<string, Record<string, unknown>[]>()
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown }
  const realQuery = proto.query
  let hits = 0
  proto.query = function (this: unknown, ...args: unknown[]) {
    const [text, values] = args
    if (typeof text === 'string' && Array.isArray(values) && args.length === 2 && isSessionLookup(text)) {
      const key = String(values[0])
      const rows = cache.get(key)
      // a fresh last_seen_at, so the hook never decides to touch the session either
      if (rows) {
        hits++
        return Promise.resolve({ command: 'SELECT', rowCount: rows.length, rows: rows.map((r) => ({ ...r, last_seen_at: new Date() })), fields: [] })
      }
      return (realQuery.apply(this, args) as Promise<{ rows: Record<string, unknown>[] }>).then((res) => {
        if (res.rows.length) cache.set(key, res.rows)
        return res
      })
    }
    return realQuery.apply(this, args)
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
    if (cacheHits && cacheHits() === 0) process.stderr.write('bench: session-in-memory variant never matched the session query\n')
    await app.close()
  })
}

main().catch(reportFailure)
