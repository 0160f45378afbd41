// The embedded PostgreSQL of `npm start` under its real entry point (the build of `npm test` makes
// it): a postmaster that dies is restarted, Ctrl-C shuts down in order, a killed API leaves no
// server behind, and one that cannot come back makes the process say so and exit.
import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { ApiErrorSchema } from '@klantreis/shared/common'
import { Kysely, PostgresDialect, sql } from 'kysely'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { REPO_ROOT } from '../src/config.js'
import type { DB } from '../src/db/schema.js'
import { makeMember, makeOrganization } from './factories.js'

const SERVER_JS = path.join(REPO_ROOT, 'apps/api/dist/server.js')
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms))

type Server = {
  child: ChildProcess
  base: string
  output: () => string
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
}
const servers: Server[] = []

/** `node apps/api/dist/server.js` leading its own process group, as a job in a terminal does. */
async function startServer(dataDir: string, env: Record<string, string> = {}): Promise<Server> {
  const child = spawn(process.execPath, [SERVER_JS], {
    cwd: REPO_ROOT,
    detached: true,
    // no DATABASE_URL (the suite's own server): the API starts its embedded PostgreSQL
    env: {
      PATH: process.env.PATH!,
      HOME: process.env.HOME ?? '/root',
      DATA_DIR: dataDir,
      PORT: '0',
      DEMO_SEED: 'false',
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  child.stdout!.on('data', (d) => (out += d))
  child.stderr!.on('data', (d) => (out += d))
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) =>
    child.on('exit', (code, signal) => r({ code, signal })),
  )
  const server = { child, base: '', output: () => out, exited }
  servers.push(server)
  await expect
    .poll(
      () => {
        if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}) while starting:\n${out}`)
        return /Health: +(http:\/\/\S+)\/healthz/.exec(out)?.[1]
      },
      { timeout: 45_000, interval: 50 },
    )
    .toBeTruthy()
  server.base = /Health: +(http:\/\/\S+)\/healthz/.exec(out)![1]!
  return server
}

const pgDir = (dataDir: string) => path.join(dataDir, 'postgres')
const postmasterPid = (dataDir: string) =>
  Number(readFileSync(path.join(pgDir(dataDir), 'postmaster.pid'), 'utf8').split('\n')[0])
const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}
const parentOf = (pid: number) => {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
}

/** The embedded server's database, reached the way the API does (password file + current port). */
function embeddedDb(dataDir: string) {
  const { password } = JSON.parse(readFileSync(`${pgDir(dataDir)}.json`, 'utf8')) as { password: string }
  const port = readFileSync(path.join(pgDir(dataDir), 'postmaster.pid'), 'utf8').split('\n')[3]
  const pool = new pg.Pool({
    connectionString: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/klantreis`,
    max: 2,
  })
  pool.on('error', () => {})
  return new Kysely<DB>({ dialect: new PostgresDialect({ pool }) })
}

/**
 * Both job workers hold their LISTEN connection (named after their queue): every connection of
 * the app is set up, so a kill hits a running app rather than one still connecting.
 */
async function settled(db: Kysely<DB>) {
  await expect
    .poll(
      async () => {
        const { rows } = await sql<{
          n: number
        }>`select count(distinct application_name)::int as n from pg_stat_activity where application_name in ('mail', 'work')`.execute(
          db,
        )
        return rows[0]!.n
      },
      { timeout: 20_000, interval: 100 },
    )
    .toBe(2)
}

async function signIn(base: string, email: string, password: string) {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  })
  if (res.status !== 200) return { status: res.status }
  const cookie = res.headers
    .getSetCookie()
    .find((c) => c.startsWith('kr_session='))!
    .split(';')[0]!
  const { csrfToken } = (await res.json()) as { csrfToken: string }
  return { status: res.status, cookie, csrfToken }
}

const status = (url: string) =>
  fetch(url).then(
    (r) => r.status,
    () => 0,
  )

