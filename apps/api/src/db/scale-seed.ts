import { type Kysely, type RawBuilder, sql } from 'kysely'
import { foldBatch } from '../modules/dashboard/dashboard.rollup.queries.js'
import { demoSurveyDefinition, insertDemoStudy } from './demo-model.js'
import type { DB } from './schema.js'

/**
 * A study at scale for the dashboard's speed target (quality-bars P2: 1M responses, 10M answers):
 * the demo journey, twelve monthly survey waves, up to 20 000 panel participants (each answers every
 * wave; the rest of the responses come through anonymous links), 10 rated answers per response
 * (8 touchpoint CSATs, the delivery emotion, the NPS) spread over 180 days, a diary of 20 000
 * moments and 5 000 codings. Rows are made inside PostgreSQL with generate_series, in batches, with
 * deterministic pseudo-random values (md5 of the row number), so a run takes minutes, not hours.
 */
export type ScaleSeedOptions = {
  organizationId: string
  coderId: string
  responses: number
  title?: string
  onProgress?: (what: string, done: number, total: number) => void
}

const WAVES = 12
const PANEL = 20_000
const BATCH = 100_000

/** Uniform in [−1, 1] from the md5 of a text: the same on every run and machine. */
const unit = (text: RawBuilder<unknown>) =>
  sql`((('x' || substr(md5(${text}), 1, 8))::bit(32)::int)::float8 / 2147483648)`

