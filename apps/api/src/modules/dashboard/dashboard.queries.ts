import { type Kysely, type RawBuilder, sql } from 'kysely'
import type { DB } from '../../db/schema.js'
import type { Filter } from './dashboard.rollup.queries.js'

/**
 * The dashboard's qualitative half, read live: diary moments and codings are a study's tens of
 * thousands at most (the survey half, which grows to millions, comes from the rollups).
 */

/** The participant filters (persona, segment) on a participant id column. */
const whoFilter = (f: Filter, participant: RawBuilder<unknown>) =>
  f.personaId || f.segment
    ? sql`and exists (select 1 from participant pp where pp.id = ${participant}
        ${f.personaId ? sql`and pp.persona_id = ${f.personaId}::uuid` : sql``}
        ${f.segment ? sql`and pp.segments @> ${JSON.stringify({ [f.segment.key]: f.segment.value })}::jsonb` : sql``})`
    : sql``
/** The period, by UTC day, on a timestamp column. */
const period = (f: Filter, column: RawBuilder<unknown>) =>
  sql`${f.from ? sql`and ${column} >= ${f.from}::date` : sql``} ${f.to ? sql`and ${column} < (${f.to}::date + 1)` : sql``}`

/** Codings with a touchpoint, their participant, within the filters (a CTE body). */
const codingsIn = (studyId: string, f: Filter, touchpointId?: string) => sql`
  select c.id, c.touchpoint_id, c.valence, c.quote, c.source, c.created_at, coalesce(e.participant_id, r.participant_id) as participant_id
  from coding c
  left join diary_entry e on e.id = c.entry_id
  left join survey_response r on r.id = c.response_id
  where c.study_id = ${studyId}::uuid and c.touchpoint_id is not null
    ${touchpointId ? sql`and c.touchpoint_id = ${touchpointId}::uuid` : sql``}
    ${whoFilter(f, sql`coalesce(e.participant_id, r.participant_id)`)}
    ${period(f, sql`c.created_at`)}`

export const touchpointsInOrder = (db: Kysely<DB>, studyId: string) =>
  db
    .selectFrom('touchpoint as t')
    .innerJoin('stage as s', 's.id', 't.stage_id')
    .select(['t.id', 't.name', 't.stage_id', 't.moment_of_truth', 's.name as stage_name'])
    .where('t.study_id', '=', studyId)
    .orderBy('s.position')
    .orderBy('t.position')
    .orderBy('t.id')
    .execute()

/** Valence counts per touchpoint from the researchers' codings, and the participants with a coded pain there. */
export const codedValence = (db: Kysely<DB>, studyId: string, f: Filter) =>
  sql<{ touchpoint_id: string; pain: number; gain: number; neutral: number; pain_participants: number }>`
    with c as (${codingsIn(studyId, f)})
    select touchpoint_id,
           count(*) filter (where valence = 'pain')::int as pain,
           count(*) filter (where valence = 'gain')::int as gain,
           count(*) filter (where valence = 'neutral')::int as neutral,
           count(distinct participant_id) filter (where valence = 'pain')::int as pain_participants
    from c group by 1`
    .execute(db)
    .then((r) => r.rows)

/** Per touchpoint: the participants' own pain/gain marks and the emotion of their moments. */
export const diaryByTouchpoint = (db: Kysely<DB>, studyId: string, f: Filter) =>
  sql<{
    touchpoint_id: string
    pain: number
    gain: number
    neutral: number
    emotion_n: number
    emotion_mean: number | null
    emotion_sd: number | null
  }>`
    select e.touchpoint_id,
           count(*) filter (where e.valence = 'pain')::int as pain,
           count(*) filter (where e.valence = 'gain')::int as gain,
           count(*) filter (where e.valence = 'neutral')::int as neutral,
           count(e.emotion)::int as emotion_n,
           avg(e.emotion)::float8 as emotion_mean,
           stddev_samp(e.emotion)::float8 as emotion_sd
    from diary_entry e
    where e.study_id = ${studyId}::uuid and e.deleted_at is null and e.touchpoint_id is not null
      ${whoFilter(f, sql`e.participant_id`)}
      ${period(f, sql`e.occurred_at`)}
    group by 1`
    .execute(db)
    .then((r) => r.rows)

