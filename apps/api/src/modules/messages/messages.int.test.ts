import { randomUUID } from 'node:crypto'
import { ParticipantSchema } from '@klantreis/shared/participants'
import { MessagePageSchema, SendSchema } from '@klantreis/shared/messages'
import type { ParsedMail } from 'mailparser'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  buildTestApp,
  type Client,
  login,
  QUEUE_BACKENDS,
  type TestApp,
  startTestWorkers,
} from '../../../test/build-test-app.js'
import { makeMember, makeOrganization, makeStudyWithModel } from '../../../test/factories.js'
import { startSmtpSink } from '../../../test/smtp-sink.js'
import { deliverMail, pumpOutbox } from '../mail/mail.jobs.js'
import { scheduleDue } from './messages.schedule.js'

/** A header as it was sent (mailparser folds the List-* ones into a structure). */
const header = (m: ParsedMail, name: string) => {
  const line = m.headerLines.find((h) => h.key === name.toLowerCase())?.line
  return line?.slice(line.indexOf(':') + 1).trim()
}
const rowOf = (m: ParsedMail) => header(m, 'x-klantreis-message')!
const linkIn = (text: string, pattern: RegExp) => pattern.exec(text)?.[0]
const addressOf = (m: ParsedMail) => (m.to && !Array.isArray(m.to) ? m.to.value.map((v) => v.address).join(',') : '')

