import type { Queue } from 'bullmq'
import type { FastifyBaseLogger } from 'fastify'
import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.js'
import { DELIVER_ATTEMPTS, DELIVER_BACKOFF } from './mail.jobs.js'
import { insertMailMessage } from './mail.queries.js'

export type NewMail = {
  organizationId: string | null
  kind: string
  to: string
  subject: string
  text: string
  html: string
  /** A team invitation's mail: its bodies hold INVITE_TOKEN_SLOT, filled in when it is sent. */
  invitationId?: string
}

/** Write the outbox row; call inside the transaction of the change that causes the mail. */
export const queueMailInTransaction = (trx: Kysely<DB>, m: NewMail) =>
  insertMailMessage(trx, {
    organization_id: m.organizationId,
    kind: m.kind,
    to_address: m.to,
    subject: m.subject,
    text_body: m.text,
    html_body: m.html,
    invitation_id: m.invitationId ?? null,
  })

/**
 * After commit. A failed enqueue loses nothing: the row stays `queued` and the outbox sweep
 * enqueues it again, so the request itself does not fail because the queue hiccupped.
 */
export async function enqueueMailDelivery(deps: { mailQueue: Queue; log: FastifyBaseLogger }, messageId: string) {
  try {
    await deps.mailQueue.add(
      'deliver',
      { messageId },
      { jobId: `mail-${messageId}`, attempts: DELIVER_ATTEMPTS, backoff: DELIVER_BACKOFF },
    )
  } catch (err) {
    deps.log.warn({ err, messageId }, 'mail enqueue failed; the outbox sweep will retry')
  }
}
