import { type Kysely, sql } from 'kysely'
import type { DB } from '../../db/schema.js'

/** A participant's study as their own requests need it: its organization (for the audit log) and whether it erases at once. */
export const studyOfParticipant = (db: Kysely<DB>, studyId: string) =>
  db
    .selectFrom('study')
    .select(['organization_id', 'erase_on_request', 'title'])
    .where('id', '=', studyId)
    .executeTakeFirst()

/** The study's title for the export's summary. */
export const studyTitle = async (db: Kysely<DB>, studyId: string) =>
  (await db.selectFrom('study').select('title').where('id', '=', studyId).executeTakeFirst())?.title ?? ''

export const removalRequestOf = (db: Kysely<DB>, participantId: string) =>
  db.selectFrom('removal_request').selectAll().where('participant_id', '=', participantId).executeTakeFirst()

/**
 * The participant asks: a new pending request, or a declined one asked again (pending anew, its
 * decision cleared). A pending one is left as it is and nothing is returned: asking twice is one request.
 */
export const upsertRemovalRequest = (db: Kysely<DB>, studyId: string, participantId: string) =>
  db
    .insertInto('removal_request')
    .values({ study_id: studyId, participant_id: participantId })
    .onConflict((oc) =>
      oc
        .column('participant_id')
        .doUpdateSet({
          status: 'pending',
          requested_at: sql<Date>`now()`,
          decided_by: null,
          decided_at: null,
          decline_reason: null,
        })
        .where('removal_request.status', '=', 'declined'),
    )
    .returningAll()
    .executeTakeFirst()

/** A study's requests, pending first, oldest first. */
export const listRemovalRequests = (db: Kysely<DB>, studyId: string) =>
  db
    .selectFrom('removal_request')
    .selectAll()
    .where('study_id', '=', studyId)
    .orderBy(sql`status = 'pending'`, 'desc')
    .orderBy('requested_at')
    .orderBy('id')
    .execute()

/** One request of the study, locked while an admin decides on it. */
export const lockRemovalRequest = (db: Kysely<DB>, studyId: string, requestId: string) =>
  db
    .selectFrom('removal_request')
    .selectAll()
    .where('study_id', '=', studyId)
    .where('id', '=', requestId)
    .forUpdate()
    .executeTakeFirst()

export const declineRemovalRequest = (
  db: Kysely<DB>,
  requestId: string,
  d: { decidedBy: string; reason: string | null },
) =>
  db
    .updateTable('removal_request')
    .set({ status: 'declined', decided_by: d.decidedBy, decided_at: new Date(), decline_reason: d.reason })
    .where('id', '=', requestId)
    .returningAll()
    .executeTakeFirstOrThrow()
