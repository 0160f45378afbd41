import { type Kysely, type RawBuilder, sql } from 'kysely'
import type { DB } from '../../db/schema.js'

/**
 * The survey half of the dashboard is read from rollups (migrations/0008, and per segment
 * attribute 0009): value counts per question type, touchpoint, persona and day or month, and the joint counts of each touchpoint's CSAT with
 * the NPS of the same response. Every survey figure on the dashboard is a function of these counts,
 * so reading them is exact, and its cost depends on touchpoints × days, not on responses.
 *
 * A completed response is folded in later, in a batch, by the worker (`foldPending`); until then
 * it is part of the "tail" that the dashboard counts live next to the rollups. So the dashboard is
 * current to the last answer, and the participant's submit never waits on (or contends for) a
 * rollup row. One definition of the facts (a completed response's rated answers) serves the fold,
 * the rebuild, the tail and a persona-and-segment filter (which no rollup holds); a test holds the
 * rollups equal to the answers.
 */

/** Which completed responses the facts cover. */
type FactScope =
  | { pending: number }
  | { rebuild: string }
  | { unfold: { participantId: string } | { surveyId: string } }
  | {
      studyId: string
      tail?: boolean
      personaId?: string
      segment?: { key: string; value: string }
      from?: string
      to?: string
    }

const dayOf = sql`(r.completed_at at time zone 'UTC')::date`

function scopeWhere(scope: FactScope): RawBuilder<unknown> {
  // a batch of unfolded responses; SKIP LOCKED lets two workers fold side by side
  if ('pending' in scope)
    return sql`r.id in (select id from survey_response where status = 'complete' and not rolled_up order by id limit ${scope.pending} for update skip locked)`
  if ('rebuild' in scope) return sql`s.study_id = ${scope.rebuild}::uuid`
  if ('unfold' in scope)
    return 'participantId' in scope.unfold
      ? sql`r.participant_id = ${scope.unfold.participantId}::uuid and r.rolled_up`
      : sql`r.survey_id = ${scope.unfold.surveyId}::uuid and r.rolled_up`
  return sql`s.study_id = ${scope.studyId}::uuid
    ${scope.tail ? sql`and not r.rolled_up` : sql``}
    ${scope.personaId ? sql`and p.persona_id = ${scope.personaId}::uuid` : sql``}
    ${scope.segment ? sql`and r.participant_id in (select id from participant where study_id = ${scope.studyId}::uuid and segments @> ${JSON.stringify({ [scope.segment.key]: scope.segment.value })}::jsonb)` : sql``}
    ${scope.from ? sql`and ${dayOf} >= ${scope.from}::date` : sql``}
    ${scope.to ? sql`and ${dayOf} <= ${scope.to}::date` : sql``}`
}

/**
 * CTEs `resp` (the completed responses in scope) and `facts` (one row per rated answer: csat,
 * emotion and nps questions, with the touchpoint the answered version gave the question).
 */
function factsCte(scope: FactScope) {
  return sql`
    resp as materialized (
      select r.id, r.survey_id, r.version, s.study_id, p.persona_id, p.segments, ${dayOf} as day
      from survey_response r
      join survey s on s.id = r.survey_id
      left join participant p on p.id = r.participant_id
      where r.status = 'complete' and ${scopeWhere(scope)}
    ),
    q as (
      select distinct v.survey_id, v.version, qq ->> 'id' as qid, qq ->> 'type' as type, nullif(qq ->> 'touchpointId', '')::uuid as touchpoint_id
      from (select distinct survey_id, version from resp) rv
      join survey_version v on v.survey_id = rv.survey_id and v.version = rv.version
      cross join lateral jsonb_array_elements(v.definition -> 'pages') pg
      cross join lateral jsonb_array_elements(pg -> 'questions') qq
      where qq ->> 'type' in ('csat', 'emotion', 'nps')
    ),
    -- the answers first, then their questions by hash: joined the other way round the planner
    -- probes the answers once per (response, question) and throws most of them away
    answered as materialized (
      select resp.id as response_id, resp.study_id, resp.survey_id, resp.version, resp.persona_id, resp.day, a.question_id, a.value
      from resp join survey_answer a on a.response_id = resp.id
      where jsonb_typeof(a.value) = 'number'
    ),
    facts as (
      select x.response_id, x.study_id, x.survey_id, q.touchpoint_id, q.type, x.persona_id, x.day, round((x.value #>> '{}')::numeric)::smallint as value
      from answered x join q on q.survey_id = x.survey_id and q.version = x.version and q.qid = x.question_id
    ),
    -- a touchpoint's CSAT beside the NPS (about the whole journey) of the same response; a window,
    -- not a self-join of the CTE, whose row estimate would talk the planner into a nested loop
    pairs as (
      select response_id, study_id, survey_id, touchpoint_id, persona_id, day, value as csat, nps
      from (select facts.*, max(value) filter (where type = 'nps' and touchpoint_id is null) over (partition by response_id) as nps from facts) f
      where type = 'csat' and touchpoint_id is not null and nps is not null
    )`
}