export async function seedScale(db: Kysely<DB>, o: ScaleSeedOptions): Promise<string> {
  const progress = o.onProgress ?? (() => {})
  const study = {
    id: await insertDemoStudy(
      db,
      o.organizationId,
      o.title ?? `Scale test: ${o.responses.toLocaleString('en')} responses`,
      'How fast the dashboard is over a large study (quality-bars P2).',
    ),
  }
  const personas = (
    await db.selectFrom('persona').select('id').where('study_id', '=', study.id).orderBy('position').execute()
  ).map((p) => p.id)
  const tps = await db
    .selectFrom('touchpoint as t')
    .innerJoin('stage as s', 's.id', 't.stage_id')
    .select(['t.id', 't.name', 't.moment_of_truth'])
    .where('t.study_id', '=', study.id)
    .orderBy('s.position')
    .orderBy('t.position')
    .execute()

  // the panel: personas round robin, segments from the row number
  const panel = Math.min(PANEL, Math.ceil(o.responses / WAVES))
  await sql`
    insert into participant (study_id, email, name, language, persona_id, segments, consent_version, consented_at)
    select ${study.id}::uuid, 'panel' || g || '@example.com', 'Panel ' || g, case when g % 4 = 0 then 'en' else 'nl' end,
           (${personas}::uuid[])[1 + g % 3],
           jsonb_build_object('customerType', case when g % 3 = 0 then 'new' else 'returning' end, 'channel', case when g % 5 < 3 then 'app' else 'web' end),
           1, now() - interval '200 days'
    from generate_series(1, ${panel}) g`.execute(db)
  const participants = (
    await sql<{ id: string }>`select id from participant where study_id = ${study.id}::uuid order by email`.execute(db)
  ).rows.map((r) => r.id)
  progress('participants', panel, panel)

  // twelve waves of the generated survey, each with an emotion question after every moment of truth
  const definition = demoSurveyDefinition(tps)
  const questions = definition.pages.flatMap((p) => p.questions)
  const csatIds = tps.map((t) => questions.find((q) => q.type === 'csat' && q.touchpointId === t.id)!.id)
  const emotionId = questions.find(
    (q) => q.type === 'emotion' && q.touchpointId === tps.find((t) => t.name === 'Delivery at the door')!.id,
  )!.id
  // a touchpoint's baseline: delivery (index 7) and the refund (14) score low
  const base = tps.map((_, i) => (i === 7 ? 2.9 : i === 14 ? 2.8 : i === 4 ? 3.5 : 4.0))
  const surveys: string[] = []
  for (let w = 1; w <= WAVES; w += 1) {
    const s = await db
      .insertInto('survey')
      .values({ study_id: study.id, title: `Wave ${w}`, status: 'open', draft: JSON.stringify(definition) })
      .returning('id')
      .executeTakeFirstOrThrow()
    await db
      .insertInto('survey_version')
      .values({ survey_id: s.id, version: 1, definition: JSON.stringify(definition) })
      .execute()
    surveys.push(s.id)
  }

  // responses and answers, a batch at a time; response g answers wave g % 12, and is the panel's
  // member g / 12 while there are members (one response per member and wave)
  const rid = sql`md5(${study.id}::text || ':' || g)::uuid`
  for (let from = 1; from <= o.responses; from += BATCH) {
    const to = Math.min(o.responses, from + BATCH - 1)
    await sql`
      insert into survey_response (id, survey_id, version, participant_id, status, started_at, updated_at, completed_at)
      select ${rid}, (${surveys}::uuid[])[1 + g % ${WAVES}], 1, (${participants}::uuid[])[1 + g / ${WAVES}], 'complete', at, at, at
      from generate_series(${from}::int, ${to}::int) g, lateral (select now() - ((g::bigint * 7919) % (180 * 24)) * interval '1 hour' as at) t`.execute(
      db,
    )
    const mood = unit(sql`'m' || g`)
    await sql`
      insert into survey_answer (response_id, question_id, value, answered_at)
      select ${rid}, a.qid, to_jsonb(a.v), now()
      from generate_series(${from}::int, ${to}::int) g,
      lateral (
        select (${csatIds}::text[])[1 + (g + j) % 15] as qid,
               greatest(1, least(5, round((${base}::float8[])[1 + (g + j) % 15] + ${mood} * 1.3 + ${unit(sql`g || ':' || j`)} * 1.2)))::int as v
        from generate_series(0, 7) j
        union all select ${emotionId}, greatest(-3, least(3, round(${mood} * 2.5 + ${unit(sql`'e' || g`)})))::int
        union all select 'nps', greatest(0, least(10, round(6.5 + ${mood} * 3.5 + ${unit(sql`'n' || g`)} * 2)))::int
      ) a`.execute(db)
    progress('responses', to, o.responses)
  }

  // a diary and its coding: the qualitative half stays a study's tens of thousands
  const diaryRows = 20_000
  await sql`
    insert into diary_entry (id, study_id, participant_id, occurred_at, touchpoint_id, text, emotion, valence)
    select md5('d' || ${study.id}::text || g)::uuid, ${study.id}::uuid, (${participants}::uuid[])[1 + g % ${participants.length}],
           now() - ((g * 31) % (180 * 24)) * interval '1 hour', (${tps.map((t) => t.id)}::uuid[])[1 + g % 15],
           'Moment ' || g || ': what happened and how it felt.', (g % 7) - 3, case when g % 7 < 3 then 'pain' when g % 7 > 3 then 'gain' else 'neutral' end
    from generate_series(1, ${diaryRows}) g`.execute(db)
  const code = await db
    .insertInto('code')
    .values({ study_id: study.id, name: 'Waiting', colour: '#b42318' })
    .returning('id')
    .executeTakeFirstOrThrow()
  await sql`
    insert into coding (id, study_id, source, entry_id, span_start, span_end, quote, touchpoint_id, valence, coder_id)
    select gen_random_uuid(), e.study_id, 'diary_entry:' || e.id, e.id, 0, length(e.text), e.text, e.touchpoint_id, e.valence, ${o.coderId}::uuid
    from diary_entry e where e.study_id = ${study.id}::uuid order by e.id limit 5000`.execute(db)
  await sql`insert into coding_code (coding_id, code_id) select id, ${code.id}::uuid from coding where study_id = ${study.id}::uuid`.execute(
    db,
  )
  progress('diary and codings', diaryRows, diaryRows)

  await sql`analyze`.execute(db)
  // the worker's fold, run here so the rollups are complete when the seed ends
  let folded = 0
  while (folded < o.responses) {
    const n = await foldBatch(db, 50_000)
    if (n === 0) break
    folded += n
    progress('rollups', folded, o.responses)
  }
  await sql`analyze`.execute(db)
  return study.id
}
