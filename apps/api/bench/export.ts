/**
 * `npm run bench` (fourth part): quality-bars P4, a study of 1M survey responses (10 answers each)
 * exported by the real export job as a streamed file, with the exporting process's peak memory.
 *
 *  - E1  responses-wide → CSV (one row per response, one column per question)
 *  - E2  responses-wide → XLSX
 *  - E3  responses-long → CSV (one row per answer: 10M rows), with BENCH_EXPORT_LONG=1
 *  - C6  the ceiling: PostgreSQL's own `COPY (<the wide rows in SQL>) TO STDOUT (FORMAT csv)`,
 *        streamed through pg-copy-streams into a file (C6L: the long rows, beside E3). Measured
 *        before and after the exports; the faster run is the ceiling. C6s, the same rows in the
 *        dataset's own SQL form, tells the SQL's share of an export's time from Node's.
 *
 * Each export runs in a child process (bench/export-child.ts, bundled by esbuild and run by plain
 * node, as production runs the compiled worker) that only runs the job's function on an export_job
 * row inserted here, so its RSS is the exporting process's: the child reports
 * `process.resourceUsage().maxRSS`, and this process samples the child's VmHWM and VmRSS in
 * /proc/<pid>/status every 100 ms. Target: peak RSS ≤ 256 MB. Every speed is printed as rows/s and
 * as a ratio to the ceiling measured in the same run. The files are checked without loading them:
 * the CSV's lines are counted, and the XLSX's sheet XML is streamed out of its ZIP and its rows counted.
 *
 * The seeded database is kept and reused when BENCH_EXPORT_REUSE=1, and any complete seed found
 * at the start is reused (and kept): an embedded PostgreSQL in <tmp>/klantreis-bench-export-<n>,
 * or the database klantreis_bench_export_<n> on DATABASE_URL's server.
 *
 * Environment: BENCH_EXPORT_RESPONSES (1000000), BENCH_EXPORT_REUSE (keep the seeded database for
 * the next run), BENCH_EXPORT_LONG (1: add E3), BENCH_CPU_PROF (1: a V8 CPU profile of each export
 * child in bench/results/profiles; `npx tsx bench/profile-summary.ts <file>` sums it up),
 * DATABASE_URL. It reports; it is not a test: it exits 0 when a target is missed, non-zero only
 * when the run itself breaks.
 */
import { CreateExportBodySchema, type CreateExportBody } from '@klantreis/shared/exports'
import { fork } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { createReadStream, createWriteStream, existsSync, readFileSync } from 'node:fs'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { pipeline } from 'node:stream/promises'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import { Kysely, PostgresDialect } from 'kysely'
import pg from 'pg'
import { to as copyTo } from 'pg-copy-streams'
import yauzl from 'yauzl'
import { runMigrations } from '../src/db/database.js'
import { ensureDatabase, startEmbeddedPostgres } from '../src/db/embedded.js'
import type { DB } from '../src/db/schema.js'
import { WORKER_HEAP_MB } from '../src/jobs/worker-heap.js'
import type { ExportChildResult, MemoryFigures } from './export-child.js'
import { type ExportSeed, QUESTION_IDS, findSeeded, seedExportStudy } from './lib/export-seed.js'

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url))
const RESULTS = path.join(BENCH_DIR, 'results', 'export-latest.json')
const PROFILES = path.join(BENCH_DIR, 'results', 'profiles')
const CHILD_SOURCE = path.join(BENCH_DIR, 'export-child.ts')
/** Beside node_modules' parents, so the bundle's bare imports resolve as the sources' do. */
const CHILD = path.join(BENCH_DIR, 'results', 'export-child.mjs')

const RESPONSES = Number(process.env.BENCH_EXPORT_RESPONSES ?? 1_000_000)
if (!Number.isInteger(RESPONSES) || RESPONSES < 1) throw new Error('BENCH_EXPORT_RESPONSES must be a whole number ≥ 1')
const REUSE = process.env.BENCH_EXPORT_REUSE === '1'
const LONG = process.env.BENCH_EXPORT_LONG === '1'
const CPU_PROF = process.env.BENCH_CPU_PROF === '1'
/** docs/quality-bars.md, P4: streamed job, constant memory (≤ 256 MB RSS). */
const TARGET_RSS_MB = 256