/**
 * Adds the scope's completed responses to the rollups and marks them folded (or, unfolding, takes
 * them out and marks them unfolded), in one statement. Rows are upserted in key order so that two
 * folds touching the same rows lock them in the same order and cannot deadlock. Returns how many
 * responses it moved.
 */
async function fold(
  db: Kysely<DB>,
  scope: Extract<FactScope, { pending: unknown } | { rebuild: unknown } | { unfold: unknown }>,
): Promise<number> {
  const sign = 'unfold' in scope ? -1 : 1
  const r = await sql<{ folded: number }>`
    with ${factsCte(scope)},
    v as (
      insert into survey_rollup (study_id, grain, touchpoint_id, type, persona_id, day, value, n)
      select study_id, g.grain, touchpoint_id, type, persona_id, ${grainDay}, value, ${sign}::int * count(*)::int
      from facts, ${grains} group by 1, 2, 3, 4, 5, 6, 7 order by 1, 2, 3, 4, 5, 6, 7
      on conflict (study_id, grain, touchpoint_id, type, persona_id, day, value) do update set n = survey_rollup.n + excluded.n
      returning 1
    ),
    c as (
      insert into survey_response_rollup (study_id, grain, persona_id, day, n)
      select study_id, g.grain, persona_id, ${grainDay}, ${sign}::int * count(*)::int
      from resp, ${grains} group by 1, 2, 3, 4 order by 1, 2, 3, 4
      on conflict (study_id, grain, persona_id, day) do update set n = survey_response_rollup.n + excluded.n
      returning 1
    ),
    pr as (
      insert into survey_pair_rollup (study_id, grain, touchpoint_id, persona_id, day, csat, nps, n)
      select study_id, g.grain, touchpoint_id, persona_id, ${grainDay}, csat, nps, ${sign}::int * count(*)::int
      from pairs, ${grains}
      group by 1, 2, 3, 4, 5, 6, 7 order by 1, 2, 3, 4, 5, 6, 7
      on conflict (study_id, grain, touchpoint_id, persona_id, day, csat, nps) do update set n = survey_pair_rollup.n + excluded.n
      returning 1
    ),
    -- the same counts once under each segment attribute of the response's participant
    segs as (select resp.id as response_id, e.key as seg_key, e.value as seg_value from resp cross join lateral jsonb_each_text(resp.segments) e),
    sv as (
      insert into survey_segment_rollup (study_id, seg_key, seg_value, grain, touchpoint_id, type, day, value, n)
      select f.study_id, sg.seg_key, sg.seg_value, g.grain, f.touchpoint_id, f.type, ${grainDay}, f.value, ${sign}::int * count(*)::int
      from facts f join segs sg on sg.response_id = f.response_id, ${grains}
      group by 1, 2, 3, 4, 5, 6, 7, 8 order by 1, 2, 3, 4, 5, 6, 7, 8
      on conflict (study_id, seg_key, seg_value, grain, touchpoint_id, type, day, value) do update set n = survey_segment_rollup.n + excluded.n
      returning 1
    ),
    sc as (
      insert into survey_segment_response_rollup (study_id, seg_key, seg_value, grain, day, n)
      select r.study_id, sg.seg_key, sg.seg_value, g.grain, ${grainDay}, ${sign}::int * count(*)::int
      from resp r join segs sg on sg.response_id = r.id, ${grains}
      group by 1, 2, 3, 4, 5 order by 1, 2, 3, 4, 5
      on conflict (study_id, seg_key, seg_value, grain, day) do update set n = survey_segment_response_rollup.n + excluded.n
      returning 1
    ),
    sp as (
      insert into survey_segment_pair_rollup (study_id, seg_key, seg_value, grain, touchpoint_id, day, csat, nps, n)
      select p.study_id, sg.seg_key, sg.seg_value, g.grain, p.touchpoint_id, ${grainDay}, p.csat, p.nps, ${sign}::int * count(*)::int
      from pairs p join segs sg on sg.response_id = p.response_id, ${grains}
      group by 1, 2, 3, 4, 5, 6, 7, 8 order by 1, 2, 3, 4, 5, 6, 7, 8
      on conflict (study_id, seg_key, seg_value, grain, touchpoint_id, day, csat, nps) do update set n = survey_segment_pair_rollup.n + excluded.n
      returning 1
    ),
    m as (update survey_response set rolled_up = ${sign > 0} where id in (select id from resp) returning 1)
    select (select count(*) from resp)::int as folded,
           (select count(*) from v) + (select count(*) from c) + (select count(*) from pr) + (select count(*) from sv) + (select count(*) from sc) + (select count(*) from sp) + (select count(*) from m) as touched`.execute(
    db,
  )
  if (sign < 0) for (const t of ROLLUP_TABLES) await sql`delete from ${sql.table(t)} where n = 0`.execute(db)
  return r.rows[0]!.folded
}

