/**
 * `npm run bench`: P1 (create a touchpoint through the whole API) against its ceilings C1 (bare
 * Fastify) and C2 (the same INSERT straight through `pg`), measured in one run on one machine, as
 * docs/benchmarks.md and /work/shared/design/quality-bars.md describe. It reports; it is not a test:
 * it exits 0 when a target is missed, non-zero only when the run itself breaks.
 *
 * Environment: BENCH_SECONDS (10), BENCH_WARMUP_SECONDS (2), BENCH_CONNECTIONS (50), BENCH_ROUNDS (3:
 * C1, C2 and P1 each measured that many times in rotating order; the figures are the medians),
 * BENCH_BREAKDOWN (auto | 1 | 0: the diagnostic variants of P1; auto = only when P1 misses a target),
 * BENCH_BREAKDOWN_ROUNDS (1: rounds of the diagnostic variants, medians as above),
 * BENCH_CPU_PROF=1 (write a V8 CPU profile of the P1 server to bench/results/profiles),
 * DATABASE_URL (use that PostgreSQL server instead of a throwaway embedded one).
 */
import { MeSchema } from '@klantreis/shared/auth'
import { StagePageSchema, StudyPageSchema } from '@klantreis/shared/studies'
import { execFileSync } from 'node:child_process'
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
import { hashToken } from '../src/lib/tokens.js'
import { findSessionContext } from '../src/modules/auth/auth.queries.js'
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
const ROUNDS = Math.round(num('BENCH_ROUNDS', 3))
const BREAKDOWN = (process.env.BENCH_BREAKDOWN ?? 'auto').toLowerCase()
const BREAKDOWN_ROUNDS = Math.round(num('BENCH_BREAKDOWN_ROUNDS', 1))
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
  /** CPU time per successful request, per process group (ms): robust against a busy shared machine */
  cpuMsPerRequest?: Record<string, number | null>
  rowsWritten?: number
}

const say = (line = '') => process.stdout.write(`${line}\n`)
const round = (n: number, d = 1) => Math.round(n * 10 ** d) / 10 ** d
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2
}

function withCpuPerRequest(f: Figures): Figures {
  if (!f.cpu || f.rps <= 0) return f
  const perReq = (percent: number | null | undefined) => (percent == null ? null : round((10 * percent) / f.rps, 3))
  return { ...f, cpuMsPerRequest: Object.fromEntries(Object.entries(f.cpu.percentOfOneCore).map(([k, v]) => [k, perReq(v)])) }
}

/** Medians over rounds (rps, latencies, CPU per request); errors and totals summed; max is the worst. */
function summarise(rounds: Figures[]): Figures {
  const groups = [...new Set(rounds.flatMap((r) => Object.keys(r.cpuMsPerRequest ?? {})))]
  return {
    rps: round(median(rounds.map((r) => r.rps))),
    p50Ms: median(rounds.map((r) => r.p50Ms)),
    p99Ms: median(rounds.map((r) => r.p99Ms)),
    maxMs: Math.max(...rounds.map((r) => r.maxMs)),
    errors: rounds.reduce((a, r) => a + r.errors, 0),
    non2xx: rounds.reduce((a, r) => a + r.non2xx, 0),
    total: rounds.reduce((a, r) => a + r.total, 0),
    seconds: round(rounds.reduce((a, r) => a + r.seconds, 0), 2),
    cpuMsPerRequest: Object.fromEntries(
      groups.map((g) => {
        const vs = rounds.map((r) => r.cpuMsPerRequest?.[g]).filter((v): v is number => typeof v === 'number')
        return [g, vs.length ? round(median(vs), 3) : null]
      }),
    ),
  }
}

function show(label: string, f: Figures) {
  say(
    `  ${label.padEnd(24)} ${String(f.rps).padStart(9)} req/s   p50 ${String(f.p50Ms).padStart(6)} ms   p99 ${String(f.p99Ms).padStart(6)} ms   errors ${f.errors}   non-2xx ${f.non2xx}`,
  )
  if (f.cpu) {
    const groups = Object.entries(f.cpu.percentOfOneCore)
      .map(([k, v]) => `${k} ${v ?? '?'}%${f.cpu!.systemPercentOfOneCore[k] ? ` (sys ${f.cpu!.systemPercentOfOneCore[k]}%)` : ''}`)
      .join(', ')
    say(`  ${''.padEnd(24)} cpu, % of one core: ${groups}, other ${f.cpu.otherPercentOfOneCore ?? '?'}%; machine ${f.cpu.machineBusyPercent ?? '?'}% busy`)
  }
}

