import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.js'

/** Erasure: a participant's outbox rows (address, subject, bodies); returns their ids, to drop their queued jobs. */
export const deleteParticipantMail = async (db: Kysely<DB>, participantId: string) =>
  (await db.deleteFrom('mail_message').where('participant_id', '=', participantId).returning('id').execute()).map(
    (r) => r.id,
  )
