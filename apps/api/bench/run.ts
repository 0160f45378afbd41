/**
 * `npm run bench`: P1 (create a touchpoint through the whole API) against its ceilings C1 (bare
 * Fastify) and C2 (the same INSERT straight through `pg`), measured in one run on one machine, as
 * docs/benchmarks.md and /work/shared/design/quality-bars.md describe. It reports; it is not a test:
 * it exits 0 when a target is missed, non-zero only when the run itself breaks.
 *
 * Environment: BENCH_SECONDS (10), BENCH_WARMUP_SECONDS (2), BENCH_CONNECTIONS (50),
 * BENCH_BREAKDOWN (auto | 1 | 0: the diagnostic variants of P1; auto = only when P1 misses a target),
 * BENCH_CPU_PROF=1 (write a V8 CPU profile of the P1 server to bench/results/profiles),
 * DATABASE_URL (use that PostgreSQL server instead of a throwaway embedded one).
 */
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import autocannon from 'autocannon'
import { DummyDriver, Kysely, PostgresAdapter, PostgresDialect, PostgresIntrospector, PostgresQueryCompiler } from 'kysely'
import pg from 'pg'
import { loadConfig } from '../src/config.js'
import { runMigrations } from '../src/db/database.js'
import { seedDemo } from '../src/db/demo-seed.js'
import { ensureDatabase, startEmbeddedPostgres } from '../src/db/embedded.js'
import type { DB } from '../src/db/schema.js'
import { insertTouchpoint } from '../src/modules/journey/journey.queries.js'
import { startServer, type ServerHandle } from './lib/child.js'
import { type CpuUsage, startCpu } from './lib/cpu.js'

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url))
const RESULTS_DIR = path.join(BENCH_DIR, 'results')
const API_SERVER = path.join(BENCH_DIR, 'servers/api.ts')
const BARE_SERVER = path.join(BENCH_DIR, 'servers/bare.ts')

const num = (name: string, fallback: number) => {
  const raw = process.env[name]
  if (raw === undefined || raw === '') return fallback
  const n = Number(raw)
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number, got "${raw}"`)
  return n
}
const SECONDS = num('BENCH_SECONDS', 10)
const WARMUP_SECONDS = num('BENCH_WARMUP_SECONDS', 2)
const CONNECTIONS = num('BENCH_CONNECTIONS', 50)
const BREAKDOWN = (process.env.BENCH_BREAKDOWN ?? 'auto').toLowerCase()
const CPU_PROF = process.env.BENCH_CPU_PROF === '1'

/** quality-bars.md, P1: ≥ 50 % of min(C1, C2) at 50 connections; p99 ≤ 150 ms; 0 errors. */
const TARGET = { ratio: 0.5, p99Ms: 150, errors: 0 }
const BENCH_NAME = 'Bench touchpoint'

type Figures = {
  /** successful (2xx) responses or statements per second */
  rps: number
  p50Ms: number
  p99Ms: number
  maxMs: number
  /** connection errors + timeouts (HTTP) or failed statements (C2) */
  errors: number
  non2xx: number
  total: number
  seconds: number
  statusCodes?: Record<string, number>
  cpu?: CpuUsage
  rowsWritten?: number
}
type Phase = { id: string; label: string; what: string; figures: Figures }

const say = (line = '') => process.stdout.write(`${line}\n`)
const round = (n: number, d = 1) => Math.round(n * 10 ** d) / 10 ** d

// ---------------------------------------------------------------- cleanup

const cleanups: { name: string; fn: () => Promise<unknown> }[] = []
const onCleanup = (name: string, fn: () => Promise<unknown>) => cleanups.push({ name, fn })
let cleaning: Promise<void> | undefined
function cleanup() {
  cleaning ??= (async () => {
    while (cleanups.length) {
      const c = cleanups.pop()!
      try {
        await c.fn()
      } catch (err) {
        process.stderr.write(`cleanup (${c.name}) failed: ${(err as Error).message}\n`)
      }
    }
  })()
  return cleaning
}
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => {
    process.stderr.write(`\n${signal}: stopping servers and PostgreSQL…\n`)
    void cleanup().finally(() => process.exit(130))
  })

// ---------------------------------------------------------------- load generators

type Request = { method: 'GET' | 'POST'; path: string; headers?: Record<string, string>; body?: string }

function autocannonRun(port: number, req: Request, seconds: number) {
  return autocannon({
    url: `http://127.0.0.1:${port}${req.path}`,
    connections: CONNECTIONS,
    duration: seconds,
    method: req.method,
    headers: req.headers,
    body: req.body,
  })
}