/** Which code was measured: the commit, and the files under test that differ from it. */
function sourceState() {
  const git = (...args: string[]) => {
    try {
      return execFileSync('git', args, { cwd: BENCH_DIR, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()
    } catch {
      return ''
    }
  }
  const changed = git('status', '--porcelain', '--', '../src', '../../../packages/shared/src', '../../../migrations')
  return { commit: git('rev-parse', 'HEAD') || 'unknown', uncommitted: changed ? changed.split('\n').map((l) => l.trim()) : [] }
}

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
  return withCpuPerRequest({
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
  })
}

type Statement = { sql: string; parameters: readonly unknown[] }

/**
 * C2: CONNECTIONS loops on a pg.Pool of the same size, each running `stmts` one after the other
 * (one "request") for BENCH_SECONDS. A statement with `prepare` goes as a named prepared statement
 * (parsed and planned once per connection); the others as the app sends them (unnamed: parsed and
 * planned on every execution).
 */
async function sqlLoad(url: string, stmts: (Statement & { prepare?: boolean })[], postgresDir: string | undefined): Promise<Figures> {
  const pool = new pg.Pool({ connectionString: url, max: CONNECTIONS })
  pool.on('error', () => {})
  try {
    // open every connection before the clock starts
    const clients = await Promise.all(Array.from({ length: CONNECTIONS }, () => pool.connect()))
    for (const c of clients) c.release()
    const queries = stmts.map((st, i) => ({ ...(st.prepare ? { name: `bench_${i}` } : {}), text: st.sql, values: [...st.parameters] }))
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
              let rows = 0
              for (const q of queries) rows += (await pool.query(q)).rowCount ?? 0
              if (rows === queries.length) ok++
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
    return withCpuPerRequest({
      rps: round(r.ok / r.seconds),
      p50Ms: pct(50),
      p99Ms: pct(99),
      maxMs: round(latencies.at(-1) ?? 0, 2),
      errors: r.errors,
      non2xx: 0,
      total: r.ok + r.errors,
      seconds: round(r.seconds, 2),
      cpu,
    })
  } finally {
    await pool.end()
  }
}

/**
 * The exact statement a query function sends (SQL text, parameters, and whether it goes as a named
 * prepared statement), captured without a database. The recorder passes for a Kysely instance
 * (compiled by Kysely, caught by its log hook) and for a pg Pool (`query(text | config, values)`),
 * so it keeps working whichever of the two a query function takes.
 */
async function captureStatement(run: (db: any) => Promise<unknown>): Promise<Statement & { prepare: boolean }> {
  let captured: (Statement & { prepare: boolean }) | undefined
  const kysely = new Kysely<DB>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (k) => new PostgresIntrospector(k),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
    log: (event) => {
      captured ??= { sql: event.query.sql, parameters: event.query.parameters, prepare: false }
    },
  })
  const recorder = Object.assign(kysely, {
    query: async (textOrConfig: string | { text: string; values?: unknown[]; name?: string }, values?: unknown[]) => {
      const cfg = typeof textOrConfig === 'string' ? { text: textOrConfig, values } : textOrConfig
      captured ??= { sql: cfg.text, parameters: cfg.values ?? values ?? [], prepare: !!cfg.name }
      return { rows: [], rowCount: 0, command: 'SELECT', fields: [] }
    },
  })
  await run(recorder)
  await kysely.destroy()
  if (!captured) throw new Error('could not capture the statement')
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
  return { status: res.status, headers: res.headers, json: (text ? JSON.parse(text) : undefined) as unknown, text }
}

// ---------------------------------------------------------------- main

