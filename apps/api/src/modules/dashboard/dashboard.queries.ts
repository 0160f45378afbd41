import { type Kysely, sql } from 'kysely'
import type { DB } from '../../db/schema.js'

export type DashboardFilter = { personaId?: string; from?: string; to?: string }

const personaOf = (f: DashboardFilter, participantColumn: string) =>
  f.personaId ? sql`and exists (select 1 from participant pp where pp.id = ${sql.ref(participantColumn)} and pp.persona_id = ${f.personaId}::uuid)` : sql``
const period = (f: DashboardFilter, column: string) =>
  sql`${f.from ? sql`and ${sql.ref(column)} >= ${f.from}::date` : sql``} ${f.to ? sql`and ${sql.ref(column)} < (${f.to}::date + 1)` : sql``}`

export const touchpointsInOrder = (db: Kysely<DB>, studyId: string) =>
  db
    .selectFrom('touchpoint as t')
    .innerJoin('stage as s', 's.id', 't.stage_id')
    .select(['t.id', 't.name', 't.stage_id', 's.name as stage_name'])
    .where('t.study_id', '=', studyId)
    .orderBy('s.position')
    .orderBy('t.position')
    .orderBy('t.id')
    .execute()

/** Valence counts per touchpoint from the researchers' codings. */
export const codedValence = (db: Kysely<DB>, studyId: string, f: DashboardFilter) =>
  sql<{ touchpoint_id: string; valence: string; n: number }>`
    select c.touchpoint_id, c.valence, count(*)::int as n
    from coding c
    left join diary_entry e on e.id = c.entry_id
    left join survey_response r on r.id = c.response_id
    where c.study_id = ${studyId}::uuid and c.touchpoint_id is not null and c.valence is not null
      ${f.personaId ? sql`and exists (select 1 from participant pp where pp.id = coalesce(e.participant_id, r.participant_id) and pp.persona_id = ${f.personaId}::uuid)` : sql``}
      ${period(f, 'c.created_at')}
    group by 1, 2`
    .execute(db)
    .then((r) => r.rows)

/** Per touchpoint: the participants' own pain/gain marks and the emotion of their moments. */
export const diaryByTouchpoint = (db: Kysely<DB>, studyId: string, f: DashboardFilter) =>
  sql<{ touchpoint_id: string; pain: number; gain: number; neutral: number; emotion_n: number; emotion_mean: number | null; emotion_sd: number | null }>`
    select e.touchpoint_id,
           count(*) filter (where e.valence = 'pain')::int as pain,
           count(*) filter (where e.valence = 'gain')::int as gain,
           count(*) filter (where e.valence = 'neutral')::int as neutral,
           count(e.emotion)::int as emotion_n,
           avg(e.emotion)::float8 as emotion_mean,
           stddev_samp(e.emotion)::float8 as emotion_sd
    from diary_entry e
    where e.study_id = ${studyId}::uuid and e.deleted_at is null and e.touchpoint_id is not null
      ${personaOf(f, 'e.participant_id')}
      ${period(f, 'e.occurred_at')}
    group by 1`
    .execute(db)
    .then((r) => r.rows)

/**
 * Survey answers about touchpoints, per touchpoint and question type: the questions' touchpoints
 * come from the version each response answered.
 */
export const surveyByTouchpoint = (db: Kysely<DB>, studyId: string, f: DashboardFilter) =>
  sql<{ touchpoint_id: string | null; type: string; n: number; mean: number | null; sd: number | null; top2: number; promoters: number; passives: number; detractors: number }>`
    with q as (
      select v.survey_id, v.version, qq ->> 'id' as qid, qq ->> 'type' as type, nullif(qq ->> 'touchpointId', '')::uuid as touchpoint_id
      from survey s
      join survey_version v on v.survey_id = s.id
      cross join lateral jsonb_array_elements(v.definition -> 'pages') pg
      cross join lateral jsonb_array_elements(pg -> 'questions') qq
      where s.study_id = ${studyId}::uuid and qq ->> 'type' in ('csat', 'emotion', 'nps')
    )
    select q.touchpoint_id, q.type, count(*)::int as n,
           avg((a.value #>> '{}')::float8) as mean, stddev_samp((a.value #>> '{}')::float8) as sd,
           count(*) filter (where q.type = 'csat' and (a.value #>> '{}')::float8 >= 4)::int as top2,
           count(*) filter (where q.type = 'nps' and (a.value #>> '{}')::float8 >= 9)::int as promoters,
           count(*) filter (where q.type = 'nps' and (a.value #>> '{}')::float8 between 7 and 8)::int as passives,
           count(*) filter (where q.type = 'nps' and (a.value #>> '{}')::float8 <= 6)::int as detractors
    from survey_response r
    join q on q.survey_id = r.survey_id and q.version = r.version
    join survey_answer a on a.response_id = r.id and a.question_id = q.qid and jsonb_typeof(a.value) = 'number'
    where r.status = 'complete'
      ${personaOf(f, 'r.participant_id')}
      ${period(f, 'r.completed_at')}
    group by 1, 2`
    .execute(db)
    .then((r) => r.rows)
