/**
 * `npm run bench`: P1 (the participant's diary-entry submit, `PUT /api/v1/respondent/entries/:id`,
 * through the whole API) against its ceilings C1 (bare Fastify) and C2 (the entry's idempotent INSERT
 * straight through `pg`), measured in one run on one machine, as docs/benchmarks.md and
 * docs/quality-bars.md describe. A second measured line, P1a, is the questionnaire
 * answer save (`PUT /api/v1/respondent/surveys/:surveyId/responses/:id`) against the same ceilings.
 * Every request carries a fresh client-made uuid (a real insert, never a replay) and the
 * `kr_participant` cookie of one of BENCH_PARTICIPANTS seeded participants, rotated per request so
 * no participant passes the respondent rate limit. It reports; it is not a test: it exits 0 when a
 * target is missed, non-zero only when the run itself breaks.
 *
 * Environment: BENCH_SECONDS (10), BENCH_WARMUP_SECONDS (2), BENCH_CONNECTIONS (50), BENCH_ROUNDS (3:
 * C1, C2, P1 and P1a each measured that many times in rotating order; the figures are the medians),
 * BENCH_PARTICIPANTS (3000), BENCH_SURVEYS (20: open surveys, so each participant can start that many
 * responses per phase), BENCH_BREAKDOWN (auto | 1 | 0: the diagnostic variants of P1; auto = only
 * when P1 misses a target), BENCH_BREAKDOWN_ROUNDS (1: rounds of the diagnostic variants, medians as
 * above), BENCH_CPU_PROF=1 (write a V8 CPU profile of the P1 server to bench/results/profiles),
 * DATABASE_URL (use that PostgreSQL server instead of a throwaway embedded one).
 */
import type { PutEntryBody } from '@klantreis/shared/diary'
import { SurveyDefinitionSchema } from '@klantreis/shared/surveys'
import { execFileSync } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import autocannon from 'autocannon'
import {
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresDialect,
  PostgresIntrospector,
  PostgresQueryCompiler,
} from 'kysely'
import pg from 'pg'
import { loadConfig } from '../src/config.js'
import { runMigrations } from '../src/db/database.js'
import { seedDemo } from '../src/db/demo-seed.js'
import type { DB } from '../src/db/schema.js'
import { hashToken, newToken } from '../src/lib/tokens.js'
import { insertNewEntry } from '../src/modules/diary/diary.queries.js'
import { findParticipantSession, latestConsent } from '../src/modules/participants/participants.queries.js'
import { PARTICIPANT_COOKIE } from '../src/plugins/auth.js'
import { RESPONDENT_WRITES_PER_MINUTE } from '../src/routes/respondent.js'
import { startServer, type ServerHandle } from './lib/child.js'
import { benchDatabase } from './lib/database.js'
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
const PARTICIPANTS = Math.round(num('BENCH_PARTICIPANTS', 3000))
const SURVEYS = Math.round(num('BENCH_SURVEYS', 20))

/** docs/quality-bars.md, P1: ≥ 50 % of min(C1, C2) at 50 connections; p99 ≤ 150 ms; 0 errors. */
const TARGET = { ratio: 0.5, p99Ms: 150, errors: 0 }
/** Marks the diary entries the bench writes (the text of every entry it sends). */
const BENCH_TEXT = 'Written by npm run bench.'

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
  /** diagnostic notes (e.g. rate-limit headroom) */
  notes?: string[]
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
  return {
    ...f,
    cpuMsPerRequest: Object.fromEntries(Object.entries(f.cpu.percentOfOneCore).map(([k, v]) => [k, perReq(v)])),
  }
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
    seconds: round(
      rounds.reduce((a, r) => a + r.seconds, 0),
      2,
    ),
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
      .map(
        ([k, v]) =>
          `${k} ${v ?? '?'}%${f.cpu!.systemPercentOfOneCore[k] ? ` (sys ${f.cpu!.systemPercentOfOneCore[k]}%)` : ''}`,
      )
      .join(', ')
    if (f.non2xx && f.statusCodes) say(`  ${''.padEnd(24)} status codes: ${JSON.stringify(f.statusCodes)}`)
    say(
      `  ${''.padEnd(24)} cpu, % of one core: ${groups}, other ${f.cpu.otherPercentOfOneCore ?? '?'}%; machine ${f.cpu.machineBusyPercent ?? '?'}% busy`,
    )
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
  return {
    commit: git('rev-parse', 'HEAD') || 'unknown',
    uncommitted: changed ? changed.split('\n').map((l) => l.trim()) : [],
  }
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