/** Warm up (JIT, pools, caches), then measure; CPU is sampled over the measured part only. */
async function httpLoad(server: ServerHandle, req: Request, postgresDir: string | undefined): Promise<Figures> {
  await autocannonRun(server.port, req, WARMUP_SECONDS)
  const stopCpu = startCpu({ bench: [process.pid], server: [server.pid], postgresDir })
  const r = await autocannonRun(server.port, req, SECONDS)
  const cpu = stopCpu()
  const statusCodes = Object.fromEntries(
    Object.entries((r as unknown as { statusCodeStats?: Record<string, { count: number }> }).statusCodeStats ?? {}).map(([k, v]) => [k, v.count]),
  )
  return {
    rps: round(r['2xx'] / r.duration),
    p50Ms: r.latency.p50,
    p99Ms: r.latency.p99,
    maxMs: r.latency.max,
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx,
    total: r.requests.total,
    seconds: r.duration,
    statusCodes,
    cpu,
  }
}

/** C2: `concurrency` loops, each awaiting the statement on a Pool of the same size, for `seconds`. */
async function sqlLoad(url: string, stmt: { sql: string; parameters: readonly unknown[] }, postgresDir: string | undefined): Promise<Figures> {
  const pool = new pg.Pool({ connectionString: url, max: CONNECTIONS })
  pool.on('error', () => {})
  try {
    // open every connection before the clock starts
    const clients = await Promise.all(Array.from({ length: CONNECTIONS }, () => pool.connect()))
    for (const c of clients) c.release()
    const params = [...stmt.parameters]
    const run = async (seconds: number, latencies: number[] | undefined) => {
      let ok = 0
      let errors = 0
      const start = performance.now()
      const end = start + seconds * 1000
      await Promise.all(
        Array.from({ length: CONNECTIONS }, async () => {
          while (performance.now() < end) {
            const t0 = performance.now()
            try {
              const res = await pool.query(stmt.sql, params)
              if (res.rowCount === 1) ok++
              else errors++
            } catch {
              errors++
            }
            latencies?.push(performance.now() - t0)
          }
        }),
      )
      return { ok, errors, seconds: (performance.now() - start) / 1000 }
    }
    await run(WARMUP_SECONDS, undefined)
    const latencies: number[] = []
    const stopCpu = startCpu({ bench: [process.pid], postgresDir })
    const r = await run(SECONDS, latencies)
    const cpu = stopCpu()
    latencies.sort((a, b) => a - b)
    const pct = (p: number) => (latencies.length ? round(latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)]!, 2) : 0)
    return {
      rps: round(r.ok / r.seconds),
      p50Ms: pct(50),
      p99Ms: pct(99),
      maxMs: round(latencies.at(-1) ?? 0, 2),
      errors: r.errors,
      non2xx: 0,
      total: r.ok + r.errors,
      seconds: round(r.seconds, 2),
      cpu,
    }
  } finally {
    await pool.end()
  }
}

/** The exact statement insertTouchpoint sends, compiled by Kysely without a database. */
async function compileInsertTouchpoint(organizationId: string, studyId: string, t: Parameters<typeof insertTouchpoint>[3]) {
  let captured: { sql: string; parameters: readonly unknown[] } | undefined
  const db = new Kysely<DB>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (k) => new PostgresIntrospector(k),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
    log: (event) => {
      captured = { sql: event.query.sql, parameters: event.query.parameters }
    },
  })
  await insertTouchpoint(db, organizationId, studyId, t)
  await db.destroy()
  if (!captured) throw new Error('could not capture the insertTouchpoint statement')
  return captured
}

// ---------------------------------------------------------------- HTTP helpers for setup

async function http(port: number, method: string, urlPath: string, opts: { headers?: Record<string, string>; body?: unknown } = {}) {
  const res = await fetch(`http://127.0.0.1:${port}${urlPath}`, {
    method,
    headers: { ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}), ...opts.headers },
    body: opts.body !== undefined ? JSON.stringify(opts.body) : undefined,
  })
  const text = await res.text()
  return { status: res.status, headers: res.headers, json: text ? (JSON.parse(text) as any) : undefined, text }
}

// ---------------------------------------------------------------- main

