import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { existsSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { SendSchema } from '@klantreis/shared/messages'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type Client, login, QUEUE_BACKENDS, type TestApp } from '../../../test/build-test-app.js'
import { makeMember, makeOrganization, makeStudyWithModel } from '../../../test/factories.js'
import { startSmtpSink } from '../../../test/smtp-sink.js'

/** The worker as production runs it: its own process (the build of `npm test` makes it). */
const WORKER_JS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../dist/worker.js')
const BATCH = 1000

describe.each(QUEUE_BACKENDS)('a worker killed in the middle of %s-queued mail', (backend) => {
  let t: TestApp
  let sink: Awaited<ReturnType<typeof startSmtpSink>>
  let researcher: Client
  const workers: ChildProcess[] = []

  beforeAll(async () => {
    if (!existsSync(WORKER_JS)) throw new Error(`${WORKER_JS} is missing: run npm run build first (npm test does)`)
    sink = await startSmtpSink()
    t = await buildTestApp({ queue: backend, smtpUrl: sink.url })
    const org = await makeOrganization(t.db, 'Crash BV')
    const r = await makeMember(t.db, org.id, 'researcher')
    researcher = await login(t.app, r.email, r.password)
  })
  afterAll(async () => {
    for (const w of workers) if (w.exitCode === null) w.kill('SIGKILL')
    await t?.close()
    await sink?.close()
  })

  const startWorker = () => {
    const w = spawn(process.execPath, [WORKER_JS], {
      stdio: ['ignore', 'ignore', 'inherit'],
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'test',
        LOG_LEVEL: 'silent',
        DATABASE_URL: t.config.DATABASE_URL,
        QUEUE_PREFIX: t.config.QUEUE_PREFIX,
        ...(t.config.REDIS_URL ? { REDIS_URL: t.config.REDIS_URL } : {}),
        SMTP_URL: sink.url,
        PUBLIC_URL: t.config.publicUrl,
        MAIL_RATE_PER_SECOND: '10000',
        // a dead worker's jobs and claims are taken over within seconds, not the production minutes
        QUEUE_STALLED_MS: '1000',
        MAIL_CLAIM_LEASE_MS: '4000',
        MAIL_TICK_MS: '1000',
      },
    })
    workers.push(w)
    return w
  }

  it(`delivers all ${BATCH} after a restart, and counts the duplicates`, async () => {
    const study = await makeStudyWithModel(
      t.db,
      (await t.db.selectFrom('organization').select('id').where('name', '=', 'Crash BV').executeTakeFirstOrThrow()).id,
    )
    await t.db.deleteFrom('participant').where('study_id', '=', study.studyId).execute()
    await sql`insert into participant (study_id, email, name, language)
              select ${study.studyId}::uuid, 'p' || n || '@example.com', 'P' || n, case when n % 2 = 0 then 'nl' else 'en' end
              from generate_series(1, ${BATCH}) n`.execute(t.db)
    const send = SendSchema.parse(
      (
        await researcher.post(`/api/v1/studies/${study.studyId}/messages/invitations`, {
          kind: 'diary_invitation',
          recipients: { type: 'all' },
        })
      ).json(),
    )
    expect(send.total).toBe(BATCH)

    const first = startWorker()
    await expect.poll(() => sink.messages.length, { timeout: 60_000, interval: 50 }).toBeGreaterThanOrEqual(150)
    first.kill('SIGKILL')
    await once(first, 'exit')
    const atKill = sink.messages.length
    expect(atKill).toBeLessThan(BATCH)

    const second = startWorker()
    const sent = async () =>
      Number(
        (
          await t.db
            .selectFrom('mail_message')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('send_id', '=', send.id)
            .where('status', '=', 'sent')
            .executeTakeFirstOrThrow()
        ).n,
      )
    await expect.poll(sent, { timeout: 120_000, interval: 200 }).toBe(BATCH)
    second.kill('SIGTERM')
    await once(second, 'exit')

    // each arrival: the outbox row it came from and its Message-ID
    const arrivals = sink.messages.map((m) => ({
      row: m.headerLines
        .find((h) => h.key === 'x-klantreis-message')
        ?.line.split(':')[1]
        ?.trim(),
      messageId: m.messageId,
    }))
    const rows = new Set(arrivals.map((a) => a.row))
    const messageIds = new Set(arrivals.map((a) => a.messageId))
    const duplicates = arrivals.length - rows.size
    process.stdout.write(
      `[${backend}] killed after ${atKill} of ${BATCH} messages; ${arrivals.length} arrivals of ${rows.size} messages with ${messageIds.size} distinct Message-IDs: ` +
        `${duplicates} duplicate(s) by arrival, ${messageIds.size - rows.size} a receiver could not recognise by its Message-ID\n`,
    )
    expect(rows.size).toBe(BATCH)
    // every copy of a message carries that message's one Message-ID, so receivers can drop the copies
    for (const a of arrivals) expect(a.messageId).toBe(`<mail-${a.row}@klantreis.local>`)
    expect(messageIds.size).toBe(BATCH)
    // a duplicate is possible only for a message the SMTP server accepted just before the kill, before its row was marked sent
    expect(duplicates).toBeLessThanOrEqual(8)
    const progress = SendSchema.parse(
      (await researcher.get(`/api/v1/studies/${study.studyId}/sends/${send.id}`)).json(),
    )
    expect(progress).toMatchObject({ total: BATCH, sent: BATCH, failed: 0, done: true })
  }, 180_000)
})
