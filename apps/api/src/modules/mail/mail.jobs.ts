import type { Kysely } from 'kysely'
import { z } from 'zod'
import type { DB } from '../../db/schema.js'
import type { Mailer } from '../../plugins/mailer.js'
import type { Queue } from 'bullmq'
import { claimMailMessage, markMailRetry, markMailSent, reclaimStaleMail } from './mail.queries.js'

export const MAIL_QUEUE = 'mail'
export const DeliverMailPayloadSchema = z.strictObject({ messageId: z.uuid() })
export type DeliverMailPayload = z.infer<typeof DeliverMailPayloadSchema>
export const DELIVER_ATTEMPTS = 5

/**
 * Deliver one outbox row. The payload carries only the id; the message is read from the
 * database, so nothing personal sits in the queue.
 */
export async function deliverMail(
  deps: { db: Kysely<DB>; mailer: Mailer },
  payload: DeliverMailPayload,
  attempt: { made: number; max: number },
) {
  const { messageId } = DeliverMailPayloadSchema.parse(payload)
  const msg = await claimMailMessage(deps.db, messageId)
  if (!msg) return { skipped: true } // already sent, or claimed by another worker
  try {
    const { providerId } = await deps.mailer.send({
      to: msg.to_address,
      subject: msg.subject,
      text: msg.text_body,
      html: msg.html_body,
    })
    await markMailSent(deps.db, msg.id, providerId)
    return { skipped: false, providerId }
  } catch (err) {
    await markMailRetry(deps.db, msg.id, String((err as Error).message ?? err), attempt.made + 1 >= attempt.max)
    throw err
  }
}

export const SWEEP_EVERY_MS = 60_000

/** The outbox sweep: re-enqueue what the queue may have lost. Job ids de-duplicate against live jobs. */
export async function sweepOutbox(deps: { db: Kysely<DB>; mailQueue: Queue }) {
  const now = Date.now()
  const rows = await reclaimStaleMail(deps.db, new Date(now - SWEEP_EVERY_MS), new Date(now - 10 * SWEEP_EVERY_MS), 500)
  for (const { id } of rows) {
    await deps.mailQueue.add('deliver', { messageId: id }, { jobId: `mail-${id}`, attempts: DELIVER_ATTEMPTS })
  }
  return { requeued: rows.length }
}
