// The outbox: one mail_message row per mail, written in the transaction that causes it, handed to
// the mail queue by the pump and claimed before it is sent. Participant mails are written by
// modules/messages (sends, prompts, reminders) and rendered when sent (messages.compose.ts).
import { type Insertable, type Kysely, sql } from 'kysely'
import type { DB, MailMessageTable } from '../../db/schema.js'

export const insertMailMessage = (db: Kysely<DB>, row: Insertable<MailMessageTable>) =>
  db.insertInto('mail_message').values(row).returning(['id']).executeTakeFirstOrThrow()

// ---------------------------------------------------------------- the pump

/** Rows whose sender died mid-send (a claim older than the lease) go back to the queue. */
export const reclaimStale = (db: Kysely<DB>, now: Date, leaseMs: number) =>
  db
    .updateTable('mail_message')
    .set({ status: 'queued', enqueued_at: null, claimed_at: null, claim_id: null })
    .where('status', '=', 'sending')
    .where('claimed_at', '<', new Date(now.getTime() - leaseMs))
    .execute()

/**
 * What the queue should hold now: rows that are due and not handed over lately. Marked as handed
 * over in the same statement, so two pumps never take the same row.
 */
export const takeDue = async (db: Kysely<DB>, now: Date, limit: number) => {
  // never handed over (the common case, served by its own index), then handed over long ago and still queued
  const take = (which: ReturnType<typeof sql>, n: number) =>
    sql<{ id: string }>`
      update mail_message set enqueued_at = ${now}
      where id in (
        select id from mail_message
        where status = 'queued' and due_at <= ${now} and ${which}
        order by due_at
        limit ${n}
        for update skip locked
      )
      returning id`.execute(db)
  const ids = (await take(sql`enqueued_at is null`, limit)).rows.map((r) => r.id)
  if (ids.length < limit)
    ids.push(
      ...(await take(sql`enqueued_at < ${new Date(now.getTime() - 5 * 60_000)}`, limit - ids.length)).rows.map(
        (r) => r.id,
      ),
    )
  return ids
}

/** Every queued row counts as never handed over: for a queue that lost its jobs. */
export const forgetHandOvers = (db: Kysely<DB>) =>
  db
    .updateTable('mail_message')
    .set({ enqueued_at: null })
    .where('status', '=', 'queued')
    .where('enqueued_at', 'is not', null)
    .execute()

// ---------------------------------------------------------------- delivery

/**
 * Claim-before-send: only one worker moves a row to `sending`. A `sending` row whose claim is older
 * than the lease belongs to a worker that died, and may be taken over.
 */
export const claimMessage = (db: Kysely<DB>, id: string, claimId: string, now: Date, leaseMs: number) =>
  db
    .updateTable('mail_message')
    .set((eb) => ({ status: 'sending', attempts: eb('attempts', '+', 1), claimed_at: now, claim_id: claimId }))
    .where('id', '=', id)
    .where((eb) =>
      eb.or([
        eb('status', '=', 'queued'),
        eb.and([eb('status', '=', 'sending'), eb('claimed_at', '<', new Date(now.getTime() - leaseMs))]),
      ]),
    )
    .returningAll()
    .executeTakeFirst()

/** The holder of a claim keeps it fresh; false when the claim is no longer its own (taken over, or finished). */
export const renewClaim = async (db: Kysely<DB>, id: string, claimId: string, now: Date) =>
  (
    await db
      .updateTable('mail_message')
      .set({ claimed_at: now })
      .where('id', '=', id)
      .where('claim_id', '=', claimId)
      .where('status', '=', 'sending')
      .executeTakeFirst()
  ).numUpdatedRows > 0n

export const markSent = (db: Kysely<DB>, id: string, providerId: string, now: Date) =>
  db
    .updateTable('mail_message')
    .set((eb) => ({
      status: 'sent',
      provider_id: providerId,
      sent_at: now,
      error: null,
      deliveries: eb('deliveries', '+', 1),
    }))
    .where('id', '=', id)
    .execute()

export const markSuppressed = (db: Kysely<DB>, id: string, reason: string) =>
  db.updateTable('mail_message').set({ status: 'suppressed', error: reason }).where('id', '=', id).execute()

/** A temporary failure goes back to queued (BullMQ retries it with backoff); the last one, or a permanent one, is failed. */
export const markFailure = (db: Kysely<DB>, id: string, reason: string, final: boolean) =>
  db
    .updateTable('mail_message')
    .set({ status: final ? 'failed' : 'queued', error: reason.slice(0, 2000), claimed_at: null, claim_id: null })
    .where('id', '=', id)
    .execute()
