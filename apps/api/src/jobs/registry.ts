// Every queue's jobs, collected from the modules that own them, and the workers that run them. A
// worker finds a job's definition by its name, parses its payload with the definition's schema and
// runs it (jobs/definition.ts dispatchJobs); a name no definition has fails at once, saying so.
import type { Job, Queue, Worker } from 'bullmq'
import type { FastifyBaseLogger } from 'fastify'
import type { Kysely } from 'kysely'
import type { Pool } from 'pg'
import type { Config } from '../config.js'
import type { DB } from '../db/schema.js'
import type { Mailer } from '../email/transport.js'
import { type DashboardJobDeps, dashboardJobs } from '../modules/dashboard/dashboard.jobs.js'
import { type ExportJobDeps, exportJobs } from '../modules/exports/exports.jobs.js'
import { mailJobs, rehandOutbox } from '../modules/mail/mail.jobs.js'
import { type ParticipantJobDeps, participantJobs, resumeImports } from '../modules/participants/participants.jobs.js'
import { type RetentionJobDeps, retentionJobs } from '../modules/studies/retention.jobs.js'
import { createServices } from '../services.js'
import type { QueueConnection } from './connections.js'
import { dispatchJobs, joinJobMaps } from './definition.js'
import { MAIL_QUEUE, WORK_QUEUE } from './queue-names.js'

/**
 * The `work` queue's jobs: a participant import (participants.jobs.ts), the rollup fold (dashboard.jobs.ts),
 * the daily retention sweep (studies/retention.jobs.ts), and a study export and its sweep (exports.jobs.ts).
 */
export const workJobs = joinJobMaps(joinJobMaps(joinJobMaps(participantJobs, dashboardJobs), retentionJobs), exportJobs)

/** What the `work` queue's worker gives its jobs (each job's own deps type names its part). */
export type WorkJobDeps = ParticipantJobDeps & DashboardJobDeps & RetentionJobDeps & ExportJobDeps

/** The retention sweep runs once a day (`every` counts from the epoch, so at 00:00 UTC). */
const RETENTION_SWEEP_MS = 24 * 60 * 60 * 1000
/** Expired and orphaned export files go within a quarter of an hour. */
const EXPORT_SWEEP_MS = 15 * 60 * 1000

/** Each queue's definitions: the only place a queue learns which jobs it runs. */
export const jobRegistry = { [MAIL_QUEUE]: mailJobs, [WORK_QUEUE]: workJobs } as const

export type WorkerDeps = {
  db: Kysely<DB>
  /** For the services the retention sweep erases through (the erasure service and the ones it calls). */
  pool: Pool
  mailer: Mailer
  mailQueue: Queue
  connection: QueueConnection
  log: FastifyBaseLogger
  config: Config
}

/** Start every BullMQ worker and scheduler; returns the ordered shutdown (workers before connections). */
export async function startWorkers({ db, pool, mailer, mailQueue, connection, log, config }: WorkerDeps) {
  const leaseMs = config.MAIL_CLAIM_LEASE_MS
  const mailDeps = { db, mailer, mailQueue, publicUrl: config.publicUrl, mailFrom: config.MAIL_FROM, leaseMs }
  // every tick: write the prompts and reminders that are due, then hand everything due to the queue
  const scheduleTick = () =>
    mailQueue.upsertJobScheduler('outbox-tick', { every: config.MAIL_TICK_MS }, { name: mailJobs.tick.name })
  await scheduleTick()
  const mail = new connection.classes.Worker(MAIL_QUEUE, dispatchJobs(MAIL_QUEUE, jobRegistry[MAIL_QUEUE], mailDeps), {
    ...connection.worker(),
    concurrency: 8,
    // the provider's limit holds for all workers together: BullMQ keeps this limiter per queue
    limiter: { max: config.MAIL_RATE_PER_SECOND, duration: 1000 },
    stalledInterval: config.QUEUE_STALLED_MS,
    maxStalledCount: 3,
  })
  // A producer for `work` of the workers' own: the callers hand over only the mail queue (the
  // separate worker process, worker.ts, has no `work` queue at all), and the fold's scheduler and
  // the import hand-over below need one. It is closed with the workers.
  const workQueue: Queue = new connection.classes.Queue(WORK_QUEUE, connection.producer())
  const scheduleFold = () =>
    workQueue.upsertJobScheduler(
      'rollup-fold',
      { every: config.ROLLUP_TICK_MS },
      { name: workJobs['rollup-fold'].name, opts: { removeOnComplete: 100, removeOnFail: 100 } },
    )
  await scheduleFold()
  const scheduleRetention = () =>
    workQueue.upsertJobScheduler(
      'retention-sweep',
      { every: RETENTION_SWEEP_MS },
      { name: workJobs['retention-sweep'].name, opts: { removeOnComplete: 30, removeOnFail: 30 } },
    )
  await scheduleRetention()
  const scheduleExportSweep = () =>
    workQueue.upsertJobScheduler(
      'export-sweep',
      { every: EXPORT_SWEEP_MS },
      { name: workJobs['export-sweep'].name, opts: { removeOnComplete: 30, removeOnFail: 30 } },
    )
  await scheduleExportSweep()
  // the sweep erases through the erasure service, as an analyst's erasure does: the worker builds the
  // services itself, since the separate worker process (worker.ts) has no app
  const { retention, exports } = createServices({
    db,
    pool,
    queues: { mail: mailQueue, work: workQueue },
    config,
    log,
  })
  const work = new connection.classes.Worker(
    WORK_QUEUE,
    dispatchJobs<WorkJobDeps>(WORK_QUEUE, jobRegistry[WORK_QUEUE], { db, retention, exports }),
    {
      ...connection.worker(),
      concurrency: 2,
      stalledInterval: config.QUEUE_STALLED_MS,
    },
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
      if (!(await workQueue.getJobScheduler('retention-sweep'))) await scheduleRetention()
      if (!(await workQueue.getJobScheduler('export-sweep'))) await scheduleExportSweep()
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