/**
 * Takes a participant's folded responses out of the rollups, to be folded again by the worker
 * (and counted live until then). Call it in the transaction that changes their persona, before
 * the change: the rollups hold the persona a response was folded with.
 */
export const unfoldParticipant = (db: Kysely<DB>, participantId: string) => fold(db, { unfold: { participantId } })

/** Takes a survey's folded responses out of the rollups; call it in the transaction that deletes the survey. */
export const unfoldSurvey = (db: Kysely<DB>, surveyId: string) => fold(db, { unfold: { surveyId } })

const ROLLUP_TABLES = [
  'survey_rollup',
  'survey_response_rollup',
  'survey_pair_rollup',
  'survey_segment_rollup',
  'survey_segment_response_rollup',
  'survey_segment_pair_rollup',
]

/** Each count goes in twice: per day, and per month (dated the first). */
const grains = sql`(values ('day'), ('month')) g(grain)`
const grainDay = sql`case g.grain when 'day' then day else date_trunc('month', day)::date end`

/** Folds one batch of completed responses not yet in the rollups; returns how many. */
export const foldBatch = (db: Kysely<DB>, batch: number) => fold(db, { pending: batch })

/** Folds every completed response not yet in the rollups, a batch at a time (the worker's job). */
export async function foldPending(db: Kysely<DB>, batch = 5000): Promise<number> {
  let total = 0
  for (;;) {
    const n = await foldBatch(db, batch)
    total += n
    if (n < batch) return total
  }
}

/** Recomputes a study's rollups from its answers (after a bulk load, or to repair). */
export async function rebuildRollups(db: Kysely<DB>, studyId: string) {
  await db.transaction().execute(async (trx) => {
    for (const t of ROLLUP_TABLES) await sql`delete from ${sql.table(t)} where study_id = ${studyId}::uuid`.execute(trx)
    await fold(trx, { rebuild: studyId })
  })
}

export type Filter = { personaId?: string; segment?: { key: string; value: string }; from?: string; to?: string }
export type ValueCount = { touchpoint_id: string | null; type: 'csat' | 'emotion' | 'nps'; value: number; n: number }
export type PairCount = { touchpoint_id: string; csat: number; nps: number; n: number }
export type SurveyCounts = { values: ValueCount[]; pairs: PairCount[]; responses: number }

const iso = (d: Date) => d.toISOString().slice(0, 10)
const addDays = (day: string, n: number) => iso(new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000))
const monthStart = (day: string) => `${day.slice(0, 7)}-01`
const nextMonth = (day: string) => {
  const d = new Date(`${monthStart(day)}T00:00:00Z`)
  d.setUTCMonth(d.getUTCMonth() + 1)
  return iso(d)
}

/**
 * Which rollup rows make up a period: the whole months inside it from the month rows, the days at
 * its edges from the day rows (inclusive bounds; an open end reaches all the way).
 */
