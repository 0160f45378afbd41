import type { Insertable, Kysely } from 'kysely'
import type { DB, MailMessageTable } from '../../db/schema.js'

export const insertMailMessage = (db: Kysely<DB>, row: Insertable<MailMessageTable>) =>
  db.insertInto('mail_message').values(row).returning(['id']).executeTakeFirstOrThrow()

/** Claim-before-send: only one worker can move a queued (or stale sending) row to sending. */
export const claimMailMessage = (db: Kysely<DB>, id: string) =>
  db
    .updateTable('mail_message')
    .set((eb) => ({ status: 'sending', attempts: eb('attempts', '+', 1) }))
    .where('id', '=', id)
    .where('status', '=', 'queued')
    .returningAll()
    .executeTakeFirst()

export const markMailSent = (db: Kysely<DB>, id: string, providerId: string) =>
  db.updateTable('mail_message').set({ status: 'sent', provider_id: providerId, sent_at: new Date(), error: null }).where('id', '=', id).execute()

export const markMailRetry = (db: Kysely<DB>, id: string, error: string, final: boolean) =>
  db
    .updateTable('mail_message')
    .set({ status: final ? 'failed' : 'queued', error: error.slice(0, 2000) })
    .where('id', '=', id)
    .execute()

/**
 * Rows the queue may have lost: queued but never delivered (enqueue failed after commit), or
 * stuck in `sending` because a worker died mid-send. Both go back to `queued`.
 */
export const reclaimStaleMail = (db: Kysely<DB>, queuedBefore: Date, sendingBefore: Date, limit: number) =>
  db
    .updateTable('mail_message')
    .set({ status: 'queued' })
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('mail_message')
        .select('id')
        .where((w) =>
          w.or([
            w.and([w('status', '=', 'queued'), w('created_at', '<', queuedBefore)]),
            w.and([w('status', '=', 'sending'), w('created_at', '<', sendingBefore)]),
          ]),
        )
        .orderBy('created_at')
        .limit(limit),
    )
    .returning('id')
    .execute()