describe('embedded PostgreSQL under the real server', () => {
  let dataDir: string
  let recovered: Server | undefined

  beforeAll(async () => {
    if (!existsSync(SERVER_JS)) throw new Error(`${SERVER_JS} is missing: run npm run build first (npm test does)`)
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'klantreis-supervision-'))
  })
  afterAll(async () => {
    for (const s of servers) {
      try {
        if (s.child.exitCode === null && s.child.signalCode === null) process.kill(-s.child.pid!, 'SIGKILL')
      } catch {}
    }
    // a keeper notices its server's death and stops PostgreSQL; one left without a keeper gets it here
    if (existsSync(path.join(pgDir(dataDir), 'postmaster.pid'))) {
      const pid = postmasterPid(dataDir)
      if (isAlive(pid)) process.kill(pid, 'SIGINT')
      for (let i = 0; i < 150 && isAlive(pid); i++) await pause(100)
    }
    await fs.rm(dataDir, { recursive: true, force: true })
  })

  it('restarts a killed postmaster: /readyz recovers, sign-in and writes work, /healthz stays 200', async () => {
    const server = await startServer(dataDir)
    const db = embeddedDb(dataDir)
    const org = await makeOrganization(db)
    const member = await makeMember(db, org.id, 'researcher')
    await settled(db)
    await db.destroy()
    expect((await signIn(server.base, member.email, member.password)).status).toBe(200)

    const killed = postmasterPid(dataDir)
    const t0 = Date.now()
    process.kill(killed, 'SIGKILL')
    const health: number[] = []
    let ready = 0
    while (ready !== 200 && Date.now() - t0 < 30_000) {
      await pause(100)
      ready = await status(`${server.base}/readyz`)
      health.push(await status(`${server.base}/healthz`))
    }
    const recoveredAfterMs = Date.now() - t0
    expect(ready, server.output()).toBe(200)
    expect(health.every((s) => s === 200)).toBe(true)
    expect(postmasterPid(dataDir)).not.toBe(killed)
    console.info(`postmaster killed → /readyz 200 after ${(recoveredAfterMs / 1000).toFixed(1)} s`)

    const session = await signIn(server.base, member.email, member.password)
    expect(session.status).toBe(200)
    const write = await fetch(`${server.base}/api/v1/studies`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: session.cookie!, 'x-csrf-token': session.csrfToken! },
      body: JSON.stringify({ title: 'After the postmaster died' }),
    })
    expect(write.status).toBe(201)
    expect(await status(`${server.base}/healthz`)).toBe(200)
    expect(server.output()).toMatch(/embedded PostgreSQL exited unexpectedly \(signal SIGKILL\)/)
    expect(server.output()).toMatch(/embedded PostgreSQL is back after restart 1 of 5/)
    recovered = server
  }, 60_000)

  it('Ctrl-C (SIGINT to the process group) closes the app before PostgreSQL: exit 0, no cut connections', async () => {
    // the server whose postmaster was restarted above, or a fresh one
    const server = recovered ?? (await startServer(dataDir))
    const db = embeddedDb(dataDir)
    await settled(db)
    await db.destroy()
    expect(await status(`${server.base}/readyz`)).toBe(200)
    const postmaster = postmasterPid(dataDir)

    const before = server.output().length
    const t0 = Date.now()
    process.kill(-server.child.pid!, 'SIGINT')
    const { code } = await server.exited
    console.info(`SIGINT → exit ${code} after ${((Date.now() - t0) / 1000).toFixed(1)} s`)
    const shutdownLog = server.output().slice(before)
    expect(code, shutdownLog).toBe(0)
    expect(shutdownLog).not.toContain('terminating connection')
    expect(shutdownLog).not.toContain('Client {')
    const longest = Math.max(...shutdownLog.split('\n').map((l) => l.length))
    expect(longest, 'no line carries a client object').toBeLessThan(400)
    expect(isAlive(postmaster)).toBe(false)
    expect(existsSync(path.join(pgDir(dataDir), 'postmaster.pid'))).toBe(false)
  }, 60_000)

  it('kill -9 of the API: its postmaster stops by itself; one orphaned with its keeper is stopped at the next start', async () => {
    const first = await startServer(dataDir)
    const postmaster = postmasterPid(dataDir)
    process.kill(first.child.pid!, 'SIGKILL')
    await first.exited
    await expect.poll(() => isAlive(postmaster), { timeout: 15_000, interval: 50 }).toBe(false)

    const second = await startServer(dataDir)
    expect(await status(`${second.base}/readyz`)).toBe(200)
    // kill the postmaster's parent as well: nothing is left to stop it
    const orphan = postmasterPid(dataDir)
    process.kill(parentOf(orphan), 'SIGKILL')
    process.kill(second.child.pid!, 'SIGKILL')
    await second.exited
    expect(isAlive(orphan)).toBe(true)

    const third = await startServer(dataDir)
    expect(isAlive(orphan)).toBe(false)
    expect(postmasterPid(dataDir)).not.toBe(orphan)
    expect(third.output()).toContain(`stopping a PostgreSQL (pid ${orphan}) left running`)
    expect(await status(`${third.base}/readyz`)).toBe(200)
    process.kill(-third.child.pid!, 'SIGINT')
    expect((await third.exited).code).toBe(0)
  }, 60_000)

  it('a postmaster that cannot come back: /healthz answers 503 in the error shape and the process exits 1', async () => {
    const server = await startServer(dataDir, { EMBEDDED_PG_RESTARTS: '2' })
    const db = embeddedDb(dataDir)
    await settled(db)
    await db.destroy()
    // a data directory PostgreSQL no longer recognises: every restart fails
    await fs.rename(path.join(pgDir(dataDir), 'PG_VERSION'), path.join(pgDir(dataDir), 'PG_VERSION.moved'))
    process.kill(postmasterPid(dataDir), 'SIGKILL')

    let unhealthy: Response | undefined
    await expect
      .poll(
        async () => {
          const res = await fetch(`${server.base}/healthz`).catch(() => undefined)
          if (res?.status === 503) unhealthy = res
          return unhealthy !== undefined || server.child.exitCode !== null
        },
        { timeout: 30_000, interval: 100 },
      )
      .toBe(true)
    expect(unhealthy?.status, server.output()).toBe(503)
    const body = ApiErrorSchema.parse(await unhealthy!.json())
    expect(body.code).toBe('SERVICE_UNAVAILABLE')
    expect(body.message).toContain('did not come back after 2 restarts')
    const { code } = await server.exited
    expect(code).toBe(1)
    expect(server.output()).toMatch(/restart 1 of 2 failed/)
    expect(server.output()).toMatch(/restart 2 of 2 failed/)
  }, 60_000)
})