/** One HTTP request of a load: a new one is made for every request sent (fresh ids, rotating cookies). */
type HttpRequest = { method: 'PUT' | 'POST' | 'GET'; path: string; headers: Record<string, string>; body?: string }
/** Makes a request source for one phase; a phase's warm-up and measured part share it (ids stay unique). */
type Load = { describe: string; source: () => { next: () => HttpRequest; sent: () => number } }

function autocannonRun(port: number, next: () => HttpRequest, seconds: number) {
  const first = next()
  return autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: CONNECTIONS,
    duration: seconds,
    requests: [
      {
        method: first.method,
        // autocannon hands a fresh copy of the request to every call, and builds the bytes from what it returns
        setupRequest: (req) => {
          const r = next()
          return { ...req, method: r.method, path: r.path, headers: { ...req.headers, ...r.headers }, body: r.body }
        },
      },
    ],
  })
}

/** Warm up (JIT, pools, caches), then measure; CPU is sampled over the measured part only. */
async function httpLoad(server: ServerHandle, load: Load, postgresDir: string | undefined): Promise<Figures> {
  const { next } = load.source()
  await autocannonRun(server.port, next, WARMUP_SECONDS)
  const stopCpu = startCpu({ bench: [process.pid], server: [server.pid], postgresDir })
  const r = await autocannonRun(server.port, next, SECONDS)
  const cpu = stopCpu()
  const statusCodes = Object.fromEntries(
    Object.entries((r as unknown as { statusCodeStats?: Record<string, { count: number }> }).statusCodeStats ?? {}).map(
      ([k, v]) => [k, v.count],
    ),
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

/** A statement as a query function sends it; `mustWrite` statements count a request as failed unless they touch a row. */
type Statement = { sql: string; parameters: readonly unknown[]; prepare?: boolean; mustWrite?: boolean }

/**
 * C2 and the SQL diagnostics: CONNECTIONS loops on a pg.Pool of the same size. Each loop takes a
 * connection, runs one "request" (the statements `next()` returns, with fresh ids; one connection, so
 * a BEGIN … COMMIT sequence stays one transaction) and gives it back, for BENCH_SECONDS. A statement
 * with `prepare` goes as a named prepared statement (parsed and planned once per connection); the
 * others as the app sends them (unnamed: parsed and planned on every execution).
 */
async function sqlLoad(url: string, next: () => Statement[], postgresDir: string | undefined): Promise<Figures> {
  const pool = new pg.Pool({ connectionString: url, max: CONNECTIONS })
  pool.on('error', () => {})
  const names = new Map<string, string>()
  const nameOf = (text: string) => {
    let n = names.get(text)
    if (!n) names.set(text, (n = `bench_${names.size}`))
    return n
  }
  try {
    // open every connection before the clock starts
    const clients = await Promise.all(Array.from({ length: CONNECTIONS }, () => pool.connect()))
    for (const c of clients) c.release()
    const run = async (seconds: number, latencies: number[] | undefined) => {
      let ok = 0
      let errors = 0
      const start = performance.now()
      const end = start + seconds * 1000
      await Promise.all(
        Array.from({ length: CONNECTIONS }, async () => {
          while (performance.now() < end) {
            const t0 = performance.now()
            const client = await pool.connect()
            let inTransaction = false
            try {
              let good = true
              for (const st of next()) {
                const res = await client.query({
                  ...(st.prepare ? { name: nameOf(st.sql) } : {}),
                  text: st.sql,
                  values: [...st.parameters],
                })
                if (/^begin\b/i.test(st.sql)) inTransaction = true
                if (/^(commit|rollback)\b/i.test(st.sql)) inTransaction = false
                if (st.mustWrite && (res.rowCount ?? 0) < 1) good = false
              }
              if (good) ok++
              else errors++
            } catch {
              errors++
              if (inTransaction) await client.query('rollback').catch(() => {})
            } finally {
              client.release()
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
    const pct = (p: number) =>
      latencies.length
        ? round(latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)]!, 2)
        : 0
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
async function captureStatement(run: (db: never) => Promise<unknown>): Promise<Statement & { prepare: boolean }> {
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
  // the recorder stands in for whichever executor the query function takes
  await run(recorder as never)
  await kysely.destroy()
  if (!captured) throw new Error('could not capture the statement')
  return captured
}

// ---------------------------------------------------------------- HTTP helper for setup

async function http(
  port: number,
  method: string,
  urlPath: string,
  opts: { headers?: Record<string, string>; body?: unknown } = {},
) {
  const res = await fetch(`http://127.0.0.1:${port}${urlPath}`, {
    method,
    redirect: 'manual',
    headers: { ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}), ...opts.headers },
    body: opts.body !== undefined ? JSON.stringify(opts.body) : undefined,
  })
  const text = await res.text()
  return { status: res.status, headers: res.headers, text }
}

// ---------------------------------------------------------------- main

/** Stand-ins for the per-request values in captured statements; replaced by fresh ones per request. */
const SENTINEL = {
  entryId: '00000000-0000-4000-8000-0000000be001',
  participantId: '00000000-0000-4000-8000-0000000be002',
  sessionHash: 'bench-session-hash-sentinel',
} as const
type Ctx = { entryId: string; participantId: string; sessionHash: string }
const bind = (st: Statement, ctx: Ctx, extra: Partial<Statement> = {}): Statement => ({
  ...st,
  ...extra,
  parameters: st.parameters.map((v) =>
    v === SENTINEL.entryId
      ? ctx.entryId
      : v === SENTINEL.participantId
        ? ctx.participantId
        : v === SENTINEL.sessionHash
          ? ctx.sessionHash
          : v,
  ),
})

async function main() {
  const startedAt = new Date()
  const source = sourceState()
  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'klantreis-bench-'))
  onCleanup('temp dir', () => fs.rm(tmp, { recursive: true, force: true }))
  const dataDir = path.join(tmp, 'data')

  say(
    `Klantreis bench: ${CONNECTIONS} connections, ${SECONDS} s per phase (+ ${WARMUP_SECONDS} s warm-up), ${os.cpus().length} cores`,
  )
  say(
    `code: ${source.commit.slice(0, 12)}${source.uncommitted.length ? ` + ${source.uncommitted.length} uncommitted file(s) under test` : ''}`,
  )

  // --- database: throwaway embedded PostgreSQL, or a fresh database on DATABASE_URL's server
  const t0 = performance.now()
  const database = await benchDatabase(tmp, 'klantreis_bench', onCleanup)
  const { url, postgresDir } = database
  say(`database: ${database.label} (${round((performance.now() - t0) / 1000)} s to start)`)
  await runMigrations(url)

  // --- demo data, straight into the database (as `npm start` does on first run): a live study
  // with an open diary (dates around today), consent text version 1 and a journey model
  const admin = new pg.Pool({ connectionString: url, max: 2 })
  onCleanup('admin pool', () => admin.end())
  const adminDb = new Kysely<DB>({ dialect: new PostgresDialect({ pool: admin }) })
  const demo = await seedDemo(adminDb, dataDir)
  if (!demo) throw new Error('the fresh bench database already had data')
  const postgresVersion =
    (await admin.query<{ v: string }>("select current_setting('server_version') as v")).rows[0]?.v ?? '?'
  // validate the configuration the servers will use, with the same minimal environment
  loadConfig({ DATABASE_URL: url, LOG_LEVEL: 'silent', DATA_DIR: dataDir })

  const diary = await adminDb.selectFrom('diary').select(['study_id', 'starts_on', 'ends_on']).executeTakeFirst()
  if (!diary) throw new Error('the demo seed made no diary')
  const studyId = diary.study_id
  // the servers read DATE as text (plugins/db.ts); this process keeps pg's default Date
  const day = (d: unknown) => (d instanceof Date ? d.toISOString().slice(0, 10) : String(d))
  const consent = await latestConsent(adminDb, studyId)
  if (!consent) throw new Error('the demo study has no consent text')
  const touchpoint = await adminDb
    .selectFrom('touchpoint')
    .select('id')
    .where('study_id', '=', studyId)
    .orderBy('position')
    .limit(1)
    .executeTakeFirst()
  if (!touchpoint) throw new Error('the demo study has no touchpoints')

  // --- BENCH_PARTICIPANTS participants who gave consent, each with a personal link and an open
  // session, made the way GET /r/t/:token makes them (token and cookie stored only as hashes)
  const tSeed = performance.now()
  const cookies = Array.from({ length: PARTICIPANTS }, () => newToken())
  const participants = await adminDb.transaction().execute(async (trx) => {
    const rows = await trx
      .insertInto('participant')
      .values(
        cookies.map((_, i) => ({
          study_id: studyId,
          email: `bench-${String(i).padStart(5, '0')}@example.com`,
          name: `Bench ${i}`,
          language: 'en',
          consent_version: consent.version,
          consented_at: new Date(),
        })),
      )
      .returning(['id', 'email'])
      .execute()
    const byEmail = new Map(rows.map((r) => [r.email, r.id]))
    const ids = cookies.map((_, i) => byEmail.get(`bench-${String(i).padStart(5, '0')}@example.com`)!)
    const expiresAt = new Date(Date.now() + 30 * 86_400_000)
    const tokens = await trx
      .insertInto('participant_token')
      .values(ids.map((id) => ({ participant_id: id, token_hash: hashToken(newToken()), expires_at: expiresAt })))
      .returning(['id', 'participant_id'])
      .execute()
    const tokenOf = new Map(tokens.map((t) => [t.participant_id, t.id]))
    await trx
      .insertInto('participant_session')
      .values(
        ids.map((id, i) => ({
          id: hashToken(cookies[i]!),
          participant_id: id,
          token_id: tokenOf.get(id)!,
          expires_at: expiresAt,
        })),
      )
      .execute()
    return ids.map((id, i) => ({
      id,
      cookie: `${PARTICIPANT_COOKIE}=${cookies[i]!}`,
      sessionHash: hashToken(cookies[i]!),
    }))
  })

  // --- BENCH_SURVEYS open questionnaires (one response per participant and survey, so a fresh
  // response id needs a fresh pair): page 1 a required CSAT (+ "why?" when it is 3 or lower), page 2 an NPS
  const tx = (s: string) => ({ nl: s, en: s })
  const definition = SurveyDefinitionSchema.parse({
    kind: 'survey',
    languages: ['nl', 'en'],
    pages: [
      {
        id: 'p1',
        title: tx('Website'),
        questions: [
          {
            id: 'csat',
            type: 'csat',
            required: true,
            text: tx('How satisfied?'),
            touchpointId: touchpoint.id,
            measure: 'satisfaction',
          },
          {
            id: 'why',
            type: 'long_text',
            required: true,
            text: tx('Why?'),
            showIf: { questionId: 'csat', op: 'lte', value: 3 },
          },
        ],
      },
      {
        id: 'p2',
        title: tx('Overall'),
        questions: [{ id: 'nps', type: 'nps', required: true, text: tx('Recommend?'), measure: 'recommend' }],
      },
    ],
  })
  const surveyIds = (
    await adminDb
      .insertInto('survey')
      .values(
        Array.from({ length: SURVEYS }, (_, i) => ({
          study_id: studyId,
          title: `Bench survey ${i + 1}`,
          status: 'open',
          draft: JSON.stringify(definition),
        })),
      )
      .returning('id')
      .execute()
  ).map((r) => r.id)
  await adminDb
    .insertInto('survey_version')
    .values(surveyIds.map((id) => ({ survey_id: id, version: 1, definition: JSON.stringify(definition) })))
    .execute()
  say(
    `seeded ${PARTICIPANTS} participants with consent and a session, ${SURVEYS} open surveys (${round((performance.now() - tSeed) / 1000)} s); diary open ${day(diary.starts_on)} – ${day(diary.ends_on)}`,
  )

  // --- the two requests a participant sends
  const entryBody: PutEntryBody = {
    occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
    touchpointId: touchpoint.id,
    text: BENCH_TEXT,
    emotion: 2,
    valence: 'gain',
    channel: 'web',
  }
  const entryJson = JSON.stringify(entryBody)
  const answerJson = JSON.stringify({ version: 1, answers: { csat: 4, nps: 9 }, complete: true })
  const respondentHeaders = (cookie: string) => ({
    cookie,
    'x-requested-with': 'klantreis',
    'content-type': 'application/json',
  })
  /** A rotating slice of the participants: request k is participant k mod n. */
  const entryLoad = (n = PARTICIPANTS): Load => ({
    describe: `PUT /api/v1/respondent/entries/<fresh uuid>, cookie of participant k mod ${n}`,
    source: () => {
      let k = 0
      return {
        next: (): HttpRequest => {
          const p = participants[k++ % n]!
          return {
            method: 'PUT',
            path: `/api/v1/respondent/entries/${randomUUID()}`,
            headers: respondentHeaders(p.cookie),
            body: entryJson,
          }
        },
        sent: () => k,
      }
    },
  })
  const pairs = PARTICIPANTS * SURVEYS
  const answerLoad: Load = {
    describe: `PUT /api/v1/respondent/surveys/<survey ⌊k/${PARTICIPANTS}⌋ mod ${SURVEYS}>/responses/<fresh uuid>, participant k mod ${PARTICIPANTS}`,
    source: () => {
      let k = 0
      return {
        next: (): HttpRequest => {
          if (k === pairs)
            process.stderr.write(
              `bench: answer save used all ${pairs} (participant, survey) pairs; raise BENCH_SURVEYS\n`,
            )
          const p = participants[k % PARTICIPANTS]!
          const surveyId = surveyIds[Math.floor(k / PARTICIPANTS) % SURVEYS]!
          k++
          return {
            method: 'PUT',
            path: `/api/v1/respondent/surveys/${surveyId}/responses/${randomUUID()}`,
            headers: respondentHeaders(p.cookie),
            body: answerJson,
          }
        },
        sent: () => k,
      }
    },
  }

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

  // Every write phase starts from the same tables: the bench rows go, the tables are vacuumed, and
  // a checkpoint is taken so that none lands in the next phase's window by accident.
  const countRows = async (what: 'entries' | 'responses') =>
    Number(
      (what === 'entries'
        ? await admin.query<{ n: string }>('select count(*) as n from diary_entry where study_id = $1 and text = $2', [
            studyId,
            BENCH_TEXT,
          ])
        : await admin.query<{ n: string }>(
            'select count(*) as n from survey_response where survey_id = any($1::uuid[])',
            [surveyIds],
          )
      ).rows[0]?.n,
    )
  const resetTables = async () => {
    await admin.query('delete from diary_entry where study_id = $1 and text = $2', [studyId, BENCH_TEXT])
    await admin.query('delete from survey_response where survey_id = any($1::uuid[])', [surveyIds])
    for (const t of ['diary_entry', 'survey_response', 'survey_answer']) await admin.query(`vacuum analyze ${t}`)
    await admin.query('checkpoint')
  }

  // --- probes through a full API server: a real personal link gives the cookie (as a phone gets
  // it), then one entry submit and one answer save must answer 201 with the row stored
  const api = await start('api', API_SERVER, apiEnv('full'))
  const linkToken = newToken()
  await adminDb
    .insertInto('participant_token')
    .values({
      participant_id: participants[0]!.id,
      token_hash: hashToken(linkToken),
      expires_at: new Date(Date.now() + 86_400_000),
    })
    .execute()
  const opened = await http(api.port, 'GET', `/r/t/${linkToken}`)
  const linkCookie = opened.headers
    .getSetCookie()
    .find((c) => c.startsWith(`${PARTICIPANT_COOKIE}=`))
    ?.split(';')[0]
  if (opened.status !== 303 || !linkCookie)
    throw new Error(`personal link did not give a ${PARTICIPANT_COOKIE} cookie: ${opened.status} ${opened.text}`)
  const probeEntryId = randomUUID()
  const probeEntry = await http(api.port, 'PUT', `/api/v1/respondent/entries/${probeEntryId}`, {
    headers: respondentHeaders(linkCookie),
    body: entryBody,
  })
  if (probeEntry.status !== 201) throw new Error(`diary-entry probe failed: ${probeEntry.status} ${probeEntry.text}`)
  const replay = await http(api.port, 'PUT', `/api/v1/respondent/entries/${probeEntryId}`, {
    headers: respondentHeaders(linkCookie),
    body: entryBody,
  })
  if (replay.status !== 200)
    throw new Error(`diary-entry replay probe should answer 200 (idempotent), got ${replay.status} ${replay.text}`)
  const seeded = entryLoad().source().next()
  const probeSeeded = await http(api.port, seeded.method, seeded.path, { headers: seeded.headers, body: entryBody })
  if (probeSeeded.status !== 201)
    throw new Error(`diary-entry probe with a seeded session failed: ${probeSeeded.status} ${probeSeeded.text}`)
  const answer = answerLoad.source().next()
  const probeAnswer = await http(api.port, answer.method, answer.path, {
    headers: answer.headers,
    body: JSON.parse(answerJson),
  })
  if (probeAnswer.status !== 201) throw new Error(`answer-save probe failed: ${probeAnswer.status} ${probeAnswer.text}`)
  const answers = Number(
    (
      await admin.query<{ n: string }>('select count(*) as n from survey_answer where response_id = $1', [
        answer.path.split('/').at(-1),
      ])
    ).rows[0]?.n,
  )
  if ((await countRows('entries')) !== 2 || (await countRows('responses')) !== 1 || answers !== 2)
    throw new Error('the probes did not store what they should (2 entries, 1 response with 2 answers)')
  await resetTables()
  await api.stop()

  // --- the SQL the entry submit sends, captured from the query functions themselves (so the text
  // cannot drift from the app), with stand-ins for the per-request values. The sequence is
  // verifyParticipant + diary.service putEntry's create path, listed by hand: keep it in step.
  const entryValues = {
    occurredAt: entryBody.occurredAt,
    touchpointId: touchpoint.id,
    text: BENCH_TEXT,
    emotion: 2,
    valence: 'gain',
    channel: 'web',
    photoId: null,
  }
  // C2 is the INSERT a new entry makes, as the app sends it (diary.queries insertNewEntry)
  const stmt = {
    ...(await captureStatement((db) =>
      insertNewEntry(db, SENTINEL.entryId, studyId, SENTINEL.participantId, entryValues),
    )),
    mustWrite: true,
  }
  const submitSql: Statement[] = [
    await captureStatement((db) => findParticipantSession(db, SENTINEL.sessionHash)),
    stmt,
  ]
  const asApp = (prepared: boolean) => (prepared ? 'prepared' : 'unprepared')
  say(
    `the entry submit sends ${submitSql.length} statements per request (${submitSql.filter((s) => s.prepare).length} prepared): the session SELECT (with the consent version and the diary), then INSERT … SELECT … ON CONFLICT DO NOTHING RETURNING the row (${asApp(stmt.prepare)})`,
  )
  let c2k = 0
  const nextCtx = (n = PARTICIPANTS): Ctx => {
    const p = participants[c2k++ % n]!
    return { entryId: randomUUID(), participantId: p.id, sessionHash: p.sessionHash }
  }

  // --- the measured phases
  type PhaseId = 'C1' | 'C2' | 'P1' | 'P1a'
  type PhaseDef = { id: PhaseId; label: string; what: string; run: () => Promise<Figures> }
  const httpRun = async (
    name: string,
    file: string,
    env: Record<string, string>,
    load: Load,
    opts: { writes?: 'entries' | 'responses'; execArgv?: string[]; participants?: number } = {},
  ): Promise<Figures> => {
    const server = await start(name, file, env, opts.execArgv)
    let sent: (() => number) | undefined
    try {
      const figures = await httpLoad(
        server,
        {
          ...load,
          source: () => {
            const s = load.source()
            sent = s.sent
            return s
          },
        },
        postgresDir,
      )
      if (opts.writes) figures.rowsWritten = await countRows(opts.writes)
      if (sent && opts.participants) {
        const perParticipant = Math.ceil(sent() / opts.participants)
        figures.notes = [
          `${sent()} requests sent (warm-up included): at most ${perParticipant} per participant, limit ${RESPONDENT_WRITES_PER_MINUTE} a minute`,
        ]
        if (perParticipant > RESPONDENT_WRITES_PER_MINUTE)
          process.stderr.write(
            `bench: ${name} sent ${perParticipant} writes per participant; raise BENCH_PARTICIPANTS\n`,
          )
      }
      return figures
    } finally {
      await server.stop()
      if (opts.writes) await resetTables()
    }
  }
  const sqlRun = async (next: () => Statement[]) => {
    const f = await sqlLoad(url, next, postgresDir)
    f.rowsWritten = await countRows('entries')
    await resetTables()
    return f
  }
  const defs: Record<PhaseId, PhaseDef> = {
    C1: {
      id: 'C1',
      label: 'C1 bare Fastify {ok:true}',
      what: "Fastify without plugins, schema or logger; exactly P1's requests (headers, body, fresh ids)",
      run: () => httpRun('C1', BARE_SERVER, { BENCH_VARIANT: 'ok' }, entryLoad()),
    },
    C2: {
      id: 'C2',
      label: 'C2 bare entry INSERT via pg',
      what: `insertNewEntry's INSERT … SELECT … ON CONFLICT (id) DO NOTHING RETURNING the row as the app sends it (${asApp(stmt.prepare)}), a fresh uuid and a rotating participant per insert, ${CONNECTIONS} loops on a pg.Pool of ${CONNECTIONS}`,
      run: () => sqlRun(() => [bind(stmt, nextCtx())]),
    },
    P1: {
      id: 'P1',
      label: 'P1 diary-entry submit (full API)',
      what: `buildApp: ${entryLoad().describe}; rate limit, participant cookie session, x-requested-with, zod validation, consent/diary/touchpoint checks, idempotent insert in a transaction, zod response`,
      run: () =>
        httpRun('P1', API_SERVER, apiEnv('full'), entryLoad(), {
          writes: 'entries',
          participants: PARTICIPANTS,
          execArgv: CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${path.join(RESULTS_DIR, 'profiles')}`] : [],
        }),
    },
    P1a: {
      id: 'P1a',
      label: 'P1a answer save (full API)',
      what: `buildApp: ${answerLoad.describe}; body {version 1, answers csat + nps, complete}: new response + 2 answers`,
      run: () =>
        httpRun('P1a', API_SERVER, apiEnv('full'), answerLoad, { writes: 'responses', participants: PARTICIPANTS }),
    },
  }

  // Rounds rotate the order, so neither a drifting background load nor the order itself favours one phase.
  const ORDERS: PhaseId[][] = [
    ['C1', 'C2', 'P1', 'P1a'],
    ['P1', 'P1a', 'C1', 'C2'],
    ['C2', 'P1', 'P1a', 'C1'],
    ['P1a', 'C1', 'C2', 'P1'],
  ]
  const samples: Record<PhaseId, Figures[]> = { C1: [], C2: [], P1: [], P1a: [] }
  say()
  say(`phases (${ROUNDS} round${ROUNDS > 1 ? 's' : ''}, each measured after its own warm-up):`)
  for (let r = 0; r < ROUNDS; r++) {
    for (const id of ORDERS[r % ORDERS.length]!) {
      const f = await defs[id].run()
      samples[id].push(f)
      show(`${id} #${r + 1}`, f)
    }
  }

  const phases = (['C1', 'C2', 'P1', 'P1a'] as const).map((id) => ({
    id,
    label: defs[id].label,
    what: defs[id].what,
    figures: summarise(samples[id]),
    rounds: samples[id],
  }))
  const [c1, c2, p1, p1a] = phases as [
    (typeof phases)[number],
    (typeof phases)[number],
    (typeof phases)[number],
    (typeof phases)[number],
  ]

  const ceiling = Math.min(c1.figures.rps, c2.figures.rps)
  const ceilingFrom = c1.figures.rps <= c2.figures.rps ? 'C1' : 'C2'
  const judge = (p: typeof p1, id: 'P1' | 'P1a') => {
    const ratio = ceiling > 0 ? round(p.figures.rps / ceiling, 3) : 0
    const roundRatios = samples[id].map((x, i) => round(x.rps / Math.min(samples.C1[i]!.rps, samples.C2[i]!.rps), 3))
    const errors = p.figures.errors + p.figures.non2xx
    const verdict = {
      ratio: { value: ratio, target: `>= ${TARGET.ratio}`, pass: ratio >= TARGET.ratio },
      p99Ms: { value: p.figures.p99Ms, target: `<= ${TARGET.p99Ms} ms`, pass: p.figures.p99Ms <= TARGET.p99Ms },
      errors: { value: errors, target: `= ${TARGET.errors}`, pass: errors <= TARGET.errors },
    }
    return { ratio, roundRatios, verdict, pass: verdict.ratio.pass && verdict.p99Ms.pass && verdict.errors.pass }
  }
  const p1Judged = judge(p1, 'P1')
  const p1aJudged = judge(p1a, 'P1a')
  const allPass = p1Judged.pass

  // --- diagnostics: where the entry submit's time goes
  const breakdown: { id: string; label: string; what: string; figures: Figures; rounds: Figures[] }[] = []
  const runBreakdown = BREAKDOWN === '1' || BREAKDOWN === 'true' || (BREAKDOWN === 'auto' && !allPass)
  if (runBreakdown) {
    say()
    say(`breakdown of P1 (diagnostic variants, ${BREAKDOWN_ROUNDS} round${BREAKDOWN_ROUNDS > 1 ? 's' : ''}):`)
    // D3's cache misses once per session: a slice of the participants keeps the misses in the warm-up
    // (600 × 120 writes a minute allows about 6 000 req/s over the server's 12 s)
    const d3Participants = Math.min(PARTICIPANTS, 600)
    const variants = [
      {
        id: 'D1',
        label: 'bare Fastify + zod entry contract, no DB',
        what: 'entry PUT params/body validation and response serialization, fixed answer',
        run: () => httpRun('D1', BARE_SERVER, { BENCH_VARIANT: 'validate' }, entryLoad()),
      },
      {
        id: 'D2',
        label: 'bare Fastify + insertEntryOnce (Kysely, pool 20)',
        what: 'one INSERT per request; no rate limit, session, checks, transaction, validation or response schema',
        run: () =>
          httpRun(
            'D2',
            BARE_SERVER,
            {
              BENCH_VARIANT: 'insert',
              BENCH_DATABASE_URL: url,
              BENCH_STUDY_ID: studyId,
              BENCH_PARTICIPANT_ID: participants[0]!.id,
            },
            entryLoad(),
            { writes: 'entries' },
          ),
      },
      {
        id: 'D3',
        label: 'full API, participant session from memory',
        what: `P1 exactly, minus the session SELECT round trip (${d3Participants} rotating participants, so every session is cached during the warm-up)`,
        run: () =>
          httpRun('D3', API_SERVER, apiEnv('session-in-memory'), entryLoad(d3Participants), {
            writes: 'entries',
            participants: d3Participants,
          }),
      },
      // the entry submit's database work without HTTP or Node in between, unprepared (as the app) and prepared
      ...(
        [
          ['D4', false],
          ['D5', true],
        ] as const
      ).map(([id, prepared]) => ({
        id,
        label: `P1's ${submitSql.length} statements via pg, ${prepared ? 'all prepared' : 'unprepared'}`,
        what: `the statements the entry submit sends, one after the other on one connection per request, ${CONNECTIONS} loops on a pg.Pool of ${CONNECTIONS}${
          submitSql.every((s) => !!s.prepare === prepared) ? '; as the app sends them now' : ''
        }`,
        run: () =>
          sqlRun(() => {
            const ctx = nextCtx()
            return submitSql.map((st) => bind(st, ctx, { prepare: prepared && !/^(begin|commit)$/.test(st.sql) }))
          }),
      })),
      {
        id: 'D6',
        label: `C2 with the INSERT ${stmt.prepare ? 'unprepared' : 'prepared'}`,
        what: `what C2 would be if the app sent its INSERT ${stmt.prepare ? 'unprepared' : 'as a prepared statement'}`,
        run: () => sqlRun(() => [bind(stmt, nextCtx(), { prepare: !stmt.prepare })]),
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
  say(
    `summary (medians: ${ROUNDS} round${ROUNDS > 1 ? 's' : ''} of C1/C2/P1/P1a${breakdown.length ? `, ${BREAKDOWN_ROUNDS} of D1-D${breakdown.length}` : ''}):`,
  )
  say(
    `  ${'phase'.padEnd(44)} ${'req/s'.padStart(8)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)} ${'errors'.padStart(7)} ${'non-2xx'.padStart(8)}   CPU ms per request (server / postgres / load generator)`,
  )
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
  for (const [p, j] of [
    [p1, p1Judged],
    [p1a, p1aJudged],
  ] as const)
    say(
      `ratio ${p.id} / min(C1, C2) = ${p.figures.rps} / ${ceiling} = ${j.ratio}${ROUNDS > 1 ? `   (per round: ${j.roundRatios.join(', ')})` : ''}`,
    )
  say()
  const verdictLines = (title: string, j: typeof p1Judged) => {
    say(title)
    say(
      `  ratio  ${String(j.verdict.ratio.value).padEnd(9)} target ${j.verdict.ratio.target.padEnd(10)} ${j.verdict.ratio.pass ? 'PASS' : 'FAIL'}`,
    )
    say(
      `  p99    ${`${j.verdict.p99Ms.value} ms`.padEnd(9)} target ${j.verdict.p99Ms.target.padEnd(10)} ${j.verdict.p99Ms.pass ? 'PASS' : 'FAIL'}`,
    )
    say(
      `  errors ${String(j.verdict.errors.value).padEnd(9)} target ${j.verdict.errors.target.padEnd(10)} ${j.verdict.errors.pass ? 'PASS' : 'FAIL'}`,
    )
  }
  verdictLines('P1 targets (docs/quality-bars.md), diary-entry submit:', p1Judged)
  verdictLines('P1a, answer save, against the same targets (reported beside the verdict):', p1aJudged)
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
      participants: PARTICIPANTS,
      surveys: SURVEYS,
      apiPoolSize: 20,
      c2PoolSize: CONNECTIONS,
    },
    targets: TARGET,
    phases,
    ceiling: { rps: ceiling, from: ceilingFrom },
    p1: { ...p1Judged, pass: allPass },
    p1a: p1aJudged,
    breakdown,
    statements: {
      insert: { sql: stmt.sql, prepared: !!stmt.prepare },
      submit: submitSql.map((s) => ({ sql: s.sql, prepared: !!s.prepare })),
    },
  }
  await fs.mkdir(RESULTS_DIR, { recursive: true })
  const file = path.join(RESULTS_DIR, 'latest.json')
  await fs.writeFile(file, `${JSON.stringify(results, null, 2)}\n`)
  say()
  say(`results: ${path.relative(process.cwd(), file)}`)
}

main().then(
  () => cleanup().then(() => process.exit(0)),
  async (err) => {
    process.stderr.write(`\nbench crashed: ${(err as Error).stack ?? String(err)}\n`)
    await cleanup()
    process.exit(1)
  },
)