const say = (line = '') => process.stdout.write(`${line}\n`)
const round = (n: number, d = 1) => Math.round(n * 10 ** d) / 10 ** d
const mb = (bytes: number) => round(bytes / 2 ** 20, 1)
const fmt = (n: number) => Math.round(n).toLocaleString('en')
const cleanups: { name: string; fn: () => Promise<unknown> }[] = []
const onCleanup = (name: string, fn: () => Promise<unknown>) => cleanups.push({ name, fn })
async function cleanup() {
  while (cleanups.length) {
    const c = cleanups.pop()!
    await c.fn().catch((err) => process.stderr.write(`cleanup (${c.name}) failed: ${(err as Error).message}\n`))
  }
}

// ---------- the database: reused when seeded, else a fresh one ----------

type BenchDb = { url: string; label: string; keep: (keep: boolean) => void; reset: () => Promise<void> }

async function dropDatabase(serverUrl: string, name: string) {
  const admin = new URL(serverUrl)
  admin.pathname = '/postgres'
  const c = new pg.Client({ connectionString: admin.toString() })
  await c.connect()
  await c.query(`drop database if exists "${name}" with (force)`).finally(() => c.end())
}

/** A database named for the size, on DATABASE_URL's server or in an embedded PostgreSQL under a fixed temp path. */
async function openDatabase(): Promise<BenchDb> {
  const name = `klantreis_bench_export_${RESPONSES}`
  let keep = REUSE
  if (process.env.DATABASE_URL) {
    const server = process.env.DATABASE_URL
    await ensureDatabase(server, name)
    const u = new URL(server)
    u.pathname = `/${name}`
    onCleanup('bench database', async () => {
      if (keep) say(`  kept the database ${name} on DATABASE_URL's server for the next run`)
      else await dropDatabase(server, name)
    })
    return {
      url: u.toString(),
      label: `${name} on DATABASE_URL's server`,
      keep: (k) => (keep ||= k),
      reset: async () => {
        await dropDatabase(server, name)
        await ensureDatabase(server, name)
      },
    }
  }
  const home = path.join(os.tmpdir(), `klantreis-bench-export-${RESPONSES}`)
  const dir = path.join(home, 'postgres')
  const embedded = await startEmbeddedPostgres({ dir, persistent: true })
  onCleanup('embedded PostgreSQL', async () => {
    await embedded.stop()
    if (keep) say(`  kept the embedded PostgreSQL in ${dir} for the next run`)
    else await fs.rm(home, { recursive: true, force: true })
  })
  await ensureDatabase(embedded.url('postgres'), name)
  return {
    url: embedded.url(name),
    label: `embedded PostgreSQL in ${dir}`,
    keep: (k) => (keep ||= k),
    reset: async () => {
      await dropDatabase(embedded.url('postgres'), name)
      await ensureDatabase(embedded.url('postgres'), name)
    },
  }
}

// ---------- the ceiling: PostgreSQL's COPY of the same rows ----------

/**
 * The wide rows in one statement: what a response-per-row export holds (id, pseudonym, version,
 * state, persona, segments, timestamps, one column per question), in time order. Pivoted with
 * `max(…) filter` over a join of the answers, the fastest of the forms tried at 200k responses
 * (a lateral `jsonb_object_agg` per response took 1.6–2× as long). Answers are written as their
 * JSON text: these are all numbers, and the ceiling is about speed.
 */
function wideSql(surveyId: string) {
  const answers = QUESTION_IDS.map((q) => `max(a.value::text) filter (where a.question_id = '${q}') as "${q}"`).join(
    ',\n      ',
  )
  return `select r.id as response_id,
      case when p.id is not null then 'P-' || left(encode(sha256(convert_to(p.id::text, 'UTF8')), 'hex'), 6) end as pseudonym,
      r.version, r.status, pe.name as persona,
      p.segments->>'customerType' as "segment_customerType", p.segments->>'channel' as segment_channel,
      r.started_at, r.completed_at,
      ${answers}
    from survey_response r
    join survey_answer a on a.response_id = r.id
    left join participant p on p.id = r.participant_id
    left join persona pe on pe.id = p.persona_id
    where r.survey_id = '${surveyId}' and r.status = 'complete'
    group by r.id, p.id, pe.id
    order by r.started_at, r.id`
}

/**
 * The same rows in the form the wide dataset reads them (responses.queries streamResponsesWide: a
 * `jsonb_object_agg` subquery per response, oldest first): C6 less this is what the SQL form costs,
 * this less E1 what Node costs.
 */
