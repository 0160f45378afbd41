import type { Job, Queue, Worker } from 'bullmq'
import type { FastifyBaseLogger } from 'fastify'
import type { Kysely } from 'kysely'
import type { Config } from '../config.js'
import type { DB } from '../db/schema.js'
import { foldPending } from '../modules/dashboard/dashboard.rollup.js'
import { deliverMail, pumpOutbox, rehandOutbox } from '../modules/mail/mail.jobs.js'
import { scheduleDue } from '../modules/messages/messages.schedule.js'
import { resumeImports, runParticipantImport } from '../modules/participants/participants.import.js'
import type { Mailer } from '../plugins/mailer.js'
import type { QueueConnection } from './connections.js'
import { MAIL_QUEUE, WORK_QUEUE } from './queue-names.js'

export type WorkerDeps = {
  db: Kysely<DB>
  mailer: Mailer
  mailQueue: Queue
  connection: QueueConnection
  log: FastifyBaseLogger
  config: Pick<Config, 'publicUrl' | 'MAIL_FROM' | 'MAIL_RATE_PER_SECOND' | 'MAIL_CLAIM_LEASE_MS' | 'QUEUE_STALLED_MS' | 'MAIL_TICK_MS' | 'ROLLUP_TICK_MS'>
}

/** Start every BullMQ worker and scheduler; returns the ordered shutdown (workers before connections). */
export async function startWorkers({ db, mailer, mailQueue, connection, log, config }: WorkerDeps) {
  const leaseMs = config.MAIL_CLAIM_LEASE_MS
  // every tick: write the prompts and reminders that are due, then hand everything due to the queue
  const scheduleTick = () => mailQueue.upsertJobScheduler('outbox-tick', { every: config.MAIL_TICK_MS }, { name: 'tick' })
  await scheduleTick()
  const mail = new connection.classes.Worker(
    MAIL_QUEUE,
    async (job: Job) => {
      if (job.name === 'tick') {
        const scheduled = await scheduleDue(db, new Date())
        return { ...scheduled, ...(await pumpOutbox({ db, mailQueue, leaseMs })) }
      }
      if (job.name === 'pump') return pumpOutbox({ db, mailQueue, leaseMs })
      return deliverMail({ db, mailer, publicUrl: config.publicUrl, mailFrom: config.MAIL_FROM, leaseMs }, job.data, { made: job.attemptsMade, max: job.opts.attempts ?? 1 })
    },
    {
      ...connection.worker(),
      concurrency: 8,
      // the provider's limit holds for all workers together: BullMQ keeps this limiter per queue
      limiter: { max: config.MAIL_RATE_PER_SECOND, duration: 1000 },
      stalledInterval: config.QUEUE_STALLED_MS,
      maxStalledCount: 3,
    },
  )
  // completed questionnaires go into the dashboard's rollups in batches (until then it counts them live)
  const workQueue: Queue = new connection.classes.Queue(WORK_QUEUE, connection.producer())
  const scheduleFold = () =>
    workQueue.upsertJobScheduler('rollup-fold', { every: config.ROLLUP_TICK_MS }, { name: 'rollup-fold', opts: { removeOnComplete: 100, removeOnFail: 100 } })
  await scheduleFold()
  const work = new connection.classes.Worker(
    WORK_QUEUE,
    async (job: Job) => {
      if (job.name === 'participant-import') return runParticipantImport(db, job.data)
      if (job.name === 'rollup-fold') return { folded: await foldPending(db) }
      throw new Error(`unknown job ${job.name}`)
    },
    { ...connection.worker(), concurrency: 2, stalledInterval: config.QUEUE_STALLED_MS },
  )
  workQueue.on('error', (err: Error) => log.warn({ err }, 'work queue error'))
  const workers: Worker[] = [mail, work]
  for (const w of workers) {
    w.on('error', (err: Error) => log.warn({ err }, 'worker error'))
    w.on('failed', (job: Job | undefined, err: Error) => log.warn({ err, jobId: job?.id }, 'job failed'))
  }

  // A queue store that comes back empty (a Redis restarted without persistence, flushed, or failed
  // over to a replica that had not caught up) loses the schedulers and every waiting job: no tick
  // would run again, and the messages handed over would stay queued for good. The schedulers are
  // the canary: when one is gone, put it back; for the mail queue, also hand every queued message
  // over again (one whose job did survive gets a second job, which finds nothing to claim).
  let checking = false
  const keepSchedulers = async () => {
    if (checking) return
    checking = true
    try {
      if (!(await mailQueue.getJobScheduler('outbox-tick'))) {
        log.warn('the mail queue lost its jobs: scheduling the tick again and handing the outbox over again')
        await scheduleTick()
        await rehandOutbox({ db, mailQueue, leaseMs })
      }
      if (!(await workQueue.getJobScheduler('rollup-fold'))) await scheduleFold()
      const imports = await resumeImports(db, workQueue)
      if (imports) log.debug({ imports }, 'unfinished imports handed over again')
    } catch (err) {
      log.warn({ err }, 'could not check the queue schedulers')
    } finally {
      checking = false
    }
  }
  const watch = setInterval(() => void keepSchedulers(), config.MAIL_TICK_MS)

  return async () => {
    clearInterval(watch)
    await Promise.all(workers.map((w) => w.close()))
    await workQueue.close()
  }
}
