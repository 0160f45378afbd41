/**
 * `npm run bench` (second part): the mail pipeline against its ceilings, on each queue backend
 * (PostgreSQL always; Redis when REDIS_URL is set), as docs/quality-bars.md P6 and P7 describe.
 *
 *  - C4  BullMQ no-op jobs per second (queue ceiling): N jobs added in bulk, one Worker with the
 *        mail worker's concurrency doing nothing.
 *  - C5  the SMTP sink's acceptance rate (mail ceiling): nodemailer's pool straight to a local
 *        smtp-server that accepts and discards, no queue, no database.
 *  - P6  fan-out: 100,000 invitations through the messages service (one INSERT … SELECT) and the
 *        pump that hands them to the queue. Target: enqueued within 30 s.
 *  - P7  delivery: the real worker (claim, render with fresh links, send, mark sent) to the same
 *        sink, in messages per second, printed as a ratio to C4; and "the mail pipeline minus SMTP
 *        time": per message, the pipeline's time minus C5's, as a rate against C4 (target ≥ 0.8).
 *
 * Environment: BENCH_INVITATIONS (100000), BENCH_DELIVERIES (3000), BENCH_NOOP_JOBS (20000),
 * DATABASE_URL, REDIS_URL. It reports; it is not a test.
 */
import { randomUUID } from 'node:crypto'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Job, Queue } from 'bullmq'
import { Kysely, PostgresDialect, sql } from 'kysely'
import pg from 'pg'
import pino from 'pino'
import { SMTPServer } from 'smtp-server'
import { runMigrations } from '../src/db/database.js'
import type { DB } from '../src/db/schema.js'
import { createMailer } from '../src/email/transport.js'
import { createQueueConnection, type QueueConnection } from '../src/jobs/connections.js'
import { MAIL_QUEUE } from '../src/jobs/queue-names.js'
import { deliverMail, pumpOutbox } from '../src/modules/mail/mail.jobs.js'
import { findDiary } from '../src/modules/diary/diary.queries.js'
import { createMessagesService } from '../src/modules/messages/messages.service.js'
import { findParticipant } from '../src/modules/participants/participants.queries.js'
import { findSurveyInStudy } from '../src/modules/surveys/surveys.queries.js'
import { createOrganizationService } from '../src/modules/organization/organization.service.js'
import { createStudiesService } from '../src/modules/studies/studies.service.js'
import { benchDatabase } from './lib/database.js'

const num = (name: string, fallback: number) => {
  const n = Number(process.env[name] ?? fallback)
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number`)
  return Math.round(n)
}
const INVITATIONS = num('BENCH_INVITATIONS', 100_000)
const DELIVERIES = num('BENCH_DELIVERIES', 3000)
const NOOP_JOBS = num('BENCH_NOOP_JOBS', 20_000)
const CONCURRENCY = 8 // the mail worker's (jobs/registry.ts)
const TARGET = { p6Seconds: 30, p7Ratio: 0.8 }
const RESULTS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results', 'mail-latest.json')

const say = (line = '') => process.stdout.write(`${line}\n`)
const round = (n: number, d = 1) => Math.round(n * 10 ** d) / 10 ** d
const seconds = (from: number) => (performance.now() - from) / 1000

const cleanups: { name: string; fn: () => Promise<unknown> }[] = []
const onCleanup = (name: string, fn: () => Promise<unknown>) => cleanups.push({ name, fn })
let stopping = false
// BullMQ's PostgreSQL pool keeps idle connections of its own; stopping the throwaway server ends them
process.on('uncaughtException', (err) => {
  if (stopping) return
  process.stderr.write(`\nmail bench crashed: ${err.stack ?? String(err)}\n`)
  process.exit(1)
})
async function cleanup() {
  stopping = true
  while (cleanups.length) {
    const c = cleanups.pop()!
    await c.fn().catch((err) => process.stderr.write(`cleanup (${c.name}) failed: ${(err as Error).message}\n`))
  }
}

/** A local SMTP server that accepts and throws away: the fastest peer nodemailer can have here. */
async function startSink() {
  let accepted = 0
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      stream.on('end', () => {
        accepted++
        callback()
      })
      stream.resume()
    },
  })
  server.on('error', () => {})
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.server.address() as { port: number }
  return {
    url: `smtp://127.0.0.1:${port}`,
    accepted: () => accepted,
    close: () => new Promise<void>((r) => server.close(() => r())),
  }
}