function wideDatasetFormSql(surveyId: string) {
  const answers = QUESTION_IDS.map((q) => `a.v->>'${q}' as "${q}"`).join(', ')
  return `select r.id as response_id, r.participant_id, r.version, r.status, p.persona_id, p.segments,
      r.started_at, r.completed_at, ${answers}
    from survey_response r
    left join participant p on p.id = r.participant_id
    left join lateral (select jsonb_object_agg(question_id, value) as v from survey_answer where response_id = r.id) a on true
    where r.survey_id = '${surveyId}' and r.status = 'complete'
    order by r.started_at, r.id`
}

/** One row per answer, with the response's pseudonym and persona. */
function longSql(surveyId: string) {
  return `select r.id as response_id,
      case when p.id is not null then 'P-' || left(encode(sha256(convert_to(p.id::text, 'UTF8')), 'hex'), 6) end as pseudonym,
      r.version, pe.name as persona, a.question_id, a.value, a.answered_at
    from survey_response r
    join survey_answer a on a.response_id = r.id
    left join participant p on p.id = r.participant_id
    left join persona pe on pe.id = p.persona_id
    where r.survey_id = '${surveyId}' and r.status = 'complete'
    order by r.started_at, r.id, a.question_id`
}

async function copyCeiling(url: string, sqlText: string, file: string) {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const started = performance.now()
    const stream = client.query(copyTo(`copy (${sqlText}) to stdout (format csv, header)`))
    await pipeline(stream, createWriteStream(file))
    const ms = performance.now() - started
    // counted from the file: pg-copy-streams' rowCount is not always set when the pipeline ends
    const rows = (await countLines(createReadStream(file))).lines - 1
    const bytes = (await fs.stat(file)).size
    await fs.rm(file)
    return { rows, ms, rowsPerSecond: rows / (ms / 1000), bytes }
  } finally {
    await client.end()
  }
}

// ---------- one export in a child process ----------

type Measured = {
  name: string
  dataset: string
  format: string
  rowsExpected: number
  status: string
  rowsDone: number
  ms: number
  jobMs: number | null
  rowsPerSecond: number
  fileBytes: number
  fileName: string | null
  maxRssMb: number
  vmHwmMb: number
  sampledRssMb: number
  peakMb: number
  before: MemoryFigures
  childPeak: MemoryFigures
  series: [number, number, number][]
  verified: { rows: number; how: string; ok: boolean }
}

/** VmHWM (the kernel's peak RSS) and VmRSS of a live process, in kB; undefined once it is gone. */
function procMemory(pid: number) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    const kb = (key: string) => Number(status.match(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm'))?.[1] ?? 0)
    return { hwm: kb('VmHWM'), rss: kb('VmRSS') }
  } catch {
    return undefined
  }
}

/**
 * The child as one plain JavaScript file (the project's sources bundled, packages left to
 * node_modules), so node runs it as production runs the compiled worker: under tsx's loader the
 * same process sat at about 170 MB RSS before it exported a row.
 */
async function bundleChild() {
  await fs.mkdir(path.dirname(CHILD), { recursive: true })
  await build({
    entryPoints: [CHILD_SOURCE],
    outfile: CHILD,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    conditions: ['@klantreis/source'],
    logLevel: 'warning',
    plugins: [
      {
        name: 'packages-stay-in-node-modules',
        setup(b) {
          b.onResolve({ filter: /^[^./]/ }, (a) =>
            a.path.startsWith('@klantreis/') ? undefined : { path: a.path, external: true },
          )
        },
      },
    ],
  })
}

