import path from 'node:path'
import { Kysely, PostgresDialect } from 'kysely'
import pg from 'pg'
import type { Config } from '../config.js'
import { ensureDatabase, startEmbeddedPostgres, type Supervision } from './embedded.js'
import { migrateToLatest } from './migrate.js'
import type { DB } from './schema.js'

export const EMBEDDED_DATABASE = 'klantreis'

/** Hide the password when a URL goes into a message. */
export const redactUrl = (url: string) => url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@')

/**
 * The database the program will use: DATABASE_URL, or an embedded PostgreSQL kept in
 * DATA_DIR/postgres. Fails with a readable message when the server cannot be reached.
 * `supervise` restarts an embedded server that dies (a long-running process wants that; a CLI not).
 */
export async function prepareDatabase(config: Config, log: (msg: string) => void, supervise?: Supervision) {
  let url = config.DATABASE_URL
  let stop = async () => {}
  if (!url) {
    const dir = path.join(config.dataDir, 'postgres')
    log(`starting embedded PostgreSQL in ${dir}`)
    const embedded = await startEmbeddedPostgres({ dir, persistent: true, supervise })
    await ensureDatabase(embedded.url('postgres'), EMBEDDED_DATABASE)
    url = embedded.url(EMBEDDED_DATABASE)
    stop = embedded.stop
  }
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 })
  try {
    await client.connect()
    await client.query('select 1')
  } catch (err) {
    await stop()
    throw new Error(`Cannot reach PostgreSQL at ${redactUrl(url)}: ${(err as Error).message}`)
  } finally {
    await client.end().catch(() => {})
  }
  return { url, stop }
}

export async function runMigrations(url: string) {
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 2 }) }) })
  try {
    return await migrateToLatest(db)
  } finally {
    await db.destroy()
  }
}