async function main() {
  const startedAt = new Date()
  const source = sourceState()
  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'klantreis-bench-'))
  onCleanup('temp dir', () => fs.rm(tmp, { recursive: true, force: true }))
  const dataDir = path.join(tmp, 'data')

  say(`Klantreis bench: ${CONNECTIONS} connections, ${SECONDS} s per phase (+ ${WARMUP_SECONDS} s warm-up), ${os.cpus().length} cores`)
  say(`code: ${source.commit.slice(0, 12)}${source.uncommitted.length ? ` + ${source.uncommitted.length} uncommitted file(s) under test` : ''}`)

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
  const postgresVersion = (await admin.query<{ v: string }>("select current_setting('server_version') as v")).rows[0]?.v ?? '?'
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
  const me = MeSchema.parse(login.json)
  const csrfToken = me.csrfToken
  const auth = { cookie: sessionCookie, 'x-csrf-token': csrfToken }

  // the demo account is owner of the webshop organization and analyst elsewhere: write as the owner
  const owned = me.organizations.find((o) => o.role === 'owner')
  if (!owned) throw new Error('the demo account owns no organization')
  if (me.organization.id !== owned.id) {
    const sw = await http(api.port, 'POST', '/api/v1/auth/switch-organization', { headers: auth, body: { organizationId: owned.id } })
    if (sw.status !== 200) throw new Error(`switching organization failed: ${sw.status} ${sw.text}`)
  }
  const studies = await http(api.port, 'GET', '/api/v1/studies', { headers: auth })
  if (studies.status !== 200) throw new Error(`listing studies failed: ${studies.status} ${studies.text}`)
  let studyId: string | undefined
  let stageId: string | undefined
  for (const s of StudyPageSchema.parse(studies.json).items) {
    const stages = await http(api.port, 'GET', `/api/v1/studies/${s.id}/stages`, { headers: auth })
    const firstStage = stages.status === 200 ? StagePageSchema.parse(stages.json).items[0] : undefined
    if (firstStage) {
      studyId = s.id
      stageId = firstStage.id
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
  // as the app sends them now (C2 follows the app: prepared if the app prepares its INSERT)
  const stmt = await captureStatement((db) => insertTouchpoint(db, owned.id, studyId, body))
  const sessionStmt = await captureStatement((db) => findSessionContext(db, hashToken(sessionCookie.slice('kr_session='.length))))
  const asApp = (prepared: boolean) => (prepared ? 'prepared' : 'unprepared')
  say(`the app sends: session SELECT ${asApp(sessionStmt.prepare)}, INSERT ${asApp(stmt.prepare)}`)
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

  // --- the measured phases
  type PhaseDef = { id: 'C1' | 'C2' | 'P1'; label: string; what: string; run: () => Promise<Figures> }
  const httpRun = async (
    name: string,
    file: string,
    env: Record<string, string>,
    req: Request,
    opts: { writes?: boolean; execArgv?: string[] } = {},
  ): Promise<Figures> => {
    const server = await start(name, file, env, opts.execArgv)
    try {
      const figures = await httpLoad(server, req, postgresDir)
      if (opts.writes) figures.rowsWritten = await countBenchRows()
      return figures
    } finally {
      await server.stop()
      if (opts.writes) await resetTable()
    }
  }
  const sqlRun = async (stmts: Parameters<typeof sqlLoad>[1]) => {
    const f = await sqlLoad(url, stmts, postgresDir)
    f.rowsWritten = await countBenchRows()
    await resetTable()
    return f
  }
  const defs: Record<PhaseDef['id'], PhaseDef> = {
    C1: {
      id: 'C1',
      label: 'C1 bare Fastify {ok:true}',
      what: 'Fastify without plugins, schema or logger; the same POST request (headers, body) as P1',
      run: () => httpRun('C1', BARE_SERVER, { BENCH_VARIANT: 'ok' }, p1Request),
    },
    C2: {
      id: 'C2',
      label: 'C2 bare INSERT via pg',
      what: `insertTouchpoint's statement as the app sends it (${stmt.prepare ? 'prepared' : 'unprepared'}), ${CONNECTIONS} loops on a pg.Pool of ${CONNECTIONS}`,
      run: () => sqlRun([stmt]),
    },
    P1: {
      id: 'P1',
      label: 'P1 create touchpoint (full API)',
      what: 'buildApp: session cookie + CSRF, zod validation, INSERT, zod response',
      run: () =>
        httpRun('P1', API_SERVER, apiEnv('full'), p1Request, {
          writes: true,
          execArgv: CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${path.join(RESULTS_DIR, 'profiles')}`] : [],
        }),
    },
  }

  // Rounds rotate the order, so neither a drifting background load nor the order itself favours one phase.
  const ORDERS: PhaseDef['id'][][] = [
    ['C1', 'C2', 'P1'],
    ['P1', 'C1', 'C2'],
    ['C2', 'P1', 'C1'],
  ]
  const samples: Record<PhaseDef['id'], Figures[]> = { C1: [], C2: [], P1: [] }
  say()
  say(`phases (${ROUNDS} round${ROUNDS > 1 ? 's' : ''}, each measured after its own warm-up):`)
  for (let r = 0; r < ROUNDS; r++) {
    for (const id of ORDERS[r % ORDERS.length]!) {
      const f = await defs[id].run()
      samples[id].push(f)
      show(`${id} #${r + 1}`, f)
    }
  }

  const phases = (['C1', 'C2', 'P1'] as const).map((id) => ({
    id,
    label: defs[id].label,
    what: defs[id].what,
    figures: summarise(samples[id]),
    rounds: samples[id],
  }))
  const [c1, c2, p1] = phases as [(typeof phases)[number], (typeof phases)[number], (typeof phases)[number]]

  const ceiling = Math.min(c1.figures.rps, c2.figures.rps)
  const ceilingFrom = c1.figures.rps <= c2.figures.rps ? 'C1' : 'C2'
  const ratio = ceiling > 0 ? round(p1.figures.rps / ceiling, 3) : 0
  const roundRatios = samples.P1.map((p, i) => round(p.rps / Math.min(samples.C1[i]!.rps, samples.C2[i]!.rps), 3))
  const p1Errors = p1.figures.errors + p1.figures.non2xx
  const verdict = {
    ratio: { value: ratio, target: `>= ${TARGET.ratio}`, pass: ratio >= TARGET.ratio },
    p99Ms: { value: p1.figures.p99Ms, target: `<= ${TARGET.p99Ms} ms`, pass: p1.figures.p99Ms <= TARGET.p99Ms },
    errors: { value: p1Errors, target: `= ${TARGET.errors}`, pass: p1Errors <= TARGET.errors },
  }
  const allPass = verdict.ratio.pass && verdict.p99Ms.pass && verdict.errors.pass

  // --- diagnostics: where P1's time goes (one sample each)
  const breakdown: { id: string; label: string; what: string; figures: Figures; rounds: Figures[] }[] = []
  const runBreakdown = BREAKDOWN === '1' || BREAKDOWN === 'true' || (BREAKDOWN === 'auto' && !allPass)
  if (runBreakdown) {
    say()
    say(`breakdown of P1 (diagnostic variants, ${BREAKDOWN_ROUNDS} round${BREAKDOWN_ROUNDS > 1 ? 's' : ''}):`)
    const variants = [
      {
        id: 'D1',
        label: 'bare Fastify + zod contract, no DB',
        what: 'create-touchpoint params/body validation and response serialization, fixed answer',
        run: () => httpRun('D1', BARE_SERVER, { BENCH_VARIANT: 'validate' }, p1Request),
      },
      {
        id: 'D2',
        label: 'bare Fastify + insertTouchpoint (Kysely, pool 20)',
        what: 'one INSERT per request; no session, CSRF, validation, helmet or response schema',
        run: () =>
          httpRun('D2', BARE_SERVER, { BENCH_VARIANT: 'insert', BENCH_DATABASE_URL: url, BENCH_ORGANIZATION_ID: owned.id }, p1Request, { writes: true }),
      },
      {
        id: 'D3',
        label: 'full API, session lookup answered from memory',
        what: 'P1 exactly, minus the session SELECT round trip',
        run: () => httpRun('D3', API_SERVER, apiEnv('session-in-memory'), p1Request, { writes: true }),
      },
      // P1's database work without HTTP or Node in between, in each prepared/unprepared combination
      ...(
        [
          ['D4', false, false],
          ['D5', true, false],
          ['D6', true, true],
        ] as const
      ).map(([id, prepSession, prepInsert]) => ({
        id,
        label: `P1's SQL via pg: session ${prepSession ? 'prepared' : 'unprepared'}, INSERT ${prepInsert ? 'prepared' : 'unprepared'}`,
        what: `the two statements P1 sends, one after the other per request, ${CONNECTIONS} loops on a pg.Pool of ${CONNECTIONS}${
          prepSession === sessionStmt.prepare && prepInsert === stmt.prepare ? '; as the app sends them now' : ''
        }`,
        run: () => sqlRun([{ ...sessionStmt, prepare: prepSession }, { ...stmt, prepare: prepInsert }]),
      })),
      {
        id: 'D7',
        label: `C2 with the INSERT ${stmt.prepare ? 'unprepared' : 'prepared'}`,
        what: `what C2 would be if the app sent its INSERT ${stmt.prepare ? 'unprepared' : 'as a prepared statement'}`,
        run: () => sqlRun([{ ...stmt, prepare: !stmt.prepare }]),
      },
    ]
    for (const v of variants) say(`  ${v.id}: ${v.label} (${v.what})`)
    const got = new Map<string, Figures[]>(variants.map((v) => [v.id, []]))
    for (let r = 0; r < BREAKDOWN_ROUNDS; r++) {
      // rotate the order each round, like the main phases
      for (const v of [...variants.slice(r % variants.length), ...variants.slice(0, r % variants.length)]) {
        const figures = await v.run()
        got.get(v.id)!.push(figures)
        show(`${v.id}${BREAKDOWN_ROUNDS > 1 ? ` #${r + 1}` : ''}`, figures)
      }
    }
    for (const v of variants) {
      const rounds = got.get(v.id)!
      breakdown.push({ id: v.id, label: v.label, what: v.what, figures: summarise(rounds), rounds })
    }
  }

  // --- report
  say()
  say(`summary (medians: ${ROUNDS} round${ROUNDS > 1 ? 's' : ''} of C1/C2/P1${breakdown.length ? `, ${BREAKDOWN_ROUNDS} of D1-D${breakdown.length}` : ''}):`)
  say(`  ${'phase'.padEnd(44)} ${'req/s'.padStart(8)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)} ${'errors'.padStart(7)} ${'non-2xx'.padStart(8)}   CPU ms per request (server / postgres / load generator)`)
  for (const p of [...phases, ...breakdown.map((b) => ({ ...b, label: `${b.id} ${b.label}` }))]) {
    const f = p.figures
    const c = f.cpuMsPerRequest
    say(
      `  ${p.label.slice(0, 44).padEnd(44)} ${String(f.rps).padStart(8)} ${String(f.p50Ms).padStart(7)} ${String(f.p99Ms).padStart(7)} ${String(f.errors).padStart(7)} ${String(f.non2xx).padStart(8)}   ${
        c ? `${c.server ?? '-'} / ${c.postgres ?? '-'} / ${c.bench ?? '-'}` : ''
      }`,
    )
  }
  say()
  say(`ceiling min(C1, C2) = ${ceiling} req/s (${ceilingFrom})`)
  say(`ratio P1 / min(C1, C2) = ${p1.figures.rps} / ${ceiling} = ${ratio}${ROUNDS > 1 ? `   (per round: ${roundRatios.join(', ')})` : ''}`)
  say()
  say('P1 targets (quality-bars.md):')
  say(`  ratio  ${String(verdict.ratio.value).padEnd(9)} target ${verdict.ratio.target.padEnd(10)} ${verdict.ratio.pass ? 'PASS' : 'FAIL'}`)
  say(`  p99    ${`${verdict.p99Ms.value} ms`.padEnd(9)} target ${verdict.p99Ms.target.padEnd(10)} ${verdict.p99Ms.pass ? 'PASS' : 'FAIL'}`)
  say(`  errors ${String(verdict.errors.value).padEnd(9)} target ${verdict.errors.target.padEnd(10)} ${verdict.errors.pass ? 'PASS' : 'FAIL'}`)
  say(allPass ? 'P1: PASS' : 'P1: FAIL (reported; the bench is not a test)')

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
    source,
    settings: {
      connections: CONNECTIONS,
      seconds: SECONDS,
      warmupSeconds: WARMUP_SECONDS,
      rounds: ROUNDS,
      breakdownRounds: breakdown.length ? BREAKDOWN_ROUNDS : 0,
      apiPoolSize: 20,
      c2PoolSize: CONNECTIONS,
    },
    targets: TARGET,
    phases,
    ceiling: { rps: ceiling, from: ceilingFrom },
    p1: { ratio, roundRatios, verdict, pass: allPass },
    breakdown,
    statements: {
      insert: { sql: stmt.sql, prepared: stmt.prepare },
      session: { sql: sessionStmt.sql, prepared: sessionStmt.prepare },
    },
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
