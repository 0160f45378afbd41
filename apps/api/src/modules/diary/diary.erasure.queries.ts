import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.js'

/**
 * Erasure of a participant's diary: their entries (text), their photos (stored as bytes in `photo`;
 * no derived files are written) and the touchpoints they proposed that no other participant's entry
 * points at (the description is the participant's words). Counts per kind.
 */
export async function eraseParticipantDiary(db: Kysely<DB>, participantId: string) {
  const proposalRows = await db
    .selectFrom('diary_entry')
    .select('proposal_id')
    .distinct()
    .where('participant_id', '=', participantId)
    .where('proposal_id', 'is not', null)
    .execute()
  const entries = await db.deleteFrom('diary_entry').where('participant_id', '=', participantId).executeTakeFirst()
  const photos = await db.deleteFrom('photo').where('participant_id', '=', participantId).executeTakeFirst()
  const proposalIds = proposalRows.map((r) => r.proposal_id!)
  const proposals = proposalIds.length
    ? await db
        .deleteFrom('proposed_touchpoint as p')
        .where('p.id', 'in', proposalIds)
        .where(({ not, exists, selectFrom }) =>
          not(exists(selectFrom('diary_entry as e').select('e.id').whereRef('e.proposal_id', '=', 'p.id'))),
        )
        .executeTakeFirst()
    : { numDeletedRows: 0n }
  return {
    entries: Number(entries.numDeletedRows),
    photos: Number(photos.numDeletedRows),
    proposals: Number(proposals.numDeletedRows),
  }
}
