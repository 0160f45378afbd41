import type { Queue } from 'bullmq'
import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.js'
import { deleteParticipantMail } from './mail.erasure.queries.js'

/**
 * The outbox's part of a participant's erasure, in the caller's transaction: their rows go (address,
 * subject, bodies). Their queued delivery jobs carry only the message id; `dropMailJobs` removes them
 * after commit, and a delivery that runs anyway finds no row and sends nothing (claimMessage returns none).
 */
export const eraseParticipantMail = (trx: Kysely<DB>, participantId: string) =>
  deleteParticipantMail(trx, participantId)

/** After an erasure's commit: remove the delivery jobs of its deleted rows (one being processed finds nothing). */
export async function dropMailJobs(mailQueue: Queue, messageIds: string[]) {
  let removed = 0
  for (const id of messageIds) {
    const job = await mailQueue.getJob(`mail-${id}`)
    if (!job) continue
    try {
      await job.remove()
      removed++
    } catch {
      // active (locked by a worker): it finds no row and sends nothing
    }
  }
  return removed
}