async function runChild(env: Record<string, string>) {
  const child = fork(CHILD, [], {
    // the heap limit the production worker runs with (docker-compose.yml, npm run start:worker)
    execArgv: [
      `--max-old-space-size=${WORKER_HEAP_MB}`,
      ...(CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${PROFILES}`] : []),
    ],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  const mem = { hwm: 0, rss: 0 }
  const sample = () => {
    const m = child.pid ? procMemory(child.pid) : undefined
    if (m) {
      mem.hwm = Math.max(mem.hwm, m.hwm)
      mem.rss = Math.max(mem.rss, m.rss)
    }
  }
  const sampler = setInterval(sample, 100)
  let result: ExportChildResult | undefined
  child.on('message', (msg: ExportChildResult) => {
    // the child's last word: its VmHWM now is its peak over the whole export
    sample()
    result = msg
  })
  const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)))
  clearInterval(sampler)
  if (!result) throw new Error(`the export child exited with code ${code} without a result`)
  if (result.type === 'error') throw new Error(`the export child failed: ${result.message}`)
  return { result, mem }
}

async function findFile(dataDir: string, filePath: string | null) {
  if (filePath) {
    for (const candidate of [filePath, path.join(dataDir, 'exports', filePath), path.join(dataDir, filePath)])
      if (path.isAbsolute(candidate) && existsSync(candidate)) return candidate
  }
  throw new Error(`the export's file (${filePath}) is not under ${dataDir}`)
}

/** Lines of a text stream (a final line without a newline counts), and the first line. */
async function countLines(stream: NodeJS.ReadableStream) {
  let lines = 0
  let last = 10
  let first = ''
  let firstDone = false
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    if (!firstDone) {
      const nl = chunk.indexOf(10)
      first += chunk.subarray(0, nl < 0 ? chunk.length : nl).toString('utf8')
      firstDone = nl >= 0
    }
    for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) lines++
    if (chunk.length) last = chunk[chunk.length - 1]!
  }
  return { lines: lines + (last === 10 ? 0 : 1), first: first.replace(/^\uFEFF/, '').replace(/\r$/, '') }
}

/** Rows (`<row` elements) of an XLSX sheet's XML, streamed. */
async function countSheetRows(stream: NodeJS.ReadableStream) {
  let rows = 0
  let tail = ''
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    const text = tail + chunk.toString('latin1')
    rows += text.match(/<row[ >]/g)?.length ?? 0
    // keep the last few characters: a tag split across chunks is counted in the next round, not twice
    const cut = Math.max(0, text.length - 4)
    tail = text.slice(cut)
    rows -= tail.match(/<row[ >]/g)?.length ?? 0
  }
  return rows + (tail.match(/<row[ >]/g)?.length ?? 0)
}

/** Every entry of a ZIP, streamed one at a time. */
async function eachZipEntry(file: string, onEntry: (name: string, stream: NodeJS.ReadableStream) => Promise<void>) {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(file, { lazyEntries: true }, (err, z) => (err ? reject(err) : resolve(z!))),
  )
  await new Promise<void>((resolve, reject) => {
    zip.on('error', reject)
    zip.on('end', () => resolve())
    zip.on('entry', (entry: yauzl.Entry) => {
      zip.openReadStream(entry, (err, stream) => {
        if (err) return reject(err)
        onEntry(entry.fileName, stream!).then(() => zip.readEntry(), reject)
      })
    })
    zip.readEntry()
  })
}

/**
 * The file's data rows without loading it: a CSV's lines less its header, or the rows of every
 * worksheet of an XLSX less one header row each. A ZIP around CSV files is opened too.
 */
async function verifyFile(file: string, format: string) {
  const head = Buffer.alloc(4)
  const fd = await fs.open(file, 'r')
  await fd.read(head, 0, 4, 0)
  await fd.close()
  const isZip = head.readUInt32LE(0) === 0x04034b50
  if (format === 'xlsx') {
    let rows = 0
    let sheets = 0
    await eachZipEntry(file, async (name, stream) => {
      if (/^xl\/worksheets\/[^/]+\.xml$/.test(name)) {
        sheets++
        rows += (await countSheetRows(stream)) - 1
      } else stream.resume()
    })
    return { rows, how: `${sheets} worksheet(s) in the XLSX, <row> elements streamed from the ZIP, less a header each` }
  }
  if (isZip) {
    let rows = 0
    const names: string[] = []
    await eachZipEntry(file, async (name, stream) => {
      if (name.endsWith('.csv')) {
        names.push(name)
        rows += (await countLines(stream)).lines - 1
      } else stream.resume()
    })
    return { rows, how: `lines of ${names.join(', ')} in the ZIP, less the header` }
  }
  const { lines, first } = await countLines(createReadStream(file))
  return { rows: lines - 1, how: `lines of the CSV less the header (${first.split(/[,;\t]/).length} columns)` }
}

