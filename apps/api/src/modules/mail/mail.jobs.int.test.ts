import { setTimeout as sleep } from 'node:timers/promises'
import { InvitationSchema } from '@klantreis/shared/auth'
import type { ParsedMail } from 'mailparser'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import {
  buildTestApp,
  type Client,
  login,
  QUEUE_BACKENDS,
  type TestApp,
  startTestWorkers,
} from '../../../test/build-test-app.js'
import { makeMember, makeOrganization } from '../../../test/factories.js'
import { startSmtpSink } from '../../../test/smtp-sink.js'
import type { Mailer } from '../../email/transport.js'
import { deliverMail, pumpOutbox } from './mail.jobs.js'
import { queueMailInTransaction } from './mail.service.js'

const deliverDeps = (t: TestApp) => ({
  db: t.db,
  mailer: t.app.mailer,
  publicUrl: t.app.config.publicUrl,
  mailFrom: t.app.config.MAIL_FROM,
  leaseMs: 60_000,
})
const toOf = (m: ParsedMail) => (m.to && 'text' in m.to ? m.to.text : '')

// The same mail pipeline on each BullMQ backend: outbox row → queue → worker → real SMTP server.
describe.each(QUEUE_BACKENDS)('mail through BullMQ on %s', (backend) => {
  let t: TestApp
  let sink: Awaited<ReturnType<typeof startSmtpSink>>
  let stopWorkers: () => Promise<void>
  let admin: Client
  let orgId: string

  beforeAll(async () => {
    sink = await startSmtpSink()
    // no outbox tick during the tests: the pump test hands its row over itself
    t = await buildTestApp({ queue: backend, smtpUrl: sink.url, env: { MAIL_TICK_MS: '600000' } })
    expect(t.app.queues.backend).toBe(backend)
    stopWorkers = await startTestWorkers(t)
    const org = await makeOrganization(t.db, 'Mail & Co')
    orgId = org.id
    const a = await makeMember(t.db, org.id, 'admin')
    admin = await login(t.app, a.email, a.password)
  })
  afterEach(() => {
    sink.failNext(0)
    sink.acceptThenFailNext(0)
  })
  afterAll(async () => {
    await stopWorkers()
    await t.close()
    await sink.close()
  })

  it('delivers an invitation once, with the link, and marks the outbox row sent', async () => {
    const before = sink.messages.length
    const inv = InvitationSchema.parse(
      (await admin.post('/api/v1/invitations', { email: 'colleague@example.com', role: 'analyst' })).json(),
    )
    const [msg] = (await sink.waitFor(before + 1)).slice(before)
    expect(msg!.to && 'text' in msg!.to ? msg!.to.text : '').toBe('colleague@example.com')
    expect(msg!.subject).toContain('Mail & Co')
    expect(msg!.html).toContain('Mail &amp; Co')
    const row = await t.db
      .selectFrom('mail_message')
      .selectAll()
      .where('to_address', '=', 'colleague@example.com')
      .executeTakeFirstOrThrow()
    await expect
      .poll(
        async () =>
          (await t.db.selectFrom('mail_message').select('status').where('id', '=', row.id).executeTakeFirstOrThrow())
            .status,
      )
      .toBe('sent')
    // the delivered mail has a working link of its own, minted as it was sent; the outbox row has
    // neither it nor the admin's, and the mail's link accepts the invitation
    const mailed = /#invite=([A-Za-z0-9_-]{43})/.exec(msg!.text ?? '')![1]!
    expect(msg!.html).toContain(`#invite=${mailed}`)
    const adminToken = inv.link!.split('#invite=')[1]!
    expect(mailed).not.toBe(adminToken)
    const stored = JSON.stringify(
      await t.db.selectFrom('mail_message').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow(),
    )
    for (const token of [mailed, adminToken]) expect(stored).not.toContain(token)
    const preview = (token: string) =>
      t.app.inject({ method: 'POST', url: '/api/v1/auth/invitations/preview', payload: { token } })
    expect((await preview(adminToken)).statusCode).toBe(200)
    expect((await preview(mailed)).json()).toMatchObject({ email: 'colleague@example.com', role: 'analyst' })
    const accept = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/invitations/accept',
      payload: { token: mailed, name: 'Colleague', password: 'a long enough password' },
    })
    expect(accept.statusCode).toBe(200)
    expect((await preview(adminToken)).statusCode).not.toBe(200)
  })

  it('retries when the SMTP server refuses, then delivers exactly once', async () => {
    sink.failNext(1)
    const before = sink.messages.length
    await admin.post('/api/v1/invitations', { email: 'retry@example.com', role: 'viewer' })
    await sink.waitFor(before + 1, 20_000)
    const row = await t.db
      .selectFrom('mail_message')
      .selectAll()
      .where('to_address', '=', 'retry@example.com')
      .executeTakeFirstOrThrow()
    await expect
      .poll(
        async () =>
          (await t.db.selectFrom('mail_message').select('status').where('id', '=', row.id).executeTakeFirstOrThrow())
            .status,
      )
      .toBe('sent')
    const final = await t.db
      .selectFrom('mail_message')
      .select(['attempts'])
      .where('id', '=', row.id)
      .executeTakeFirstOrThrow()
    expect(final.attempts).toBe(2)
    expect(sink.messages.slice(before).length).toBe(1)
  })

  it("sends a message again when the server's confirmation was lost, with the same Message-ID, so the receiver can drop the copy", async () => {
    sink.acceptThenFailNext(1)
    const before = sink.messages.length
    await admin.post('/api/v1/invitations', { email: 'twice@example.com', role: 'viewer' })
    const row = await t.db
      .selectFrom('mail_message')
      .selectAll()
      .where('to_address', '=', 'twice@example.com')
      .executeTakeFirstOrThrow()
    // the first attempt arrived, but its sender heard 451: BullMQ tries again after its backoff
    await expect
      .poll(
        async () =>
          (await t.db.selectFrom('mail_message').select('status').where('id', '=', row.id).executeTakeFirstOrThrow())
            .status,
        { timeout: 20_000 },
      )
      .toBe('sent')
    const arrivals = sink.messages.slice(before).filter((m) => toOf(m) === 'twice@example.com')
    const ids = new Set(arrivals.map((m) => m.messageId))
    process.stdout.write(
      `[${backend}] a lost confirmation: ${arrivals.length} arrivals, ${ids.size} distinct Message-ID(s)\n`,
    )
    expect(arrivals).toHaveLength(2)
    expect([...ids]).toEqual([`<mail-${row.id}@klantreis.local>`])
  })

  it('the pump re-enqueues a message whose enqueue was lost; a second delivery of it sends nothing', async () => {
    // the first tick (BullMQ runs a scheduler's first job at once, on a busy machine late) and the
    // pumps of the earlier tests must be done, or one may hand the row over before this test's does
    const q = t.app.queues.mail
    await expect
      .poll(
        async () => {
          const ticked = (await q.getJobs(['completed', 'failed'], 0, 2000)).some((j) => j?.name === 'tick')
          const c = await q.getJobCounts('active', 'waiting', 'prioritized')
          return ticked && (c.active ?? 0) + (c.waiting ?? 0) + (c.prioritized ?? 0) === 0
        },
        { timeout: 20_000 },
      )
      .toBe(true)
    const before = sink.messages.length
    const { id } = await queueMailInTransaction(t.db, {
      organizationId: orgId,
      kind: 'test',
      to: 'lost@example.com',
      subject: 'Lost in the queue',
      text: 'hello',
      html: '<p>hello</p>',
    })
    // committed but never enqueued: as if the queue was down right after the commit. The pump runs
    // a moment later: due_at has microseconds and a JS clock only milliseconds, so a pump in the
    // same millisecond as the insert would rightly find the row not yet due
    expect(
      (await pumpOutbox({ db: t.db, mailQueue: t.app.queues.mail, leaseMs: 60_000 }, new Date(Date.now() + 1000)))
        .enqueued,
    ).toBe(1)
    await sink.waitFor(before + 1)
    await expect
      .poll(
        async () =>
          (await t.db.selectFrom('mail_message').select('status').where('id', '=', id).executeTakeFirstOrThrow())
            .status,
      )
      .toBe('sent')
    // a duplicate job for the same row (e.g. the sweep racing the worker) claims nothing and sends nothing
    const again = await deliverMail(deliverDeps(t), { messageId: id }, { made: 0, max: 5 })
    expect(again).toEqual({ skipped: true })
    expect(sink.messages.slice(before).length).toBe(1)
  })
})