/** Wait until `done()` is true, polling. */
async function until(done: () => Promise<boolean>, timeoutMs: number, what: string) {
  const end = Date.now() + timeoutMs
  while (!(await done())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 50))
  }
}

async function noopRate(connection: QueueConnection) {
  const name = `noop-${randomUUID().slice(0, 8)}`
  const queue: Queue = new connection.classes.Queue(name, connection.producer())
  for (let i = 0; i < NOOP_JOBS; i += 1000)
    await queue.addBulk(
      Array.from({ length: Math.min(1000, NOOP_JOBS - i) }, (_, k) => ({
        name: 'noop',
        data: { messageId: randomUUID() },
        opts: { jobId: `n-${i + k}`, removeOnComplete: true },
      })),
    )
  let done = 0
  const t0 = performance.now()
  const worker = new connection.classes.Worker(
    name,
    async (_job: Job) => {
      done++
    },
    { ...connection.worker(), concurrency: CONCURRENCY },
  )
  await until(async () => done >= NOOP_JOBS, 600_000, 'the no-op jobs')
  const rate = NOOP_JOBS / seconds(t0)
  await worker.close()
  await queue.obliterate({ force: true }).catch(() => undefined)
  await queue.close()
  return rate
}

async function smtpRate(smtpUrl: string) {
  const mailer = createMailer({
    SMTP_URL: smtpUrl,
    MAIL_FROM: 'Bench <bench@klantreis.local>',
    MAIL_CONNECTIONS: 5,
    dataDir: os.tmpdir(),
  })
  const n = DELIVERIES
  let next = 0
  const t0 = performance.now()
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < n) {
        next++
        await mailer.send({
          to: 'someone@example.com',
          subject: 'Bench',
          text: 'x'.repeat(1500),
          html: `<p>${'x'.repeat(3000)}</p>`,
        })
      }
    }),
  )
  const rate = n / seconds(t0)
  mailer.close()
  return rate
}