async function main() {
  const startedAt = new Date()
  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'klantreis-bench-'))
  onCleanup('temp dir', () => fs.rm(tmp, { recursive: true, force: true }))
  const dataDir = path.join(tmp, 'data')

  say(`Klantreis bench: ${CONNECTIONS} connections, ${SECONDS} s per phase (+ ${WARMUP_SECONDS} s warm-up), ${os.cpus().length} cores`)

  // --- database: throwaway embedded PostgreSQL, or a fresh database on DATABASE_URL's server
  let url: string
  let postgresDir: string | undefined
  const t0 = performance.now()
  if (process.env.DATABASE_URL) {
    const server = process.env.DATABASE_URL
    const name = `klantreis_bench_${Date.now()}`
    await ensureDatabase(server, name)
    const u = new URL(server)
    u.pathname = `/${name}`
    url = u.toString()
    onCleanup('bench database', async () => {
      const admin = new URL(server)
      admin.pathname = '/postgres'
      const c = new pg.Client({ connectionString: admin.toString() })
      await c.connect()
      await c.query(`drop database if exists "${name}" with (force)`).finally(() => c.end())
    })
    say(`database: ${name} on DATABASE_URL's server`)
  } else {
    postgresDir = path.join(tmp, 'postgres')
    const embedded = await startEmbeddedPostgres({ dir: postgresDir, persistent: false })
    onCleanup('embedded PostgreSQL', () => embedded.stop())
    await ensureDatabase(embedded.url('postgres'), 'klantreis_bench')
    url = embedded.url('klantreis_bench')
    say(`database: throwaway embedded PostgreSQL in ${postgresDir} (${round((performance.now() - t0) / 1000)} s to start)`)
  }
  await runMigrations(url)

  // --- demo data, straight into the database (as `npm start` does on first run)
  const admin = new pg.Pool({ connectionString: url, max: 2 })
  onCleanup('admin pool', () => admin.end())
  const adminDb = new Kysely<DB>({ dialect: new PostgresDialect({ pool: admin }) })
  const demo = await seedDemo(adminDb, dataDir)
  if (!demo) throw new Error('the fresh bench database already had data')
  const postgresVersion = (await admin.query<{ v: string }>('show server_version')).rows[0]?.v ?? '?'
  // validate the configuration the servers will use, with the same minimal environment
  loadConfig({ DATABASE_URL: url, LOG_LEVEL: 'silent', DATA_DIR: dataDir })

  const servers = new Set<ServerHandle>()
  onCleanup('servers', () => Promise.all([...servers].map((s) => s.stop())))
  const start = async (name: string, file: string, env: Record<string, string>, execArgv?: string[]) => {
    const s = await startServer(name, file, env, { execArgv })
    servers.add(s)
    return {
      ...s,
      stop: async () => {
        servers.delete(s)
        await s.stop()
      },
    }
  }
  const apiEnv = (variant: string) => ({ BENCH_DATABASE_URL: url, BENCH_DATA_DIR: dataDir, BENCH_VARIANT: variant })

  // --- log in over HTTP, find the demo study and a stage (through a full API server)
  const api = await start('api', API_SERVER, apiEnv('full'))
  const login = await http(api.port, 'POST', '/api/v1/auth/login', { body: { email: demo.email, password: demo.password } })
  if (login.status !== 200) throw new Error(`login failed: ${login.status} ${login.text}`)
  const sessionCookie = login.headers.getSetCookie().find((c) => c.startsWith('kr_session='))?.split(';')[0]
  if (!sessionCookie) throw new Error('login answered without a kr_session cookie')
  const csrfToken: string = login.json.csrfToken
  const auth = { cookie: sessionCookie, 'x-csrf-token': csrfToken }

  // the demo account is owner of the webshop organization and analyst elsewhere: write as the owner
  const owned = (login.json.organizations as { id: string; role: string }[]).find((o) => o.role === 'owner')
  if (!owned) throw new Error('the demo account owns no organization')
  if (login.json.organization.id !== owned.id) {
    const sw = await http(api.port, 'POST', '/api/v1/auth/switch-organization', { headers: auth, body: { organizationId: owned.id } })
    if (sw.status !== 200) throw new Error(`switching organization failed: ${sw.status} ${sw.text}`)
  }
  const studies = await http(api.port, 'GET', '/api/v1/studies', { headers: auth })
  if (studies.status !== 200) throw new Error(`listing studies failed: ${studies.status} ${studies.text}`)
  let studyId: string | undefined
  let stageId: string | undefined
  for (const s of studies.json.items as { id: string }[]) {
    const stages = await http(api.port, 'GET', `/api/v1/studies/${s.id}/stages`, { headers: auth })
    if (stages.status === 200 && stages.json.items.length) {
      studyId = s.id
      stageId = stages.json.items[0].id
      break
    }
  }
  if (!studyId || !stageId) throw new Error('no demo study with stages found')

  const body = {
    stageId,
    name: BENCH_NAME,
    description: 'Written by npm run bench.',
    channel: 'web',
    kind: 'direct',
    ownerDepartment: 'E-commerce',
    momentOfTruth: false,
    origin: 'model',
  } as const
  const p1Request: Request = {
    method: 'POST',
    path: `/api/v1/studies/${studyId}/touchpoints`,
    headers: { ...auth, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  }
  const probe = await http(api.port, 'POST', p1Request.path, { headers: auth, body })
  if (probe.status !== 201) throw new Error(`create-touchpoint probe failed: ${probe.status} ${probe.text}`)
  const stmt = await compileInsertTouchpoint(owned.id, studyId, body)
  say(`demo study ${studyId}, stage ${stageId}; logged in as ${demo.email}`)

  // Every write phase starts from the same table: the bench rows go, the table is vacuumed, and a
  // checkpoint is taken so that none lands in the next phase's window by accident.
  const countBenchRows = async () =>
    Number((await admin.query<{ n: string }>('select count(*) as n from touchpoint where study_id = $1 and name = $2', [studyId, BENCH_NAME])).rows[0]?.n)
  const resetTable = async () => {
    await admin.query('delete from touchpoint where study_id = $1 and name = $2', [studyId, BENCH_NAME])
    await admin.query('vacuum analyze touchpoint')
    await admin.query('checkpoint')
  }
  await resetTable()
  await api.stop()

  const phases: Phase[] = []
  const show = (p: Phase) => {
    const f = p.figures
    const cpu = f.cpu
      ? `  cpu: machine ${f.cpu.machineBusyPercent ?? '?'}%, ${Object.entries(f.cpu.percentOfOneCore)
          .map(([k, v]) => `${k} ${v ?? '?'}%`)
          .join(', ')} (of one core)`
      : ''
    say(
      `  ${p.id.padEnd(22)} ${String(f.rps).padStart(9)} req/s   p50 ${String(f.p50Ms).padStart(6)} ms   p99 ${String(f.p99Ms).padStart(6)} ms   errors ${f.errors}   non-2xx ${f.non2xx}`,
    )
    if (cpu) say(`  ${''.padEnd(22)}${cpu}`)
  }
  const httpPhase = async (
    id: string,
    label: string,
    what: string,
    file: string,
    env: Record<string, string>,
    req: Request,
    opts: { writes?: boolean; execArgv?: string[] } = {},
  ) => {
    const server = await start(id, file, env, opts.execArgv)
    try {
      const figures = await httpLoad(server, req, postgresDir)
      if (opts.writes) figures.rowsWritten = await countBenchRows()
      const phase = { id, label, what, figures }
      phases.push(phase)
      show(phase)
      return phase
    } finally {
      await server.stop()
      if (opts.writes) await resetTable()
    }
  }

  say()
  say('phases (measured after warm-up):')
  const c1 = await httpPhase(
    'C1',
    'C1 bare Fastify {ok:true}',
    'Fastify, no plugins/schema/logger, same POST request as P1',
    BARE_SERVER,
    { BENCH_VARIANT: 'ok' },
    p1Request,
  )

  const c2 = {
    id: 'C2',
    label: 'C2 bare INSERT via pg',
    what: `insertTouchpoint's statement, ${CONNECTIONS} loops on a pg.Pool of ${CONNECTIONS}`,
    figures: await sqlLoad(url, stmt, postgresDir),
  }
  c2.figures.rowsWritten = await countBenchRows()
  phases.push(c2)
  show(c2)
  await resetTable()

  const p1 = await httpPhase(
    'P1',
    'P1 create touchpoint (full API)',
    'buildApp: session cookie + CSRF, zod validation, insert, zod response',
    API_SERVER,
    apiEnv('full'),
    p1Request,
    { writes: true, execArgv: CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${path.join(RESULTS_DIR, 'profiles')}`] : [] },
  )

  const ceiling = Math.min(c1.figures.rps, c2.figures.rps)
  const ratio = ceiling > 0 ? round(p1.figures.rps / ceiling, 3) : 0
  const p1Errors = p1.figures.errors + p1.figures.non2xx
  const verdict = {
    ratio: { value: ratio, target: `>= ${TARGET.ratio}`, pass: ratio >= TARGET.ratio },
    p99Ms: { value: p1.figures.p99Ms, target: `<= ${TARGET.p99Ms}`, pass: p1.figures.p99Ms <= TARGET.p99Ms },
    errors: { value: p1Errors, target: `= ${TARGET.errors}`, pass: p1Errors <= TARGET.errors },
  }
  const allPass = verdict.ratio.pass && verdict.p99Ms.pass && verdict.errors.pass

  // --- diagnostics: where P1's time goes
  const breakdown: Phase[] = []
  const runBreakdown = BREAKDOWN === '1' || BREAKDOWN === 'true' || (BREAKDOWN === 'auto' && !allPass)
  if (runBreakdown) {
    say()
    say('breakdown of P1 (diagnostic variants):')
    breakdown.push(
      await httpPhase(
        'D1 validate-only',
        'bare Fastify + zod contract, no DB',
        "create-touchpoint params/body validation and response serialization, fixed answer",
        BARE_SERVER,
        { BENCH_VARIANT: 'validate' },
        p1Request,
      ),
      await httpPhase(
        'D2 insert-only',
        'bare Fastify + insertTouchpoint (Kysely, pool 20)',
        'one INSERT per request; no session, CSRF, validation, helmet or response schema',
        BARE_SERVER,
        { BENCH_VARIANT: 'insert', BENCH_DATABASE_URL: url, BENCH_ORGANIZATION_ID: owned.id },
        p1Request,
        { writes: true },
      ),
      await httpPhase(
        'D3 session-in-memory',
        'full API, session lookup answered from memory',
        'P1 exactly, minus the session SELECT round trip',
        API_SERVER,
        apiEnv('session-in-memory'),
        p1Request,
        { writes: true },
      ),
    )
  }

  // --- report
  say()
  say(`C1 ${c1.figures.rps} req/s, C2 ${c2.figures.rps} req/s → ceiling min(C1, C2) = ${ceiling} req/s (${c1.figures.rps <= c2.figures.rps ? 'C1' : 'C2'})`)
  say(`P1 ${p1.figures.rps} req/s → ratio P1 / min(C1, C2) = ${ratio}`)
  say()
  say('P1 targets (quality-bars.md):')
  say(`  ratio  ${String(verdict.ratio.value).padEnd(8)} target ${verdict.ratio.target.padEnd(8)} ${verdict.ratio.pass ? 'PASS' : 'FAIL'}`)
  say(`  p99    ${`${verdict.p99Ms.value} ms`.padEnd(8)} target ${`${verdict.p99Ms.target} ms`.padEnd(8)} ${verdict.p99Ms.pass ? 'PASS' : 'FAIL'}`)
  say(`  errors ${String(verdict.errors.value).padEnd(8)} target ${verdict.errors.target.padEnd(8)} ${verdict.errors.pass ? 'PASS' : 'FAIL'}`)
  say(allPass ? 'P1: PASS' : 'P1: FAIL (reported, not a test failure)')

  const results = {
    date: startedAt.toISOString(),
    machine: {
      cores: os.cpus().length,
      cpu: os.cpus()[0]?.model ?? '?',
      memoryGiB: round(os.totalmem() / 2 ** 30),
      platform: `${os.type()} ${os.release()}`,
      node: process.version,
      postgres: `${postgresVersion}${postgresDir ? ' (embedded, throwaway)' : ' (DATABASE_URL)'}`,
    },
    settings: { connections: CONNECTIONS, seconds: SECONDS, warmupSeconds: WARMUP_SECONDS, apiPoolSize: 20, c2PoolSize: CONNECTIONS },
    phases,
    ceiling: { rps: ceiling, from: c1.figures.rps <= c2.figures.rps ? 'C1' : 'C2' },
    p1: { ratio, verdict, pass: allPass },
    breakdown,
    statement: stmt.sql,
  }
  await fs.mkdir(RESULTS_DIR, { recursive: true })
  const file = path.join(RESULTS_DIR, 'latest.json')
  await fs.writeFile(file, `${JSON.stringify(results, null, 2)}\n`)
  say()
  say(`results: ${path.relative(process.cwd(), file)}`)
}

main()
  .then(
    () => cleanup().then(() => process.exit(0)),
    async (err) => {
      process.stderr.write(`\nbench crashed: ${(err as Error).stack ?? String(err)}\n`)
      await cleanup()
      process.exit(1)
    },
  )
