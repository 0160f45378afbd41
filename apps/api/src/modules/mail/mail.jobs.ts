import { randomUUID } from 'node:crypto'
import { type Queue, UnrecoverableError } from 'bullmq'
import type { Kysely } from 'kysely'
import { z } from 'zod'
import type { DB } from '../../db/schema.js'
import type { Mailer, OutgoingMail } from '../../email/transport.js'
import { defineJob, jobMap, NoPayloadSchema } from '../../jobs/definition.js'
import { composeParticipantMail, recordPersonalLink } from '../messages/messages.compose.js'
import { scheduleDue } from '../messages/messages.schedule.js'
import { composeInvitationMail } from '../team/team.compose.js'
import {
  claimMessage,
  forgetHandOvers,
  markFailure,
  markSent,
  markSuppressed,
  reclaimStale,
  renewClaim,
  takeDue,
} from './mail.queries.js'

export const DeliverMailPayloadSchema = z.strictObject({ messageId: z.uuid() })
export type DeliverMailPayload = z.infer<typeof DeliverMailPayloadSchema>
export const DELIVER_ATTEMPTS = 6
/** Temporary failures are tried again after 5 s, 10 s, 20 s, 40 s, 80 s. */
export const DELIVER_BACKOFF = { type: 'exponential', delay: 5_000 } as const

export type DeliverDeps = {
  db: Kysely<DB>
  mailer: Mailer
  publicUrl: string
  /** The sender (MAIL_FROM): its domain names each message's Message-ID. */
  mailFrom: string
  leaseMs: number
  /** The time (defaults to now): whether a prompt is still due depends on it. */
  clock?: () => Date
}

const Email = z.email()

/** A refusal that trying again cannot cure: a 5xx reply, or an address the server will never take. */
function isPermanent(err: unknown) {
  const e = err as { responseCode?: number; code?: string }
  return (typeof e.responseCode === 'number' && e.responseCode >= 500 && e.responseCode < 600) || e.code === 'EENVELOPE'
}
/** The SMTP reply (or the error) as the analyst will read it in the message log. */
const replyOf = (err: unknown) => {
  const e = err as { response?: string; message?: string }
  return String(e.response ?? e.message ?? err)
}

/**
 * One Message-ID per outbox row, the same on every attempt: a message sent twice (its worker died
 * after the server took it and before the row was marked sent, or the server's "250 OK" was lost)
 * arrives as two copies of one message, which receivers can recognise and drop.
 */
export function messageIdFor(rowId: string, mailFrom: string) {
  const address = /<([^>]*)>/.exec(mailFrom)?.[1] ?? mailFrom
  const at = address.lastIndexOf('@')
  const domain = at >= 0 ? address.slice(at + 1).trim() : ''
  return `<mail-${rowId}@${/^[\w.-]+$/.test(domain) ? domain : 'localhost'}>`
}

/**
 * Keeps a claim fresh while its worker renders and sends: without it a send slower than the lease
 * (a slow server; nodemailer waits minutes for one) was taken for a dead worker's, and another
 * worker sent the message a second time while the first was still sending it.
 */
function holdClaim(deps: DeliverDeps, id: string, claimId: string) {
  let renewedAt = Date.now()
  let lost = false
  const renew = async () => {
    const at = Date.now()
    if (await renewClaim(deps.db, id, claimId, deps.clock?.() ?? new Date())) renewedAt = at
    else lost = true
  }
  const timer = setInterval(() => void renew().catch(() => {}), Math.max(100, Math.floor(deps.leaseMs / 3)))
  return {
    /**
     * Right before the SMTP transaction: is the claim still ours? Only asked of the database when the
     * last renewal is old enough for a takeover to be possible (normally rendering takes milliseconds).
     */
    async stillOurs() {
      if (!lost && Date.now() - renewedAt > deps.leaseMs / 2) await renew()
      return !lost
    },
    release: () => clearInterval(timer),
  }
}

/**
 * Deliver one outbox row. The job carries only the id; the row is claimed before anything is sent
 * (a second job for it, or a retried one, finds nothing to claim), a participant's mail is rendered
 * now with fresh links, and the outcome is written back: sent; queued again for BullMQ's retry
 * with backoff; failed with the SMTP reply; or suppressed with the reason (e.g. unsubscribed since).
 *
 * A message can still go twice in one case: the worker dies between the server's acceptance of the
 * message and the UPDATE that marks it sent (one SMTP reply and one round trip), and the message is
 * sent again once its lease runs out. Both copies carry the same Message-ID.
 */
export async function deliverMail(
  deps: DeliverDeps,
  payload: DeliverMailPayload,
  attempt: { made: number; max: number },
) {
  const { messageId } = DeliverMailPayloadSchema.parse(payload)
  const now = deps.clock?.() ?? new Date()
  const claimId = randomUUID()
  const msg = await claimMessage(deps.db, messageId, claimId, now, deps.leaseMs)
  if (!msg) return { skipped: true as const } // sent, suppressed, or being sent by another worker
  const claim = holdClaim(deps, msg.id, claimId)
  try {
    return await sendClaimed(deps, msg, claim, now, attempt)
  } finally {
    claim.release()
  }
}