describe('concurrent deliveries of one message', () => {
  let t: TestApp
  let sink: Awaited<ReturnType<typeof startSmtpSink>>
  beforeAll(async () => {
    sink = await startSmtpSink()
    t = await buildTestApp({ smtpUrl: sink.url })
  })
  afterAll(async () => {
    await t.close()
    await sink.close()
  })

  it('20 workers racing for one row send it once', async () => {
    const { id } = await queueMailInTransaction(t.db, {
      organizationId: null,
      kind: 'test',
      to: 'race@example.com',
      subject: 'Race',
      text: 'x',
      html: 'x',
    })
    const results = await Promise.all(
      Array.from({ length: 20 }, () => deliverMail(deliverDeps(t), { messageId: id }, { made: 0, max: 5 })),
    )
    expect(results.filter((r) => !r.skipped)).toHaveLength(1)
    await sink.waitFor(1)
    expect(sink.messages).toHaveLength(1)
  })

  it('a send slower than the lease keeps its claim, so no other worker takes the message over and sends it too', async () => {
    const { id } = await queueMailInTransaction(t.db, {
      organizationId: null,
      kind: 'test',
      to: 'slow@example.com',
      subject: 'Slow',
      text: 'x',
      html: 'x',
    })
    const before = sink.messages.length
    // a server that takes longer than the lease to answer (nodemailer waits minutes)
    const slow: Mailer = { ...t.app.mailer, send: async (m) => (await sleep(1_600), t.app.mailer.send(m)) }
    const first = deliverMail(
      { ...deliverDeps(t), mailer: slow, leaseMs: 1_000 },
      { messageId: id },
      { made: 0, max: 5 },
    )
    await sleep(1_300)
    // another worker, past the lease: the claim was renewed meanwhile, so it is not taken for a dead worker's
    expect(await deliverMail({ ...deliverDeps(t), leaseMs: 1_000 }, { messageId: id }, { made: 0, max: 5 })).toEqual({
      skipped: true,
    })
    expect(await first).toMatchObject({ skipped: false })
    const row = await t.db
      .selectFrom('mail_message')
      .select(['status', 'deliveries'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    expect(row).toEqual({ status: 'sent', deliveries: 1 })
    expect(sink.messages.slice(before)).toHaveLength(1)
  })
})
