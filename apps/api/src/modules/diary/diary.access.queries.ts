import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.js'

/**
 * Subject access (issue 14): a participant's diary as they wrote it, for their data export. Entries
 * they deleted are left out: a deleted entry keeps only its id and times, nothing they said.
 */
export const diaryEntriesForExport = (db: Kysely<DB>, participantId: string) =>
  db
    .selectFrom('diary_entry as e')
    .leftJoin('touchpoint as t', 't.id', 'e.touchpoint_id')
    .leftJoin('proposed_touchpoint as pt', 'pt.id', 'e.proposal_id')
    .select([
      'e.id',
      'e.occurred_at',
      'e.text',
      'e.emotion',
      'e.valence',
      'e.channel',
      'e.photo_id',
      'e.created_at',
      'e.updated_at',
      't.name as touchpoint_name',
      'pt.description as proposal_description',
    ])
    .where('e.participant_id', '=', participantId)
    .where('e.deleted_at', 'is', null)
    .orderBy('e.occurred_at')
    .orderBy('e.id')
    .execute()

/** Their photos with the bytes (stored in `photo`; no derived files exist). */
export const photosForExport = (db: Kysely<DB>, participantId: string) =>
  db
    .selectFrom('photo')
    .select(['id', 'content_type', 'bytes', 'created_at'])
    .where('participant_id', '=', participantId)
    .orderBy('created_at')
    .orderBy('id')
    .execute()

/** The touchpoints they proposed ("something else…"): the description is their words. */
export const proposalsForExport = (db: Kysely<DB>, participantId: string) =>
  db
    .selectFrom('proposed_touchpoint as p')
    .select(['p.id', 'p.description', 'p.status', 'p.created_at'])
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('diary_entry as e')
          .select('e.id')
          .whereRef('e.proposal_id', '=', 'p.id')
          .where('e.participant_id', '=', participantId),
      ),
    )
    .orderBy('p.created_at')
    .execute()