async function measureExport(
  db: Kysely<DB>,
  url: string,
  dataDir: string,
  seed: ExportSeed,
  name: string,
  body: CreateExportBody,
  rowsExpected: number,
): Promise<Measured> {
  const spec = CreateExportBodySchema.parse(body)
  const job = await db
    .insertInto('export_job')
    .values({
      study_id: seed.studyId,
      requested_by: seed.accountId,
      spec: JSON.stringify(spec),
      // a key of its own: a run after an interrupted one must not meet that one's queued row
      spec_key: `bench:${randomUUID()}`,
    })
    .returning(['id', 'generation'])
    .executeTakeFirstOrThrow()
  const started = performance.now()
  const { result, mem } = await runChild({
    DATABASE_URL: url,
    DATA_DIR: dataDir,
    BENCH_EXPORT_ID: job.id,
    BENCH_EXPORT_GENERATION: String(job.generation),
  })
  const wallMs = performance.now() - started
  const row = await db.selectFrom('export_job').selectAll().where('id', '=', job.id).executeTakeFirstOrThrow()
  if (row.status !== 'done')
    throw new Error(`${name}: the export ended ${row.status} (${row.failure ?? 'no failure code'})`)
  const file = await findFile(dataDir, row.file_path)
  const fileBytes = (await fs.stat(file)).size
  say(
    `  ${name}: written in ${round(result.ms / 1000)} s (${round(wallMs / 1000)} s with the process's start); checking the file`,
  )
  const verified = await verifyFile(file, spec.format)
  await fs.rm(file)
  const jobMs =
    row.started_at && row.finished_at ? new Date(row.finished_at).getTime() - new Date(row.started_at).getTime() : null
  const maxRssMb = round(result.maxRssKb / 1024)
  const vmHwmMb = round(mem.hwm / 1024)
  return {
    name,
    dataset: spec.datasets.join('+'),
    format: spec.format,
    rowsExpected,
    status: row.status,
    rowsDone: Number(row.rows_done),
    ms: result.ms,
    jobMs,
    rowsPerSecond: verified.rows / (result.ms / 1000),
    fileBytes,
    fileName: row.file_name,
    maxRssMb,
    vmHwmMb,
    sampledRssMb: round(mem.rss / 1024),
    peakMb: Math.max(maxRssMb, vmHwmMb),
    before: result.before,
    childPeak: result.peak,
    series: result.series,
    verified: { ...verified, ok: verified.rows === rowsExpected },
  }
}

