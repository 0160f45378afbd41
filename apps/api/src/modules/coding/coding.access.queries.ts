import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.js'

/**
 * Subject access (issue 14): the codings of a participant's words (of their diary entries, answers
 * and empathy items) with the quote as coded, the code names, touchpoint and valence. Who coded is
 * the analyst's, not the participant's, and is left out.
 */
export const codingsForExport = (db: Kysely<DB>, participantId: string) =>
  db
    .selectFrom('coding as c')
    .leftJoin('diary_entry as e', 'e.id', 'c.entry_id')
    .leftJoin('survey_response as r', 'r.id', 'c.response_id')
    .leftJoin('touchpoint as t', 't.id', 'c.touchpoint_id')
    .select(['c.id', 'c.source', 'c.quote', 'c.valence', 'c.item_index', 'c.created_at', 't.name as touchpoint_name'])
    .select((eb) =>
      eb
        .selectFrom('coding_code as cc')
        .innerJoin('code as k', 'k.id', 'cc.code_id')
        .whereRef('cc.coding_id', '=', 'c.id')
        .select((k) => k.fn.agg<string[]>('array_agg', ['k.name']).as('names'))
        .as('code_names'),
    )
    .where((eb) => eb.or([eb('e.participant_id', '=', participantId), eb('r.participant_id', '=', participantId)]))
    .orderBy('c.created_at')
    .orderBy('c.id')
    .execute()
