import type { Queue } from 'bullmq'
import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.js'
import { deleteParticipantMail, pendingStudyMail } from './mail.erasure.queries.js'

/**
 * The outbox's part of a participant's erasure, in the caller's transaction: their rows go (address,
 * subject, bodies). Their queued delivery jobs carry only the message id; `dropDeliveryJobs` removes them
 * after commit, and a delivery that runs anyway finds no row and sends nothing (claimMessage returns none).
 */
export const eraseParticipantMail = (trx: Kysely<DB>, participantId: string) =>
  deleteParticipantMail(trx, participantId)

/**
 * Before a study is deleted (in its transaction): the mails of the study still waiting for delivery,
 * whose queued jobs `dropDeliveryJobs` removes after commit; the rows themselves go with the study by cascade.
 */
export const studyPendingMail = (trx: Kysely<DB>, studyId: string) => pendingStudyMail(trx, studyId)

/**
 * After an erasure's commit: remove the delivery jobs of its deleted rows. A row has a job named by its id
 * when the request that wrote it enqueued it, and one named by id and hand-over time when the outbox pump
 * did (jobs/mail.jobs.ts pumpOutbox). One being processed finds no row and sends nothing.
 */
export async function dropDeliveryJobs(mailQueue: Queue, handovers: { id: string; enqueuedAt: Date | null }[]) {
  let removed = 0
  for (const h of handovers) {
    const ids = [`mail-${h.id}`, ...(h.enqueuedAt ? [`mail-${h.id}-${h.enqueuedAt.getTime()}`] : [])]
    for (const jobId of ids) {
      const job = await mailQueue.getJob(jobId)
      if (!job) continue
      try {
        await job.remove()
        removed++
      } catch {
        // active (locked by a worker): it finds no row and sends nothing
      }
    }
  }
  return removed
}
