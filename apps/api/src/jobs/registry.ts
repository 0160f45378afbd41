import type { Job, Queue, Worker } from 'bullmq'
import type { FastifyBaseLogger } from 'fastify'
import type { Kysely } from 'kysely'
import type { DB } from '../db/schema.js'
import { deliverMail, MAIL_QUEUE, SWEEP_EVERY_MS, sweepOutbox } from '../modules/mail/mail.jobs.js'
import type { Mailer } from '../plugins/mailer.js'
import { runParticipantImport } from '../modules/participants/participants.import.js'
import type { QueueConnection } from './connections.js'
import { WORK_QUEUE } from './queue-names.js'

export type WorkerDeps = { db: Kysely<DB>; mailer: Mailer; mailQueue: Queue; connection: QueueConnection; log: FastifyBaseLogger }

/** Start every BullMQ worker and scheduler; returns the ordered shutdown (workers before connections). */
export async function startWorkers({ db, mailer, mailQueue, connection, log }: WorkerDeps) {
  await mailQueue.upsertJobScheduler('outbox-sweep', { every: SWEEP_EVERY_MS }, { name: 'sweep' })
  const workers: Worker[] = [
    new connection.classes.Worker(
      MAIL_QUEUE,
      async (job: Job) =>
        job.name === 'sweep'
          ? sweepOutbox({ db, mailQueue })
          : deliverMail({ db, mailer }, job.data, { made: job.attemptsMade, max: job.opts.attempts ?? 1 }),
      { ...connection.worker(), concurrency: 4 },
    ),
    new connection.classes.Worker(
      WORK_QUEUE,
      async (job: Job) => {
        if (job.name === 'participant-import') return runParticipantImport(db, job.data)
        throw new Error(`unknown job ${job.name}`)
      },
      { ...connection.worker(), concurrency: 2 },
    ),
  ]
  for (const w of workers) {
    w.on('error', (err: Error) => log.warn({ err }, 'worker error'))
    w.on('failed', (job: Job | undefined, err: Error) => log.warn({ err, jobId: job?.id }, 'job failed'))
  }
  return async () => {
    await Promise.all(workers.map((w) => w.close()))
  }
}
