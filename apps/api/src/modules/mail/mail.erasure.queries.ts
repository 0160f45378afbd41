import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.js'

/**
 * Erasure: a participant's outbox rows (address, subject, bodies); returns each row's id and when it was
 * last handed to the queue, which name its queued delivery jobs.
 */
export const deleteParticipantMail = (db: Kysely<DB>, participantId: string) =>
  db
    .deleteFrom('mail_message')
    .where('participant_id', '=', participantId)
    .returning(['id', 'enqueued_at as enqueuedAt'])
    .execute()

/**
 * A study's deletion: its mails still waiting for delivery, each with when it was last handed to the
 * queue (which names its delivery jobs); the rows go with the study by cascade.
 */
export const pendingStudyMail = (db: Kysely<DB>, studyId: string) =>
  db
    .selectFrom('mail_message')
    .select(['id', 'enqueued_at as enqueuedAt'])
    .where('study_id', '=', studyId)
    .where('status', 'in', ['queued', 'sending'])
    .execute()
