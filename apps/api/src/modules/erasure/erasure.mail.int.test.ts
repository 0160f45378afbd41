import type { ParsedMail } from 'mailparser'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type Client, login, type TestApp } from '../../../test/build-test-app.js'
import { makeMember, makeOrganization, makeStudyWithModel } from '../../../test/factories.js'
import { startSmtpSink } from '../../../test/smtp-sink.js'
import type { Mailer } from '../../email/transport.js'
import { deliverMail, pumpOutbox } from '../mail/mail.jobs.js'

/**
 * Erasing a participant whose mail is on its way (issue 14): the erasure does not wait for the send, a
 * delivery that was already talking to the SMTP server finishes without error and leaves nothing behind,
 * and nothing is sent to the person afterwards, neither their queued mails nor a retry.
 */
let t: TestApp
let sink: Awaited<ReturnType<typeof startSmtpSink>>
let admin: Client
let researcher: Client
let model: Awaited<ReturnType<typeof makeStudyWithModel>>

const addressOf = (m: ParsedMail) => (m.to && !Array.isArray(m.to) ? m.to.value.map((v) => v.address).join(',') : '')
const deps = (mailer: Mailer = t.app.mailer) => ({
  db: t.db,
  mailer,
  publicUrl: t.app.config.publicUrl,
  mailFrom: t.app.config.MAIL_FROM,
  leaseMs: 60_000,
})

beforeAll(async () => {
  sink = await startSmtpSink()
  // no workers and no outbox tick: the test hands each message to deliverMail itself, at the moment it chooses
  t = await buildTestApp({ queue: 'postgres', smtpUrl: sink.url, env: { MAIL_TICK_MS: '600000' } })
  const org = await makeOrganization(t.db, 'Wissen & Co')
  const a = await makeMember(t.db, org.id, 'admin')
  const r = await makeMember(t.db, org.id, 'researcher')
  admin = await login(t.app, a.email, a.password)
  researcher = await login(t.app, r.email, r.password)
  model = await makeStudyWithModel(t.db, org.id)
  await t.db.updateTable('survey').set({ status: 'open' }).where('id', '=', model.surveyId).execute()
})
afterAll(async () => {
  await t?.close()
  await sink?.close()
})

async function participantWithInvitation(email: string) {
  const p = await t.db
    .insertInto('participant')
    .values({ study_id: model.studyId, email, name: 'Eva', language: 'en' })
    .returning('id')
    .executeTakeFirstOrThrow()
  const res = await researcher.post(`/api/v1/studies/${model.studyId}/messages/invitations`, {
    kind: 'survey_invitation',
    surveyId: model.surveyId,
    recipients: { type: 'selected', participantIds: [p.id] },
  })
  expect(res.statusCode, res.body).toBe(202)
  const mail = await t.db
    .selectFrom('mail_message')
    .select('id')
    .where('participant_id', '=', p.id)
    .executeTakeFirstOrThrow()
  return { participantId: p.id, messageId: mail.id }
}

const erase = (participantId: string) => admin.delete(`/api/v1/studies/${model.studyId}/participants/${participantId}`)

describe('erasing a participant whose mail is being sent', () => {
  it('does not wait for the send; the send in flight ends cleanly and nothing of theirs is left or sent after', async () => {
    const email = 'eva.inflight@example.com'
    const { participantId, messageId } = await participantWithInvitation(email)
    // a mailer that has started talking to the server and waits there until the test lets it finish
    let started!: () => void
    const sending = new Promise<void>((resolve) => (started = resolve))
    let release!: () => void
    const gate = new Promise<void>((resolve) => (release = resolve))
    const held: Mailer = {
      ...t.app.mailer,
      send: async (m) => {
        started()
        await gate
        return t.app.mailer.send(m)
      },
    }
    const before = sink.messages.length
    const delivery = deliverMail(deps(held), { messageId }, { made: 0, max: 5 })
    await sending

    // the erasure completes while the delivery is still holding its claim
    const erased = await erase(participantId)
    expect(erased.statusCode, erased.body).toBe(200)
    expect(erased.json().counts).toMatchObject({ participant: 1, mails: 1 })

    release()
    await expect(delivery).resolves.toMatchObject({ skipped: false })
    // the one message that was already on the wire arrived; its row, link and tokens are gone
    await sink.waitFor(before + 1)
    expect(sink.messages.slice(before).map(addressOf)).toEqual([email])
    expect(await t.db.selectFrom('mail_message').select('id').where('id', '=', messageId).execute()).toEqual([])
    expect(
      await t.db.selectFrom('participant_token').select('id').where('participant_id', '=', participantId).execute(),
    ).toEqual([])

    // a retry of the same job, and the outbox pump, send nothing more
    expect(await deliverMail(deps(), { messageId }, { made: 1, max: 5 })).toEqual({ skipped: true })
    await pumpOutbox({ db: t.db, mailQueue: t.app.queues.mail, leaseMs: 0 }, new Date(Date.now() + 86_400_000))
    expect(sink.messages.slice(before).map(addressOf)).toEqual([email])
  })

  it('drops a queued mail before it is sent: its job is removed, and a delivery that runs anyway sends nothing', async () => {
    const email = 'eva.queued@example.com'
    const { participantId, messageId } = await participantWithInvitation(email)
    // the pump hands the row to the queue as a delivery job (no worker runs to take it)
    await pumpOutbox({ db: t.db, mailQueue: t.app.queues.mail, leaseMs: 60_000 })
    const { enqueued_at } = await t.db
      .selectFrom('mail_message')
      .select('enqueued_at')
      .where('id', '=', messageId)
      .executeTakeFirstOrThrow()
    const jobId = `mail-${messageId}-${enqueued_at!.getTime()}`
    expect(await t.app.queues.mail.getJob(jobId)).toBeTruthy()
    const before = sink.messages.length

    const erased = await erase(participantId)
    expect(erased.statusCode, erased.body).toBe(200)
    expect(erased.json().counts).toMatchObject({ mails: 1, mailJobs: 1 })
    expect(await t.app.queues.mail.getJob(jobId)).toBeFalsy()

    expect(await deliverMail(deps(), { messageId }, { made: 0, max: 5 })).toEqual({ skipped: true })
    // erasing again is a 404 and changes nothing
    expect((await erase(participantId)).statusCode).toBe(404)
    expect(sink.messages.slice(before).filter((m) => addressOf(m) === email)).toEqual([])
  })
})
