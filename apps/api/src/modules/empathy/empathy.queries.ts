import { type Kysely, sql } from 'kysely'
import type { DB } from '../../db/schema.js'

/**
 * The codings that can fill an empathy map: of diary entries (not deleted) and of empathy-map items,
 * with who wrote them, the item's own box and pain/gain, the diarist's emotion, and the touchpoint.
 * Open answers are left out: they belong to no box.
 */
export const empathyCodings = (db: Kysely<DB>, studyId: string, personaId?: string) =>
  db
    .selectFrom('coding as c')
    .leftJoin('diary_entry as e', 'e.id', 'c.entry_id')
    .leftJoin('survey_answer as a', (j) =>
      j.onRef('a.response_id', '=', 'c.response_id').onRef('a.question_id', '=', 'c.question_id'),
    )
    .leftJoin('survey_response as r', 'r.id', 'c.response_id')
    .leftJoin('participant as p', (j) =>
      j.on((eb) => eb('p.id', '=', eb.fn.coalesce('e.participant_id', 'r.participant_id'))),
    )
    .leftJoin('touchpoint as t', 't.id', 'c.touchpoint_id')
    .select([
      'c.id',
      'c.source',
      'c.quote',
      'c.valence',
      'c.touchpoint_id',
      't.name as touchpoint_name',
      'p.id as participant_id',
      'e.emotion',
      sql<Date | null>`coalesce(e.occurred_at, r.completed_at)`.as('at'),
      sql<string | null>`a.value -> 'items' -> c.item_index ->> 'box'`.as('item_box'),
      sql<string | null>`a.value -> 'items' -> c.item_index ->> 'valence'`.as('item_valence'),
    ])
    .where('c.study_id', '=', studyId)
    .where((eb) =>
      eb.or([
        eb.and([eb('c.entry_id', 'is not', null), eb('e.deleted_at', 'is', null)]),
        eb('c.item_index', 'is not', null),
      ]),
    )
    .$if(!!personaId, (b) => b.where('p.persona_id', '=', personaId!))
    .orderBy(sql`coalesce(e.occurred_at, r.completed_at)`, 'asc')
    .orderBy('c.created_at')
    .orderBy('c.id')
    .execute()

export const codesOf = (db: Kysely<DB>, codingIds: string[]) =>
  codingIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('coding_code as cc')
        .innerJoin('code as k', 'k.id', 'cc.code_id')
        .select(['cc.coding_id', 'k.id', 'k.name'])
        .where('cc.coding_id', 'in', codingIds)
        .orderBy('k.position')
        .orderBy('k.name')
        .execute()