async function main() {
  say(
    `Export bench (quality-bars P4): ${fmt(RESPONSES)} responses × ${QUESTION_IDS.length} answers; peak RSS target ≤ ${TARGET_RSS_MB} MB; ${os.cpus().length} cores`,
  )
  const database = await openDatabase()
  await runMigrations(database.url)
  const connect = () => {
    const pool = new pg.Pool({ connectionString: database.url, max: 2 })
    pool.on('error', () => {}) // idle connections end when the throwaway server stops
    return new Kysely<DB>({ dialect: new PostgresDialect({ pool }) })
  }
  let db = connect()
  onCleanup('pool', () => db.destroy())

  let seed = await findSeeded(db, RESPONSES)
  let seedSeconds: number | null = null
  if (seed) {
    database.keep(true)
    say(`  reusing the seeded study in ${database.label} (delete it to seed again)`)
  } else {
    if (await db.selectFrom('study').select('id').limit(1).executeTakeFirst()) {
      // an interrupted seed: this database is the bench's own, so start it again
      say(`  ${database.label} holds an incomplete seed: dropping it`)
      await db.destroy()
      await database.reset()
      await runMigrations(database.url)
      db = connect()
    }
    say(`  seeding ${database.label}`)
    const started = performance.now()
    let shown = ''
    seed = await seedExportStudy(db, RESPONSES, (what, done, total) => {
      const line = `  seeding ${what}: ${Math.round((100 * done) / total)}% · ${Math.round((performance.now() - started) / 1000)} s`
      if (line !== shown) say((shown = line))
    })
    seedSeconds = round((performance.now() - started) / 1000, 0)
    say(`  seeded ${fmt(RESPONSES)} responses and ${fmt(RESPONSES * QUESTION_IDS.length)} answers in ${seedSeconds} s`)
  }

  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'klantreis-bench-export-files-'))
  onCleanup('temp dir', () => fs.rm(tmp, { recursive: true, force: true }))
  if (CPU_PROF) await fs.mkdir(PROFILES, { recursive: true })
  await bundleChild()

  const ceiling = async (label: string, sqlText: string) => {
    const c = await copyCeiling(database.url, sqlText, path.join(tmp, 'ceiling.csv'))
    say(
      `  ${label}: ${fmt(c.rows)} rows in ${round(c.ms / 1000)} s = ${fmt(c.rowsPerSecond)} rows/s, ${mb(c.bytes)} MB`,
    )
    return c
  }
  const c6Before = await ceiling('C6 COPY of the wide rows (before)', wideSql(seed.surveyId))

  const runs: Measured[] = []
  const exports: [string, CreateExportBody, number][] = [
    ['E1 responses-wide → CSV', { datasets: ['responses-wide'], format: 'csv' }, RESPONSES],
    ['E2 responses-wide → XLSX', { datasets: ['responses-wide'], format: 'xlsx' }, RESPONSES],
  ]
  if (LONG)
    exports.push([
      'E3 responses-long → CSV',
      { datasets: ['responses-long'], format: 'csv' },
      RESPONSES * QUESTION_IDS.length,
    ])
  for (const [name, body, rows] of exports)
    runs.push(await measureExport(db, database.url, tmp, seed, name, body, rows))

  const c6After = await ceiling('C6 COPY of the wide rows (after)', wideSql(seed.surveyId))
  const c6 = c6Before.rowsPerSecond >= c6After.rowsPerSecond ? c6Before : c6After
  const c6s = await ceiling("C6s COPY of the wide rows in the dataset's SQL form", wideDatasetFormSql(seed.surveyId))
  const c6l = LONG ? await ceiling('C6L COPY of the long rows', longSql(seed.surveyId)) : undefined

  say('\n== P4 summary')
  say(
    `  ceiling C6: ${fmt(c6.rowsPerSecond)} wide rows/s (${round(c6.ms / 1000)} s, ${mb(c6.bytes)} MB); the dataset's SQL form C6s: ${fmt(c6s.rowsPerSecond)} rows/s (${round(c6s.rowsPerSecond / c6.rowsPerSecond, 3)} of C6)${c6l ? `; C6L: ${fmt(c6l.rowsPerSecond)} long rows/s (${round(c6l.ms / 1000)} s)` : ''}`,
  )
  say(
    '  | export | rows (checked) | time s | rows/s | / ceiling | file MB | peak RSS MB (maxRSS / VmHWM) | RSS before the export | peak heap / external MB | ≤ 256 MB |',
  )
  say('  |---|---:|---:|---:|---:|---:|---:|---:|---:|---|')
  for (const r of runs) {
    const ceil = r.dataset === 'responses-long' ? c6l : c6
    const rows = `${fmt(r.verified.rows)}${r.verified.ok ? '' : ` of ${fmt(r.rowsExpected)} MISMATCH`}`
    const ratio = ceil ? round(r.rowsPerSecond / ceil.rowsPerSecond, 3) : '–'
    const peak = `${r.peakMb} (${r.maxRssMb} / ${r.vmHwmMb})`
    const heap = `${r.childPeak.heapUsedMb} / ${r.childPeak.externalMb}`
    say(
      `  | ${r.name} | ${rows} | ${round(r.ms / 1000)} | ${fmt(r.rowsPerSecond)} | ${ratio} | ${mb(r.fileBytes)} | ${peak} | ${r.before.rssMb} | ${heap} | ${r.peakMb <= TARGET_RSS_MB ? 'PASS' : 'FAIL'} |`,
    )
  }
  // RSS at each tenth of the run: flat is constant memory, a slope is something kept per row
  for (const r of runs) {
    const n = r.series.length
    const tenths = n
      ? Array.from({ length: Math.min(10, n) }, (_, i) => r.series[Math.floor(((i + 1) * n) / Math.min(10, n)) - 1]!)
      : []
    say(
      `  ${r.name}: RSS / heap MB over the run: ${tenths.map(([t, rss, heap]) => `${t}s ${rss}/${heap}`).join(' · ')}`,
    )
  }
  for (const r of runs) say(`  ${r.name}: checked by ${r.verified.how}`)
  const met = runs.every((r) => r.peakMb <= TARGET_RSS_MB && r.verified.ok)
  say(`  P4 ${met ? 'meets' : 'MISSES'} its target (peak RSS ≤ ${TARGET_RSS_MB} MB, every row in the file)`)
  await fs.mkdir(path.dirname(RESULTS), { recursive: true })
  await fs.writeFile(
    RESULTS,
    JSON.stringify(
      { at: new Date().toISOString(), responses: RESPONSES, seedSeconds, c6Before, c6After, c6s, c6l, runs, met },
      null,
      2,
    ),
  )
}

main()
  .catch(async (err) => {
    process.stderr.write(`\nexport bench failed: ${(err as Error).stack ?? String(err)}\n`)
    await cleanup()
    process.exit(1)
  })
  .then(cleanup)