async function addParticipant(
  t: TestApp,
  studyId: string,
  p: { email: string; name?: string; language?: 'nl' | 'en'; timeZone?: string | null; consented?: boolean },
) {
  return t.db
    .insertInto('participant')
    .values({
      study_id: studyId,
      email: p.email,
      name: p.name ?? '',
      language: p.language ?? 'nl',
      time_zone: p.timeZone ?? null,
      ...(p.consented ? { consent_version: 1, consented_at: new Date() } : {}),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
}

// The mail pipeline end to end on each BullMQ backend: API → outbox rows → pump → queue → worker → nodemailer → a real SMTP server.
describe.each(QUEUE_BACKENDS)('participant mail through BullMQ on %s', (backend) => {
  let t: TestApp
  let sink: Awaited<ReturnType<typeof startSmtpSink>>
  let stop: () => Promise<void>
  let researcher: Client
  let model: Awaited<ReturnType<typeof makeStudyWithModel>>
  let anna: string
  let orgId: string
  const base = () => `/api/v1/studies/${model.studyId}`

  beforeAll(async () => {
    sink = await startSmtpSink()
    t = await buildTestApp({
      queue: backend,
      smtpUrl: sink.url,
      env: { MAIL_RATE_PER_SECOND: '500', MAIL_TICK_MS: '600000' },
    })
    stop = await startTestWorkers(t)
    const org = await makeOrganization(t.db, 'Pakket & Co')
    orgId = org.id
    const r = await makeMember(t.db, org.id, 'researcher')
    researcher = await login(t.app, r.email, r.password)
    model = await makeStudyWithModel(t.db, org.id)
    await t.db.updateTable('survey').set({ status: 'open' }).where('id', '=', model.surveyId).execute()
    anna = (await addParticipant(t, model.studyId, { email: 'anna@example.com', name: 'Anna', language: 'en' })).id
  })
  afterAll(async () => {
    await stop?.()
    await t?.close()
    await sink?.close()
  })

  const waitForSend = async (sendId: string) => {
    await expect
      .poll(async () => SendSchema.parse((await researcher.get(`${base()}/sends/${sendId}`)).json()).done, {
        timeout: 30_000,
      })
      .toBe(true)
    return SendSchema.parse((await researcher.get(`${base()}/sends/${sendId}`)).json())
  }

  it('invites to a survey: one mail each, in their language, whose personal link opens the survey; one-click unsubscribe works', async () => {
    const before = sink.messages.length
    const res = await researcher.post(`${base()}/messages/invitations`, {
      kind: 'survey_invitation',
      surveyId: model.surveyId,
      note: { nl: 'Fijn dat je meedoet!', en: 'Glad to have you with us!' },
      recipients: { type: 'all' },
    })
    expect(res.statusCode, res.body).toBe(202)
    const send = SendSchema.parse(res.json())
    expect(send.total).toBe(2)
    const done = await waitForSend(send.id)
    expect(done).toMatchObject({ total: 2, sent: 2, failed: 0, suppressed: 0 })
    const mails = sink.messages.slice(before)
    expect(mails).toHaveLength(2)

    const toAnna = mails.find((m) => addressOf(m) === 'anna@example.com')!
    const toPat = mails.find((m) => addressOf(m) !== 'anna@example.com')!
    expect(toAnna.subject).toBe('A few questions from Pakket & Co: Survey')
    expect(toAnna.text).toContain('Dear Anna,')
    expect(toAnna.text).toContain('Glad to have you with us!')
    expect(toAnna.html).toContain('Pakket &amp; Co')
    expect(toPat.subject).toBe('Een paar vragen van Pakket & Co: Survey')
    expect(toPat.text).toContain('Fijn dat je meedoet!')

    // the personal link: a cookie, then straight to the questionnaire, which answers for this participant
    const link = linkIn(toAnna.text!, /http:\/\/\S+\/r\/t\/[\w-]+\?to=survey:[0-9a-f-]{36}/)!
    expect(link).toBeTruthy()
    const opened = await t.app.inject({ method: 'GET', url: new URL(link).pathname + new URL(link).search })
    expect(opened.statusCode).toBe(303)
    expect(opened.headers.location).toBe(`/r/#/survey/${model.surveyId}`)
    const cookie = opened.cookies.find((c) => c.name === 'kr_participant')!
    const survey = await t.app.inject({
      method: 'GET',
      url: `/api/v1/respondent/surveys/${model.surveyId}`,
      headers: { cookie: `kr_participant=${cookie.value}` },
    })
    expect(survey.statusCode, survey.body).toBe(200)

    // RFC 8058 one-click unsubscribe headers, and the POST a mail program makes
    const listUnsubscribe = header(toAnna, 'list-unsubscribe')!
    const unsubscribeUrl = /<(http[^>]+)>/.exec(listUnsubscribe)?.[1]
    expect(unsubscribeUrl).toMatch(/\/u\/[\w-]{43}$/)
    expect(header(toAnna, 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click')
    expect(toAnna.text).toContain(unsubscribeUrl)
    const asked = await t.app.inject({ method: 'GET', url: new URL(unsubscribeUrl!).pathname })
    expect(asked.statusCode).toBe(200)
    expect(asked.body).toContain('Do you want to stop receiving messages')
    const gone = await t.app.inject({
      method: 'POST',
      url: new URL(unsubscribeUrl!).pathname,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    })
    expect(gone.statusCode).toBe(200)
    expect(gone.body).toContain('You are unsubscribed')
    const p = ParticipantSchema.parse((await researcher.get(`${base()}/participants/${anna}`)).json())
    expect(p.unsubscribeReason).toBe('one_click')
    expect(p.unsubscribedAt).not.toBeNull()

    // the log, per send and per participant
    const log = MessagePageSchema.parse((await researcher.get(`${base()}/messages?sendId=${send.id}`)).json())
    expect(log.items.map((m) => m.status)).toEqual(['sent', 'sent'])
    const annas = MessagePageSchema.parse((await researcher.get(`${base()}/messages?participantId=${anna}`)).json())
    expect(annas.items.map((m) => [m.kind, m.status, m.subject])).toEqual([
      ['survey_invitation', 'sent', 'A few questions from Pakket & Co: Survey'],
    ])
  })

  it('does not mail an unsubscribed participant, and says why; nor one who unsubscribes after the mail was scheduled', async () => {
    const before = sink.messages.length
    const send = SendSchema.parse(
      (
        await researcher.post(`${base()}/messages/invitations`, {
          kind: 'diary_invitation',
          recipients: { type: 'all' },
        })
      ).json(),
    )
    const done = await waitForSend(send.id)
    expect(done).toMatchObject({ total: 2, sent: 1, suppressed: 1 })
    expect(sink.messages.slice(before).map(addressOf)).not.toContain('anna@example.com')
    const log = MessagePageSchema.parse(
      (await researcher.get(`${base()}/messages?sendId=${send.id}&status=suppressed`)).json(),
    )
    expect(log.items).toMatchObject([{ participant: { id: anna }, reason: 'unsubscribed' }])

    // scheduled while subscribed, unsubscribed before the worker got to it: suppressed when it is sent
    const late = await addParticipant(t, model.studyId, { email: `late-${randomUUID()}@example.com` })
    const [row] = await t.db
      .insertInto('mail_message')
      .values({
        organization_id: null,
        study_id: model.studyId,
        participant_id: late.id,
        kind: 'diary_invitation',
        to_address: 'x@example.com',
        subject: 's',
        language: 'nl',
      })
      .returning('id')
      .execute()
    await t.db
      .updateTable('participant')
      .set({ unsubscribed_at: new Date(), unsubscribe_reason: 'link' })
      .where('id', '=', late.id)
      .execute()
    const result = await deliverMail(
      {
        db: t.db,
        mailer: t.app.mailer,
        publicUrl: t.app.config.publicUrl,
        mailFrom: t.app.config.MAIL_FROM,
        leaseMs: 60_000,
      },
      { messageId: row!.id },
      { made: 0, max: 6 },
    )
    expect(result).toMatchObject({ suppressed: 'unsubscribed' })
    expect(
      await t.db
        .selectFrom('mail_message')
        .select(['status', 'error'])
        .where('id', '=', row!.id)
        .executeTakeFirstOrThrow(),
    ).toEqual({ status: 'suppressed', error: 'unsubscribed' })
  })

  it('retries a temporary SMTP refusal with backoff; records a permanent one (550) with the reply, without retrying; refuses a bad address', async () => {
    const study = await makeStudyWithModel(t.db, orgId)
    const b = `/api/v1/studies/${study.studyId}`
    await t.db.deleteFrom('participant').where('study_id', '=', study.studyId).execute()
    const ok = await addParticipant(t, study.studyId, { email: 'busy@example.com' })
    const gone = await addParticipant(t, study.studyId, { email: 'nobody@example.com' })
    const bad = await addParticipant(t, study.studyId, { email: 'not an address' })
    sink.rejectRecipient('nobody@example.com')
    sink.failNext(1)
    const send = SendSchema.parse(
      (
        await researcher.post(`${b}/messages/invitations`, { kind: 'diary_invitation', recipients: { type: 'all' } })
      ).json(),
    )
    await expect
      .poll(async () => SendSchema.parse((await researcher.get(`${b}/sends/${send.id}`)).json()).done, {
        timeout: 30_000,
      })
      .toBe(true)
    const rows = await t.db
      .selectFrom('mail_message')
      .select(['participant_id', 'status', 'attempts', 'error'])
      .where('send_id', '=', send.id)
      .execute()
    const of = (id: string) => rows.find((r) => r.participant_id === id)!
    expect(of(ok.id)).toMatchObject({ status: 'sent', attempts: 2, error: null })
    expect(of(gone.id)).toMatchObject({ status: 'failed', attempts: 1 })
    expect(of(gone.id).error).toMatch(/550/)
    expect(of(bad.id)).toMatchObject({ status: 'failed', attempts: 1, error: 'invalid address: not an address' })
  })

  it('hands messages over again when the queue lost their jobs (a queue server restarted without its data)', async () => {
    await stop()
    const study = await makeStudyWithModel(t.db, orgId)
    await t.db.deleteFrom('participant').where('study_id', '=', study.studyId).execute()
    for (const n of [1, 2, 3]) await addParticipant(t, study.studyId, { email: `lost-${n}@example.com` })
    const send = SendSchema.parse(
      (
        await researcher.post(`/api/v1/studies/${study.studyId}/messages/invitations`, {
          kind: 'diary_invitation',
          recipients: { type: 'all' },
        })
      ).json(),
    )
    // no worker: the rows are handed to the queue (by the pump the send asked for, run here)...
    const pumped = await pumpOutbox({ db: t.db, mailQueue: t.app.queues.mail, leaseMs: 60_000 })
    expect(pumped.enqueued).toBeGreaterThanOrEqual(3)
    // ...and the queue loses every job
    await t.app.queues.mail.obliterate({ force: true })
    const before = sink.messages.length
    // a pump soon after does not hand them over twice; one five minutes later does
    expect((await pumpOutbox({ db: t.db, mailQueue: t.app.queues.mail, leaseMs: 60_000 })).enqueued).toBe(0)
    expect(
      (await pumpOutbox({ db: t.db, mailQueue: t.app.queues.mail, leaseMs: 60_000 }, new Date(Date.now() + 6 * 60_000)))
        .enqueued,
    ).toBe(3)
    stop = await startTestWorkers(t)
    await waitForStudySend(researcher, study.studyId, send.id)
    expect(sink.messages.slice(before).map(addressOf).sort()).toEqual([
      'lost-1@example.com',
      'lost-2@example.com',
      'lost-3@example.com',
    ])
  })

  it('keeps what people typed out of the headers', async () => {
    const study = await makeStudyWithModel(t.db, orgId)
    await t.db.deleteFrom('participant').where('study_id', '=', study.studyId).execute()
    await t.db
      .updateTable('study')
      .set({ title: 'Study\r\nBcc: evil@example.com' })
      .where('id', '=', study.studyId)
      .execute()
    await addParticipant(t, study.studyId, {
      email: 'victim@example.com',
      name: 'Eve\r\nBcc: evil@example.com',
      language: 'en',
    })
    const before = sink.messages.length
    const send = SendSchema.parse(
      (
        await researcher.post(`/api/v1/studies/${study.studyId}/messages/invitations`, {
          kind: 'diary_invitation',
          recipients: { type: 'all' },
        })
      ).json(),
    )
    await waitForStudySend(researcher, study.studyId, send.id)
    const [mail] = sink.messages.slice(before)
    expect(mail!.bcc).toBeUndefined()
    expect(header(mail!, 'bcc')).toBeUndefined()
    expect(addressOf(mail!)).toBe('victim@example.com')
    expect(mail!.subject).toBe('Keep a diary for Pakket & Co: Study Bcc: evil@example.com')
  })
})

async function waitForStudySend(researcher: Client, studyId: string, sendId: string) {
  await expect
    .poll(
      async () => SendSchema.parse((await researcher.get(`/api/v1/studies/${studyId}/sends/${sendId}`)).json()).done,
      { timeout: 30_000 },
    )
    .toBe(true)
}

// Prompts and reminders run on a clock; here the clock is set by the test and each due mail is delivered to a real SMTP server.
describe('diary prompts and survey reminders on a controlled clock', () => {
  // next summer: both zones on summer time (Amsterdam UTC+2, New York UTC-4), and the links mailed then still valid now
  const Y = new Date().getUTCFullYear() + 1
  let t: TestApp
  let sink: Awaited<ReturnType<typeof startSmtpSink>>
  let model: Awaited<ReturnType<typeof makeStudyWithModel>>
  let researcher: Client
  let amsterdam: string
  let newYork: string
  let clock = new Date()
  const deliverDue = async () => {
    const rows = await t.db.selectFrom('mail_message').select('id').where('status', '=', 'queued').execute()
    for (const r of rows)
      await deliverMail(
        {
          db: t.db,
          mailer: t.app.mailer,
          publicUrl: t.app.config.publicUrl,
          mailFrom: t.app.config.MAIL_FROM,
          leaseMs: 60_000,
          clock: () => clock,
        },
        { messageId: r.id },
        { made: 0, max: 6 },
      )
    return rows.length
  }
  /** Schedule at `iso`, deliver, and say who got which prompt. */
  const at = async (iso: string) => {
    clock = new Date(iso)
    const before = sink.messages.length
    await scheduleDue(t.db, clock)
    await deliverDue()
    const mails = sink.messages.slice(before)
    const keys = await Promise.all(
      mails.map(
        async (m) =>
          (
            await t.db
              .selectFrom('mail_message')
              .select('dedupe_key')
              .where('id', '=', rowOf(m))
              .executeTakeFirstOrThrow()
          ).dedupe_key,
      ),
    )
    return mails.map((m, i) => `${addressOf(m)} ${keys[i]!.split(':').slice(2).join(':')}`).sort()
  }

  beforeAll(async () => {
    sink = await startSmtpSink()
    t = await buildTestApp({ smtpUrl: sink.url })
    const org = await makeOrganization(t.db, 'Klok BV')
    const r = await makeMember(t.db, org.id, 'researcher')
    researcher = await login(t.app, r.email, r.password)
    model = await makeStudyWithModel(t.db, org.id)
    await t.db.deleteFrom('participant').where('study_id', '=', model.studyId).execute()
    await t.db
      .updateTable('diary')
      .set({
        starts_on: `${Y}-06-10` as never,
        ends_on: `${Y}-06-11` as never,
        time_zone: 'Europe/Amsterdam',
        prompt_times: ['09:00', '20:00'],
      })
      .where('study_id', '=', model.studyId)
      .execute()
    amsterdam = (await addParticipant(t, model.studyId, { email: 'ams@example.com', consented: true })).id
    newYork = (
      await addParticipant(t, model.studyId, {
        email: 'nyc@example.com',
        language: 'en',
        timeZone: 'America/New_York',
        consented: true,
      })
    ).id
    await addParticipant(t, model.studyId, { email: 'never-invited@example.com' })
  })
  afterAll(async () => {
    await t?.close()
    await sink?.close()
  })

  it("prompts at each participant's local times, once, and stops after unsubscribing and when the diary ends", async () => {
    expect(await at(`${Y}-06-10T06:59:00Z`)).toEqual([]) // 08:59 in Amsterdam
    expect(await at(`${Y}-06-10T07:00:00Z`)).toEqual([`ams@example.com ${Y}-06-10:09:00`])
    expect(await at(`${Y}-06-10T07:30:00Z`)).toEqual([]) // already sent
    expect(await at(`${Y}-06-10T13:00:00Z`)).toEqual([`nyc@example.com ${Y}-06-10:09:00`]) // 09:00 in New York (EDT)
    expect(await at(`${Y}-06-10T18:05:00Z`)).toEqual([`ams@example.com ${Y}-06-10:20:00`])
    expect(await at(`${Y}-06-11T00:00:00Z`)).toEqual([`nyc@example.com ${Y}-06-10:20:00`])
    // a scheduler that was down for hours does not prompt at night for a time long gone
    expect(await at(`${Y}-06-11T05:00:00Z`)).toEqual([])

    const [prompt] = sink.messages.filter((m) => addressOf(m) === 'nyc@example.com')
    expect(prompt!.subject).toBe('Anything to tell about Klok BV today?')
    const link = linkIn(prompt!.text!, /http:\/\/\S+\/r\/t\/[\w-]+\?to=new/)!
    const opened = await t.app.inject({ method: 'GET', url: new URL(link).pathname + new URL(link).search })
    expect(opened.headers.location).toBe('/r/#/new')

    // New York unsubscribes (their link in a prompt); Amsterdam goes on until the diary ends
    const unsubscribe = /<(http[^>]+)>/.exec(header(prompt!, 'list-unsubscribe')!)![1]!
    await t.app.inject({
      method: 'POST',
      url: new URL(unsubscribe).pathname,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'x=1',
    })
    expect(await at(`${Y}-06-11T07:00:00Z`)).toEqual([`ams@example.com ${Y}-06-11:09:00`])
    expect(await at(`${Y}-06-11T13:00:00Z`)).toEqual([])
    expect(await at(`${Y}-06-12T07:00:00Z`)).toEqual([]) // the diary ended on the 11th
    const p = ParticipantSchema.parse(
      (await researcher.get(`/api/v1/studies/${model.studyId}/participants/${newYork}`)).json(),
    )
    expect(p.unsubscribeReason).toBe('link')
    expect(amsterdam).toBeTruthy()
  })

  it('reminds those who have not finished, at most N times, spaced, and never those who completed', async () => {
    const b = `/api/v1/studies/${model.studyId}`
    await t.db.updateTable('survey').set({ status: 'open' }).where('id', '=', model.surveyId).execute()
    const done = await addParticipant(t, model.studyId, { email: 'done@example.com', language: 'en' })
    const slow = await addParticipant(t, model.studyId, { email: 'slow@example.com', language: 'en' })
    const put = await researcher.put(`${b}/surveys/${model.surveyId}/reminders`, {
      enabled: true,
      maxReminders: 2,
      intervalHours: 72,
    })
    expect(put.statusCode, put.body).toBe(200)
    clock = new Date(`${Y}-07-01T10:00:00Z`)
    const send = SendSchema.parse(
      (
        await researcher.post(`${b}/messages/invitations`, {
          kind: 'survey_invitation',
          surveyId: model.surveyId,
          recipients: { type: 'selected', participantIds: [done.id, slow.id] },
        })
      ).json(),
    )
    expect(send.total).toBe(2)
    expect(await deliverDue()).toBe(2)
    await t.db
      .insertInto('survey_response')
      .values({ id: randomUUID(), survey_id: model.surveyId, version: 1, participant_id: done.id, status: 'complete' })
      .execute()

    const reminders = async (iso: string) =>
      (await at(iso)).filter((l) => l.startsWith('done@') || l.startsWith('slow@'))
    expect(await reminders(`${Y}-07-04T09:00:00Z`)).toEqual([]) // 71 h
    expect(await reminders(`${Y}-07-04T10:30:00Z`)).toEqual([`slow@example.com ${slow.id}:1`])
    expect(await reminders(`${Y}-07-05T10:30:00Z`)).toEqual([]) // spaced: 72 h after the last one
    expect(await reminders(`${Y}-07-07T11:00:00Z`)).toEqual([`slow@example.com ${slow.id}:2`])
    expect(await reminders(`${Y}-07-20T11:00:00Z`)).toEqual([]) // at most 2
    const [r1] = sink.messages.filter((m) => addressOf(m) === 'slow@example.com' && m.subject?.startsWith('Reminder'))
    expect(r1!.subject).toBe('Reminder: Survey')
  })
})

// A two-week diary with two prompts a day mailed some 30 personal links to each participant, every
// one of them good for 60 days. Each mail still gets a new link (only hashes are stored, so an
// earlier link cannot be written into a mail again), and the mail's going out replaces the older ones.
describe("personal links: a mail that goes out replaces the participant's older mail links", () => {
  const HOUR = 3_600_000
  let t: TestApp
  let sink: Awaited<ReturnType<typeof startSmtpSink>>
  let researcher: Client
  let model: Awaited<ReturnType<typeof makeStudyWithModel>>
  let orgId: string
  const deliver = (id: string, at = new Date()) =>
    deliverMail(
      {
        db: t.db,
        mailer: t.app.mailer,
        publicUrl: t.app.config.publicUrl,
        mailFrom: t.app.config.MAIL_FROM,
        leaseMs: 60_000,
        clock: () => at,
      },
      { messageId: id },
      { made: 0, max: 6 },
    )
  const queue = async (participantId: string, kind: string) =>
    (
      await t.db
        .insertInto('mail_message')
        .values({
          organization_id: orgId,
          study_id: model.studyId,
          participant_id: participantId,
          survey_id: kind === 'diary_prompt' ? null : model.surveyId,
          kind,
          to_address: 'x@example.com',
          subject: kind,
          language: 'en',
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id
  const open = async (link: string) => {
    const u = new URL(link)
    const res = await t.app.inject({ method: 'GET', url: u.pathname + u.search })
    return { location: res.headers.location, cookie: res.cookies.find((c) => c.name === 'kr_participant')?.value }
  }
  /** Links that open now (the test of the page below is the real one; this counts them). */
  const liveLinks = async (participantId: string) =>
    Number(
      (
        await t.db
          .selectFrom('participant_token')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('participant_id', '=', participantId)
          .where('revoked_at', 'is', null)
          .where('expires_at', '>', new Date())
          .where((eb) => eb.or([eb('replaced_at', 'is', null), eb('replaced_at', '>', new Date(Date.now() - HOUR))]))
          .executeTakeFirstOrThrow()
      ).n,
    )

  beforeAll(async () => {
    sink = await startSmtpSink()
    t = await buildTestApp({ smtpUrl: sink.url })
    const org = await makeOrganization(t.db, 'Link BV')
    orgId = org.id
    const r = await makeMember(t.db, org.id, 'researcher')
    researcher = await login(t.app, r.email, r.password)
    model = await makeStudyWithModel(t.db, org.id)
    await t.db.updateTable('survey').set({ status: 'open' }).where('id', '=', model.surveyId).execute()
  })
  afterAll(async () => {
    await t?.close()
    await sink?.close()
  })

  it('after an invitation, reminders and prompts one link works, the older ones answer "link no longer valid", and the log says which', async () => {
    const p = (await addParticipant(t, model.studyId, { email: 'five@example.com', language: 'en', consented: true }))
      .id
    const kinds = ['survey_invitation', 'reminder', 'diary_prompt', 'reminder', 'diary_prompt']
    const before = sink.messages.length
    // two hours apart, the last two hours ago: every replaced link is past its hour of grace
    for (const [i, kind] of kinds.entries())
      expect(await deliver(await queue(p, kind), new Date(Date.now() - (10 - 2 * i) * HOUR))).toMatchObject({
        skipped: false,
      })
    const links = sink.messages.slice(before).map((m) => linkIn(m.text!, /http:\/\/\S+\/r\/t\/[\w-]+(\?to=[\w:-]+)?/)!)
    expect(links).toHaveLength(5)
    expect(new Set(links).size).toBe(5)

    const live = await liveLinks(p)
    process.stdout.write(`live personal links after ${kinds.length} mails to one participant: ${live}\n`)
    expect(live).toBe(1)
    for (const old of links.slice(0, -1))
      expect(await open(old)).toEqual({ location: '/r/?link=invalid', cookie: undefined })
    const newest = await open(links.at(-1)!)
    expect(newest.location).toBe('/r/#/new')
    expect(newest.cookie).toBeTruthy()

    const log = MessagePageSchema.parse(
      (await researcher.get(`/api/v1/studies/${model.studyId}/messages?participantId=${p}`)).json(),
    )
    expect(log.items.map((m) => [m.kind, m.personalLink])).toEqual([
      ['diary_prompt', { replacedLinks: 1 }],
      ['reminder', { replacedLinks: 1 }],
      ['diary_prompt', { replacedLinks: 1 }],
      ['reminder', { replacedLinks: 1 }],
      ['survey_invitation', { replacedLinks: 0 }],
    ])
  })

  it('a link replaced within the hour still opens; a session opened with a replaced link goes on; a "you said, we did" mail has no link and replaces none', async () => {
    const p = (await addParticipant(t, model.studyId, { email: 'grace@example.com', language: 'en', consented: true }))
      .id
    const before = sink.messages.length
    await deliver(await queue(p, 'diary_prompt'))
    const first = linkIn(sink.messages.at(-1)!.text!, /http:\/\/\S+\/r\/t\/[\w-]+\?to=new/)!
    const session = (await open(first)).cookie!
    await deliver(await queue(p, 'diary_prompt'))
    const second = linkIn(sink.messages.at(-1)!.text!, /http:\/\/\S+\/r\/t\/[\w-]+\?to=new/)!
    // the first mail arrived a moment ago: its link still opens for an hour
    expect((await open(first)).location).toBe('/r/#/new')
    expect(await liveLinks(p)).toBe(2)

    const feedback = await queue(p, 'feedback')
    await deliver(feedback)
    expect(sink.messages.slice(before)).toHaveLength(3)
    expect(await liveLinks(p)).toBe(2)

    // an hour later the first link no longer opens, the second does, and the session from the first goes on
    await t.db
      .updateTable('participant_token')
      .set({ replaced_at: new Date(Date.now() - HOUR - 1000) })
      .where('participant_id', '=', p)
      .where('replaced_at', 'is not', null)
      .execute()
    expect((await open(first)).location).toBe('/r/?link=invalid')
    expect((await open(second)).location).toBe('/r/#/new')
    const me = await t.app.inject({
      method: 'GET',
      url: '/api/v1/respondent/me',
      headers: { cookie: `kr_participant=${session}` },
    })
    expect(me.statusCode, me.body).toBe(200)

    const log = MessagePageSchema.parse(
      (await researcher.get(`/api/v1/studies/${model.studyId}/messages?participantId=${p}`)).json(),
    )
    expect(log.items.map((m) => [m.kind, m.personalLink])).toEqual([
      ['feedback', null],
      ['diary_prompt', { replacedLinks: 1 }],
      ['diary_prompt', { replacedLinks: 0 }],
    ])
  })

  it("a message sent twice (its confirmation was lost) keeps both copies' links working until a later mail replaces them", async () => {
    const p = (await addParticipant(t, model.studyId, { email: 'twice@example.com', language: 'en', consented: true }))
      .id
    const before = sink.messages.length
    const id = await queue(p, 'diary_prompt')
    sink.acceptThenFailNext(1)
    await expect(deliver(id)).rejects.toThrow()
    await deliver(id)
    const copies = sink.messages.slice(before).map((m) => linkIn(m.text!, /http:\/\/\S+\/r\/t\/[\w-]+\?to=new/)!)
    expect(copies).toHaveLength(2)
    // the receiver may keep either copy
    for (const link of copies) expect((await open(link)).location).toBe('/r/#/new')
    await deliver(await queue(p, 'diary_prompt'), new Date(Date.now() - 2 * HOUR))
    expect(await liveLinks(p)).toBe(1)
    for (const link of copies) expect((await open(link)).location).toBe('/r/?link=invalid')
  })
})