async function sendClaimed(
  deps: DeliverDeps,
  msg: NonNullable<Awaited<ReturnType<typeof claimMessage>>>,
  claim: ReturnType<typeof holdClaim>,
  now: Date,
  attempt: { made: number; max: number },
) {
  let mail: OutgoingMail
  let linkFor: string | null = null
  if (msg.participant_id) {
    const composed = await composeParticipantMail(deps.db, msg, { publicUrl: deps.publicUrl, now })
    if ('suppressed' in composed) {
      await markSuppressed(deps.db, msg.id, composed.suppressed)
      return { skipped: false as const, suppressed: composed.suppressed }
    }
    mail = composed.mail
    linkFor = composed.linkFor
  } else if (msg.invitation_id) {
    const composed = await composeInvitationMail(deps.db, { ...msg, invitation_id: msg.invitation_id })
    if ('suppressed' in composed) {
      await markSuppressed(deps.db, msg.id, composed.suppressed)
      return { skipped: false as const, suppressed: composed.suppressed }
    }
    mail = composed.mail
  } else {
    mail = {
      to: msg.to_address,
      subject: msg.subject,
      text: msg.text_body ?? '',
      html: msg.html_body ?? '',
      headers: { 'X-Klantreis-Message': msg.id },
    }
  }
  mail.messageId = messageIdFor(msg.id, deps.mailFrom)
  if (!Email.safeParse(mail.to).success) {
    await markFailure(deps.db, msg.id, `invalid address: ${mail.to}`, true)
    throw new UnrecoverableError('invalid address')
  }
  // taken over while rendering (this worker stalled for longer than the lease): the other one sends it
  if (!(await claim.stillOurs())) return { skipped: true as const }

  let providerId: string
  try {
    providerId = (await deps.mailer.send(mail)).providerId
  } catch (err) {
    const permanent = isPermanent(err)
    await markFailure(deps.db, msg.id, replyOf(err), permanent || attempt.made + 1 >= attempt.max)
    if (permanent) throw new UnrecoverableError(replyOf(err))
    throw err
  }
  // sent: nothing after this may put the row back to queued (that would send it again)
  const sentAt = deps.clock?.() ?? new Date()
  await markSent(deps.db, msg.id, providerId, sentAt)
  if (linkFor) await recordPersonalLink(deps.db, msg.id, linkFor, sentAt)
  return { skipped: false as const, providerId }
}

const PUMP_BATCH = 1000

/**
 * Hand what is due to the queue: new sends, scheduled prompts and reminders, and anything the queue
 * lost (an enqueue that failed after its commit, a job of a worker that died). A row is handed over
 * again only after five minutes (or when its claim's lease ran out), and its claim makes extra jobs harmless.
 */
export async function pumpOutbox(deps: { db: Kysely<DB>; mailQueue: Queue; leaseMs: number }, now = new Date()) {
  let enqueued = 0
  await reclaimStale(deps.db, now, deps.leaseMs)
  for (;;) {
    const ids = await takeDue(deps.db, now, PUMP_BATCH)
    if (ids.length)
      await deps.mailQueue.addBulk(
        // one job per handover (a row taken back from a dead worker needs a new job: the old one may
        // still be kept as completed); a second job for a row finds nothing to claim
        ids.map((id) => ({
          name: 'deliver',
          data: { messageId: id },
          opts: { jobId: `mail-${id}-${now.getTime()}`, attempts: DELIVER_ATTEMPTS, backoff: DELIVER_BACKOFF },
        })),
      )
    enqueued += ids.length
    if (ids.length < PUMP_BATCH) return { enqueued }
  }
}

/**
 * The queue's store lost its jobs (it came back empty): hand every queued message over again now,
 * not only those handed over five minutes ago, since none of their jobs exists any more.
 */
export async function rehandOutbox(deps: { db: Kysely<DB>; mailQueue: Queue; leaseMs: number }) {
  await forgetHandOvers(deps.db)
  return pumpOutbox(deps)
}

/** What every job on the mail queue is given (jobs/registry.ts builds it once per worker). */
export type MailJobDeps = DeliverDeps & { mailQueue: Queue }
const mailJob = defineJob<MailJobDeps>()

/**
 * The mail queue's jobs. `tick` runs every MAIL_TICK_MS (its scheduler is in jobs/registry.ts):
 * write the diary prompts and reminders that are due, then hand everything due to the queue.
 * `pump` is the same hand-over asked for right after a send; `deliver` sends one outbox row.
 */
export const mailJobs = jobMap([
  mailJob({
    name: 'tick',
    schema: NoPayloadSchema,
    process: async (deps) => {
      const scheduled = await scheduleDue(deps.db, new Date())
      return { ...scheduled, ...(await pumpOutbox(deps)) }
    },
  }),
  mailJob({ name: 'pump', schema: NoPayloadSchema, process: (deps) => pumpOutbox(deps) }),
  mailJob({
    name: 'deliver',
    schema: DeliverMailPayloadSchema,
    process: (deps, payload, attempt) => deliverMail(deps, payload, attempt),
  }),
])
