import { SendSchema } from '@klantreis/shared/messages'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type Client, login, type TestApp } from '../build-test-app.js'
import { makeMember, makeOrganization, makeStudyWithModel } from '../factories.js'
import { startSmtpSink } from '../smtp-sink.js'
import {
  type ApiProcess,
  type Device,
  planDevices,
  report,
  requireBuild,
  startApi,
  startBurst,
  startRedis,
  startWorker,
  until,
  verifyStored,
} from './support.js'

const MAILS = 200
const DEVICES = 10
const ENTRIES = 15 // + an edit of every third, + 2 surveys of 4 saves: 28 writes a device

// Our own Redis, keeping nothing on disk: the machine's shared one on 6379 serves every other test file.
describe('Redis killed (-9) in the middle of a mail send and replaced by an empty one', () => {
  let redis: Awaited<ReturnType<typeof startRedis>>
  let sink: Awaited<ReturnType<typeof startSmtpSink>>
  let t: TestApp
  let researcher: Client
  let api: ApiProcess | undefined
  let worker: ReturnType<typeof startWorker> | undefined
  let mailStudyId: string
  let devices: Device[]

  beforeAll(async () => {
    requireBuild()
    sink = await startSmtpSink()
    redis = await startRedis()
    t = await buildTestApp({ queue: 'redis', smtpUrl: sink.url, env: { REDIS_URL: redis.url } })
    const org = await makeOrganization(t.db)
    const m = await makeMember(t.db, org.id, 'researcher')
    researcher = await login(t.app, m.email, m.password)

    const mail = await makeStudyWithModel(t.db, org.id)
    mailStudyId = mail.studyId
    await t.db.deleteFrom('participant').where('study_id', '=', mailStudyId).execute()
    await sql`insert into participant (study_id, email, name, language)
              select ${mailStudyId}::uuid, 'redis-chaos-' || n || '@example.com', 'P' || n, case when n % 2 = 0 then 'nl' else 'en' end
              from generate_series(1, ${MAILS}) n`.execute(t.db)

    // participants of another study keep writing their diaries and surveys through the outage
    devices = await planDevices(t.app, t.db, researcher, org.id, {
      devices: DEVICES,
      surveys: 2,
      entries: ENTRIES,
      tag: 'redis-restart',
    })
    api = await startApi({
      DATABASE_URL: t.config.DATABASE_URL,
      DATA_DIR: t.dataDir,
      QUEUE_PREFIX: t.config.QUEUE_PREFIX,
      REDIS_URL: redis.url,
    })
  })
  afterAll(async () => {
    await worker?.kill9()
    await api?.kill9()
    await t?.close()
    await redis?.kill9()
    await sink?.close()
  })

  it('delivers every message at least once from the database, and the participants never notice', async () => {
    const send = SendSchema.parse(
      (
        await researcher.post(`/api/v1/studies/${mailStudyId}/messages/invitations`, {
          kind: 'diary_invitation',
          recipients: { type: 'all' },
        })
      ).json(),
    )
    expect(send.total).toBe(MAILS)
    worker = startWorker({
      DATABASE_URL: t.config.DATABASE_URL,
      QUEUE_PREFIX: t.config.QUEUE_PREFIX,
      REDIS_URL: redis.url,
      SMTP_URL: sink.url,
      PUBLIC_URL: t.config.publicUrl,
      // slow enough that the kill finds most of the send still in Redis
      MAIL_RATE_PER_SECOND: '50',
    })
    await until('the first mails to arrive', () => sink.messages.length >= 40, 30_000)
    await redis.kill9()
    const killedAt = Date.now()
    const arrivedAtKill = sink.messages.length

    // participants' writes need no Redis: every one is answered the first time, outage or not
    const burst = startBurst({ url: api!.url, devices, deadlineMs: 30_000 })
    await until(
      'half the participant writes acknowledged while Redis is down',
      () => burst.stats.acked >= burst.total / 2,
    )
    redis = await startRedis(redis.port)
    const restartedAt = Date.now()
    const outcomes = await burst.done

    const statuses = async () =>
      Object.fromEntries(
        (
          await t.db
            .selectFrom('mail_message')
            .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
            .where('send_id', '=', send.id)
            .groupBy('status')
            .execute()
        ).map((r) => [r.status, Number(r.n)]),
      )
    await until(
      `all ${MAILS} messages sent after the restart`,
      async () => ((await statuses()).sent ?? 0) === MAILS,
      45_000,
      200,
    ).catch(async (err) => {
      throw new Error(
        `${(err as Error).message}; by status: ${JSON.stringify(await statuses())}; the worker's last words: ${worker?.output()}`,
      )
    })
    const allSentMs = Date.now() - restartedAt
    await worker.stop()

    const ids = sink.messages.map((m) =>
      m.headerLines
        .find((h) => h.key === 'x-klantreis-message')
        ?.line.split(':')[1]
        ?.trim(),
    )
    const distinct = new Set(ids).size
    const v = await verifyStored(t.db, devices, outcomes)
    const whileDown = outcomes.filter((o) => o.ackedAt! >= killedAt && o.ackedAt! < restartedAt).length
    const firstTime = outcomes.filter((o) => o.acked && o.attempts === 1).length
    report(
      `redis kill -9: ${MAILS} mails queued, ${arrivedAtKill} arrived before the kill, Redis down ${restartedAt - killedAt} ms; ` +
        `after an empty Redis: all sent within ${allSentMs} ms, ${distinct} distinct of ${MAILS} arrived, ${ids.length} arrivals (${ids.length - distinct} duplicate(s)); ` +
        `participants: ${burst.total} writes, ${whileDown} acknowledged while Redis was down, ${firstTime} acknowledged the first time, ${v.stored} stored, ${v.lost} lost, ${v.doubled} doubled`,
    )
    expect(arrivedAtKill).toBeLessThan(MAILS)
    expect(distinct).toBe(MAILS)
    // a duplicate needs a message the SMTP server took just before its row was marked sent; Redis going away does not cause one
    expect(ids.length - distinct).toBeLessThanOrEqual(8)
    expect(burst.stats.problems).toEqual([])
    expect(whileDown).toBeGreaterThan(0)
    expect(firstTime).toBe(burst.total)
    expect(v.problems).toEqual([])
    expect(v).toMatchObject({ stored: burst.total, lost: 0, doubled: 0 })
    const progress = SendSchema.parse((await researcher.get(`/api/v1/studies/${mailStudyId}/sends/${send.id}`)).json())
    expect(progress).toMatchObject({ total: MAILS, sent: MAILS, failed: 0, done: true })
  }, 90_000)
})