async function main() {
  const startedAt = new Date()
  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'klantreis-bench-mail-'))
  onCleanup('temp dir', () => fs.rm(tmp, { recursive: true, force: true }))
  say(
    `Klantreis mail bench: ${INVITATIONS} invitations, ${DELIVERIES} deliveries, ${NOOP_JOBS} no-op jobs, ${os.cpus().length} cores`,
  )
  const database = await benchDatabase(tmp, 'klantreis_bench_mail', onCleanup)
  say(`database: ${database.label}`)
  await runMigrations(database.url)
  const pool = new pg.Pool({ connectionString: database.url, max: 10 })
  onCleanup('pool', () => pool.end())
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) })
  const log = pino({ level: 'silent' })
  const sink = await startSink()
  onCleanup('smtp sink', () => sink.close())

  // an organization with one study of INVITATIONS participants, and one of DELIVERIES
  const org = await db
    .insertInto('organization')
    .values({ name: 'Bench & Co' })
    .returning('id')
    .executeTakeFirstOrThrow()
  const account = await db
    .insertInto('account')
    .values({ email: 'bench@example.com', name: 'Bench', password_hash: 'x' })
    .returning('id')
    .executeTakeFirstOrThrow()
  const study = async (n: number) => {
    const s = await db
      .insertInto('study')
      .values({ organization_id: org.id, title: `Bench study ${n}` })
      .returning('id')
      .executeTakeFirstOrThrow()
    await db
      .insertInto('diary')
      .values({
        study_id: s.id,
        title: 'Diary',
        starts_on: '2026-01-01' as never,
        ends_on: '2099-12-31' as never,
        time_zone: 'Europe/Amsterdam',
        form: '{}',
      })
      .execute()
    await sql`insert into participant (study_id, email, name, language)
              select ${s.id}::uuid, 'p' || i || '@example.com', 'P' || i, case when i % 2 = 0 then 'nl' else 'en' end
              from generate_series(1, ${n}) i`.execute(db)
    return s.id
  }
  const fanOutStudy = await study(INVITATIONS)
  const deliveryStudy = await study(DELIVERIES)
  await sql`analyze`.execute(db)
  const analyst = {
    accountId: account.id,
    email: 'bench@example.com',
    name: 'Bench',
    language: 'en' as const,
    organizationId: org.id,
    role: 'owner' as const,
    studyIds: null,
    sessionId: '',
    csrfToken: '',
  }

  const c5 = await smtpRate(sink.url)
  say(`C5 SMTP sink acceptance (nodemailer pool, no queue): ${round(c5)} msg/s`)

  const backends: ('postgres' | 'redis')[] = ['postgres', ...(process.env.REDIS_URL ? (['redis'] as const) : [])]
  const results: Record<string, unknown> = {}
  for (const backend of backends) {
    say()
    say(`— BullMQ on ${backend}`)
    const connection = createQueueConnection({
      DATABASE_URL: database.url,
      QUEUE_PREFIX: `benchmail${Date.now() % 100000}`,
      ...(backend === 'redis' ? { REDIS_URL: process.env.REDIS_URL } : {}),
    })
    const c4 = await noopRate(connection)
    say(`  C4 no-op jobs: ${round(c4)} jobs/s`)

    const mailQueue: Queue = new connection.classes.Queue(MAIL_QUEUE, connection.producer())
    // the bench composes only what a send needs; the lookups go straight to their modules' queries
    const messages = createMessagesService({
      db,
      studies: createStudiesService({
        db,
        organization: createOrganizationService({ db }),
        mailQueue,
        diaryEndsOn: async (studyId) => (await findDiary(db, studyId))?.ends_on ?? null,
        // the bench deletes no study
        exportFiles: { list: async () => [], remove: async () => undefined },
      }),
      diary: { findForStudy: (studyId) => findDiary(db, studyId) },
      participants: { findInStudy: (studyId, participantId) => findParticipant(db, studyId, participantId) },
      surveys: { findInStudy: (studyId, surveyId) => findSurveyInStudy(db, studyId, surveyId) },
      mailQueue,
      log,
      publicUrl: 'http://127.0.0.1:3000',
    })

    // P6: the send (one INSERT … SELECT) and the pump (what the worker's pump job runs)
    await db.deleteFrom('mail_message').execute()
    const t0 = performance.now()
    const send = await messages.sendInvitations(
      analyst,
      fanOutStudy,
      {
        kind: 'diary_invitation',
        surveyId: null,
        note: {},
        recipients: { type: 'all' },
      },
      '127.0.0.1',
    )
    const written = seconds(t0)
    const pumped = await pumpOutbox({ db, mailQueue, leaseMs: 120_000 })
    const enqueuedIn = seconds(t0)
    const counts = await mailQueue.getJobCounts('waiting', 'delayed', 'prioritized')
    const inQueue = (counts.waiting ?? 0) + (counts.delayed ?? 0) + (counts.prioritized ?? 0)
    say(
      `  P6 ${send.total} invitations: rows written in ${round(written, 2)} s, ${pumped.enqueued} handed to the queue, all in ${round(enqueuedIn, 2)} s (target ≤ ${TARGET.p6Seconds} s) ${enqueuedIn <= TARGET.p6Seconds && inQueue >= INVITATIONS ? 'PASS' : 'FAIL'}; ${inQueue} jobs waiting`,
    )
    await mailQueue.obliterate({ force: true })
    await db.deleteFrom('mail_message').execute()

    // P7: deliveries by the real worker code
    const d = await messages.sendInvitations(
      analyst,
      deliveryStudy,
      {
        kind: 'diary_invitation',
        surveyId: null,
        note: {},
        recipients: { type: 'all' },
      },
      '127.0.0.1',
    )
    await pumpOutbox({ db, mailQueue, leaseMs: 120_000 })
    const mailer = createMailer({
      SMTP_URL: sink.url,
      MAIL_FROM: 'Bench <bench@klantreis.local>',
      MAIL_CONNECTIONS: 5,
      dataDir: tmp,
    })
    const before = sink.accepted()
    const t1 = performance.now()
    const worker = new connection.classes.Worker(
      MAIL_QUEUE,
      async (job: Job) =>
        deliverMail(
          {
            db,
            mailer,
            publicUrl: 'http://127.0.0.1:3000',
            mailFrom: 'Bench <bench@klantreis.local>',
            leaseMs: 120_000,
          },
          job.data,
          { made: job.attemptsMade, max: 6 },
        ),
      { ...connection.worker(), concurrency: CONCURRENCY, limiter: { max: 100_000, duration: 1000 } },
    )
    await until(async () => sink.accepted() - before >= d.total, 600_000, 'the deliveries')
    const delivered = seconds(t1)
    await worker.close()
    mailer.close()
    const p7 = d.total / delivered
    const sent = Number(
      (
        await db
          .selectFrom('mail_message')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('status', '=', 'sent')
          .executeTakeFirstOrThrow()
      ).n,
    )
    // per message: the pipeline's time minus the SMTP peer's, as a rate
    const withoutSmtp = 1 / Math.max(1e-9, 1 / p7 - 1 / c5)
    say(`  P7 delivery to the sink: ${round(p7)} msg/s = ${round(p7 / c4, 3)} of C4; ${sent} rows marked sent`)
    say(
      `     the pipeline minus SMTP time: ${round(withoutSmtp)} msg/s = ${round(withoutSmtp / c4, 3)} of C4 (target ≥ ${TARGET.p7Ratio}) ${withoutSmtp / c4 >= TARGET.p7Ratio ? 'PASS' : 'FAIL'}`,
    )
    await mailQueue.obliterate({ force: true }).catch(() => undefined)
    await mailQueue.close()
    await connection.close()
    results[backend] = {
      c4JobsPerSecond: round(c4),
      p6: {
        invitations: send.total,
        writtenSeconds: round(written, 2),
        enqueuedSeconds: round(enqueuedIn, 2),
        inQueue,
        pass: enqueuedIn <= TARGET.p6Seconds && inQueue >= INVITATIONS,
      },
      p7: {
        messages: d.total,
        perSecond: round(p7),
        ratioToC4: round(p7 / c4, 3),
        withoutSmtpPerSecond: round(withoutSmtp),
        withoutSmtpRatioToC4: round(withoutSmtp / c4, 3),
        pass: withoutSmtp / c4 >= TARGET.p7Ratio,
      },
    }
  }
  await fs.mkdir(path.dirname(RESULTS), { recursive: true })
  await fs.writeFile(
    RESULTS,
    `${JSON.stringify({ date: startedAt.toISOString(), cores: os.cpus().length, c5MessagesPerSecond: round(c5), targets: TARGET, backends: results }, null, 2)}\n`,
  )
  say()
  say(`results: ${path.relative(process.cwd(), RESULTS)}`)
}

main().then(
  () => cleanup().then(() => process.exit(0)),
  async (err) => {
    process.stderr.write(`\nmail bench crashed: ${(err as Error).stack ?? String(err)}\n`)
    await cleanup()
    process.exit(1)
  },
)