export function periodParts(
  from?: string,
  to?: string,
): { months?: { from?: string; before?: string }; days: [string | undefined, string | undefined][] } {
  const firstMonth = from ? (from === monthStart(from) ? from : nextMonth(from)) : undefined
  const endMonth = to ? (addDays(to, 1) === nextMonth(to) ? nextMonth(to) : monthStart(to)) : undefined
  if (firstMonth && endMonth && firstMonth >= endMonth) return { days: [[from, to]] }
  const days: [string | undefined, string | undefined][] = []
  if (from && firstMonth && from < firstMonth) days.push([from, addDays(firstMonth, -1)])
  if (to && endMonth && endMonth <= to) days.push([endMonth, to])
  return { months: { ...(firstMonth ? { from: firstMonth } : {}), ...(endMonth ? { before: endMonth } : {}) }, days }
}

/** The rows of a study's rollup for the filters: one persona, or one segment (never both), and a period. */
const rollupWhere = (studyId: string, f: Filter) => {
  const { months, days } = periodParts(f.from, f.to)
  const parts = [
    ...(months
      ? [
          sql`(grain = 'month' ${months.from ? sql`and day >= ${months.from}::date` : sql``} ${months.before ? sql`and day < ${months.before}::date` : sql``})`,
        ]
      : []),
    ...days.map(
      ([a, b]) =>
        sql`(grain = 'day' ${a ? sql`and day >= ${a}::date` : sql``} ${b ? sql`and day <= ${b}::date` : sql``})`,
    ),
  ]
  return sql`study_id = ${studyId}::uuid
    ${f.personaId ? sql`and persona_id = ${f.personaId}::uuid` : sql``}
    ${f.segment ? sql`and seg_key = ${f.segment.key} and seg_value = ${f.segment.value}` : sql``}
    and (${sql.join(parts, sql` or `)})`
}

/**
 * The study's survey counts: the rollups plus the tail not folded yet, each statement one snapshot
 * (a fold commits rollup rows and marks together). A persona or a segment, not both: the rollups
 * are keyed by one or the other.
 */
export async function countsFromRollups(db: Kysely<DB>, studyId: string, f: Filter): Promise<SurveyCounts> {
  if (f.personaId && f.segment)
    throw new Error('the rollups hold a persona or a segment, not both: count from the answers')
  const tail = factsCte({ studyId, tail: true, ...f })
  const [values, pairs, responses] = f.segment
    ? (['survey_segment_rollup', 'survey_segment_pair_rollup', 'survey_segment_response_rollup'] as const)
    : (['survey_rollup', 'survey_pair_rollup', 'survey_response_rollup'] as const)
  const where = rollupWhere(studyId, f)
  const [v, p, r] = await Promise.all([
    sql<ValueCount>`with ${tail}
      select touchpoint_id, type, value, sum(n)::int as n from (
        select touchpoint_id, type, value, n from ${sql.table(values)} where ${where}
        union all select touchpoint_id, type, value, 1 from facts
      ) x group by 1, 2, 3 having sum(n) > 0`.execute(db),
    sql<PairCount>`with ${tail}
      select touchpoint_id, csat, nps, sum(n)::int as n from (
        select touchpoint_id, csat, nps, n from ${sql.table(pairs)} where ${where}
        union all select touchpoint_id, csat, nps, 1 from pairs
      ) x group by 1, 2, 3 having sum(n) > 0`.execute(db),
    sql<{ n: number }>`with ${tail}
      select ((select coalesce(sum(n), 0) from ${sql.table(responses)} where ${where}) + (select count(*) from resp))::int as n`.execute(
      db,
    ),
  ])
  return { values: v.rows, pairs: p.rows, responses: r.rows[0]!.n }
}

/**
 * The same counts straight from the answers: for segment filters, and as the rollups' reference.
 * One statement, so the facts are gathered once.
 */
export async function countsLive(db: Kysely<DB>, studyId: string, f: Filter): Promise<SurveyCounts> {
  const r = await sql<SurveyCounts>`
    with ${factsCte({ studyId, ...f })}
    select coalesce((select json_agg(v) from (select touchpoint_id, type, value, count(*)::int as n from facts group by 1, 2, 3) v), '[]') as values,
           coalesce((select json_agg(p) from (select touchpoint_id, csat, nps, count(*)::int as n from pairs group by 1, 2, 3) p), '[]') as pairs,
           (select count(*)::int from resp) as responses`.execute(db)
  return r.rows[0]!
}