/** The three most used codes per touchpoint. */
export const topCodes = (db: Kysely<DB>, studyId: string, f: Filter) =>
  sql<{ touchpoint_id: string; id: string; name: string; colour: string; n: number }>`
    with c as (${codingsIn(studyId, f)}),
    counted as (
      select c.touchpoint_id, k.id, k.name, k.colour, count(*)::int as n,
             row_number() over (partition by c.touchpoint_id order by count(*) desc, k.name) as rank
      from c join coding_code cc on cc.coding_id = c.id join code k on k.id = cc.code_id
      group by 1, 2, 3, 4
    )
    select touchpoint_id, id, name, colour, n from counted where rank <= 3 order by touchpoint_id, rank`
    .execute(db)
    .then((r) => r.rows)

export type QuoteRow = {
  id: string
  touchpoint_id: string
  valence: 'pain' | 'gain' | 'neutral' | null
  quote: string
  source: string
  participant_id: string | null
  codes: { id: string; name: string; colour: string }[]
}

const withCodes = sql`coalesce((select json_agg(json_build_object('id', k.id, 'name', k.name, 'colour', k.colour) order by k.name)
  from coding_code cc join code k on k.id = cc.code_id where cc.coding_id = q.id), '[]') as codes`

/** The newest pain and the newest gain quote per touchpoint (else the newest two). */
export const exemplarQuotes = (db: Kysely<DB>, studyId: string, f: Filter) =>
  sql<QuoteRow>`
    with c as (${codingsIn(studyId, f)}),
    -- the same words from two participants are one exemplar
    distinct_quotes as (select distinct on (touchpoint_id, quote) * from c order by touchpoint_id, quote, created_at desc, id),
    ranked as (
      select d.*, row_number() over (partition by touchpoint_id, valence order by created_at desc, id) as in_valence
      from distinct_quotes d
    ),
    q as (
      select ranked.*, row_number() over (partition by touchpoint_id order by in_valence, case valence when 'pain' then 0 when 'gain' then 1 else 2 end) as pick
      from ranked
    )
    select q.id, q.touchpoint_id, q.valence, q.quote, q.source, q.participant_id, ${withCodes}
    from q where pick <= 2 order by touchpoint_id, pick`
    .execute(db)
    .then((r) => r.rows)

/** All quotes at one touchpoint (optionally one valence), newest first: the click-through from a bar. */
export async function quotesAt(
  db: Kysely<DB>,
  studyId: string,
  f: Filter,
  touchpointId: string,
  valence: string | undefined,
  limit: number,
) {
  const base = sql`with c as (${codingsIn(studyId, f, touchpointId)}) select * from c ${valence ? sql`where valence = ${valence}` : sql``}`
  const [items, total] = await Promise.all([
    sql<QuoteRow>`with q as (${base} order by created_at desc, id limit ${limit}) select q.id, q.touchpoint_id, q.valence, q.quote, q.source, q.participant_id, ${withCodes} from q order by created_at desc, id`.execute(
      db,
    ),
    sql<{ n: number }>`select count(*)::int as n from (${base}) x`.execute(db),
  ])
  return { items: items.rows, total: total.rows[0]!.n }
}

/** The segment keys and values among the study's participants, for the filter's choices. */
export const segmentValues = (db: Kysely<DB>, studyId: string) =>
  sql<{ key: string; values: string[] }>`
    select s.key, array_agg(distinct s.value order by s.value) as values
    from participant p cross join lateral jsonb_each_text(p.segments) s
    where p.study_id = ${studyId}::uuid and p.segments <> '{}'::jsonb
    group by 1 order by 1 limit 50`
    .execute(db)
    .then((r) => r.rows.map((x) => ({ key: x.key, values: x.values.slice(0, 100) })))

export const findPersonaInStudy = (db: Kysely<DB>, studyId: string, personaId: string) =>
  db.selectFrom('persona').select('id').where('id', '=', personaId).where('study_id', '=', studyId).executeTakeFirst()

export const findTouchpointInStudy = (db: Kysely<DB>, studyId: string, touchpointId: string) =>
  db
    .selectFrom('touchpoint')
    .select('id')
    .where('id', '=', touchpointId)
    .where('study_id', '=', studyId)
    .executeTakeFirst()

/** For the rest of the transaction `trx` only. */
export const updateStatementTimeout = (trx: Kysely<DB>, ms: number) =>
  sql`select set_config('statement_timeout', ${String(ms)}, true)`.execute(trx)
