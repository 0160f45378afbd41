import fs from 'node:fs/promises'
import path from 'node:path'
import pg from 'pg'
import { ensureDatabase, startEmbeddedPostgres } from '../../src/db/embedded.js'

/**
 * The bench's database: a fresh database on DATABASE_URL's server (dropped afterwards), or a
 * throwaway embedded PostgreSQL in `tmp`. `onCleanup` registers what to undo at the end.
 */
export async function benchDatabase(
  tmp: string,
  prefix: string,
  onCleanup: (name: string, fn: () => Promise<unknown>) => void,
) {
  if (process.env.DATABASE_URL) {
    const server = process.env.DATABASE_URL
    const name = `${prefix}_${Date.now()}`
    await ensureDatabase(server, name)
    const u = new URL(server)
    u.pathname = `/${name}`
    onCleanup('bench database', async () => {
      const admin = new URL(server)
      admin.pathname = '/postgres'
      const c = new pg.Client({ connectionString: admin.toString() })
      await c.connect()
      await c.query(`drop database if exists "${name}" with (force)`).finally(() => c.end())
    })
    return { url: u.toString(), postgresDir: undefined, label: `${name} on DATABASE_URL's server` }
  }
  const postgresDir = path.join(tmp, 'postgres')
  await fs.mkdir(tmp, { recursive: true })
  const embedded = await startEmbeddedPostgres({ dir: postgresDir, persistent: false })
  onCleanup('embedded PostgreSQL', () => embedded.stop())
  await ensureDatabase(embedded.url('postgres'), prefix)
  return { url: embedded.url(prefix), postgresDir, label: `throwaway embedded PostgreSQL in ${postgresDir}` }
}
