import { type SurveyDefinitionInput, SurveyDefinitionSchema } from '@klantreis/shared/surveys'
import { randomBytes } from 'node:crypto'
import { type Kysely, type RawBuilder, sql } from 'kysely'
import { insertDemoStudy } from '../../src/db/demo-model.js'
import type { DB } from '../../src/db/schema.js'
import { hashPassword } from '../../src/lib/passwords.js'
import { hashToken, newToken } from '../../src/lib/tokens.js'

/**
 * The export bench's study (quality-bars P4): the demo journey, one questionnaire with one published
 * version of 10 rated questions, `responses` complete responses spread over 180 days with 10 answers
 * each: every fifth from one of up to 200 000 panel participants (a persona and two segments each;
 * one response per participant and survey, as the schema holds), the rest through an anonymous link.
 *
 * Set-based SQL only (`insert … select … from generate_series`), with ids and values from integer
 * hashes inside PostgreSQL: 1M responses and 10M answers take a few minutes. src/db/scale-seed.ts
 * (12 waves, a diary, the rollups folded) takes about 10 minutes at 1M, mostly for the rollups,
 * which no export reads.
 */
export type ExportSeed = { studyId: string; surveyId: string; accountId: string; organizationId: string }

export const BENCH_TITLE = (responses: number) => `Export bench: ${responses} responses`
export const BENCH_EMAIL = 'bench-export@klantreis.local'
const PANEL = 200_000
const BATCH = 100_000
export const QUESTION_IDS = ['q01', 'q02', 'q03', 'q04', 'q05', 'q06', 'q07', 'q08', 'q09', 'q10'] as const

/** 10 rated questions: six CSATs on touchpoints, a CES, a 7-point Likert, an emotion, the NPS. */
function definition(touchpoints: { id: string; name: string }[]) {
  const t = (nl: string, en: string) => ({ nl, en })
  const csat = touchpoints.slice(0, 6).map((tp, i) => ({
    id: QUESTION_IDS[i]!,
    type: 'csat' as const,
    text: t(
      `Hoe tevreden bent u over ${tp.name.toLowerCase()}?`,
      `How satisfied are you with ${tp.name.toLowerCase()}?`,
    ),
    required: true,
    touchpointId: tp.id,
    measure: 'satisfaction' as const,
  }))
  const input: SurveyDefinitionInput = {
    kind: 'survey',
    languages: ['nl', 'en'],
    pages: [
      { id: 'touchpoints', title: t('Uw ervaring', 'Your experience'), questions: csat },
      {
        id: 'overall',
        title: t('Alles bij elkaar', 'All in all'),
        questions: [
          {
            id: 'q07',
            type: 'ces',
            text: t('Hoeveel moeite kostte het?', 'How much effort did it take?'),
            required: true,
            measure: 'effort',
          },
          {
            id: 'q08',
            type: 'likert',
            points: 7,
            text: t('Ik bestel hier weer.', 'I will order here again.'),
            required: true,
            anchors: { low: t('Oneens', 'Disagree'), high: t('Eens', 'Agree') },
          },
          {
            id: 'q09',
            type: 'emotion',
            text: t('Hoe voelde u zich bij de levering?', 'How did you feel about the delivery?'),
            required: true,
            touchpointId: touchpoints[7]?.id ?? null,
            measure: 'emotion',
          },
          {
            id: 'q10',
            type: 'nps',
            text: t('Zou u ons aanbevelen?', 'Would you recommend us?'),
            required: true,
            measure: 'recommend',
          },
        ],
      },
    ],
  }
  return SurveyDefinitionSchema.parse(input)
}
/** Each question's scale, in QUESTION_IDS order: answers are drawn uniformly within it. */
const LOW = [1, 1, 1, 1, 1, 1, 1, 1, -3, 0]
const HIGH = [5, 5, 5, 5, 5, 5, 7, 7, 3, 10]

/** The seeded study, when the database holds it complete (`responses` responses, 10 answers each). */
export async function findSeeded(db: Kysely<DB>, responses: number): Promise<ExportSeed | undefined> {
  const found = await sql<{ study_id: string; survey_id: string; organization_id: string; account_id: string }>`
    select s.id as study_id, v.id as survey_id, s.organization_id, a.id as account_id
    from study s join survey v on v.study_id = s.id
    join membership m on m.organization_id = s.organization_id join account a on a.id = m.account_id
    where s.title = ${BENCH_TITLE(responses)} and s.status = 'live' and a.email = ${BENCH_EMAIL}`.execute(db)
  const row = found.rows[0]
  if (!row) return undefined
  const counts = await sql<{ responses: string; answers: string }>`
    select (select count(*) from survey_response where survey_id = ${row.survey_id}::uuid) as responses,
           (select count(*) from survey_answer a join survey_response r on r.id = a.response_id
            where r.survey_id = ${row.survey_id}::uuid) as answers`.execute(db)
  const c = counts.rows[0]!
  if (Number(c.responses) !== responses || Number(c.answers) !== responses * QUESTION_IDS.length) return undefined
  return {
    studyId: row.study_id,
    surveyId: row.survey_id,
    organizationId: row.organization_id,
    accountId: row.account_id,
  }
}

export async function seedExportStudy(
  db: Kysely<DB>,
  responses: number,
  progress: (what: string, done: number, total: number) => void,
): Promise<ExportSeed> {
  const account = await db
    .insertInto('account')
    .values({
      email: BENCH_EMAIL,
      name: 'Export bench',
      password_hash: await hashPassword(randomBytes(12).toString('base64url')),
      language: 'en',
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  const org = await db
    .insertInto('organization')
    .values({ name: 'Export bench' })
    .returning('id')
    .executeTakeFirstOrThrow()
  await db.insertInto('membership').values({ organization_id: org.id, account_id: account.id, role: 'owner' }).execute()
  const studyId = await insertDemoStudy(
    db,
    org.id,
    BENCH_TITLE(responses),
    'How fast a study exports (quality-bars P4).',
  )
  // the study is marked seeded (status live) only at the end: an interrupted seed is not reused
  await db.updateTable('study').set({ status: 'draft' }).where('id', '=', studyId).execute()
  const personas = (
    await db.selectFrom('persona').select('id').where('study_id', '=', studyId).orderBy('position').execute()
  ).map((p) => p.id)
  const touchpoints = await db
    .selectFrom('touchpoint as t')
    .innerJoin('stage as s', 's.id', 't.stage_id')
    .select(['t.id', 't.name'])
    .where('t.study_id', '=', studyId)
    .orderBy('s.position')
    .orderBy('t.position')
    .execute()
  const def = definition(touchpoints)
  const survey = await db
    .insertInto('survey')
    .values({ study_id: studyId, title: 'After the delivery', status: 'open', draft: JSON.stringify(def) })
    .returning('id')
    .executeTakeFirstOrThrow()
  await db
    .insertInto('survey_version')
    .values({ survey_id: survey.id, version: 1, definition: JSON.stringify(def) })
    .execute()
  const link = await db
    .insertInto('survey_link')
    .values({ survey_id: survey.id, token_hash: hashToken(newToken()) })
    .returning('id')
    .executeTakeFirstOrThrow()

  // ids from md5 of the study and the row number; every fifth response is a panel member's
  // (participant g / 5), the others come through the anonymous link
  const pid = (n: RawBuilder<unknown>) => sql`md5(${studyId}::text || ':p' || ${n})::uuid`
  const rid = sql`md5(${studyId}::text || ':r' || g)::uuid`
  const panel = Math.min(PANEL, Math.floor(responses / 5))
  await sql`
    insert into participant (id, study_id, email, name, language, persona_id, segments, consent_version, consented_at, created_at)
    select ${pid(sql`g`)}, ${studyId}::uuid, 'panel' || g || '@example.com', 'Panel member ' || g,
           case when g % 4 = 0 then 'en' else 'nl' end,
           case when g % 10 = 9 then null else (${personas}::uuid[])[1 + g % 3] end,
           jsonb_build_object('customerType', case when g % 3 = 0 then 'new' else 'returning' end,
                              'channel', case when g % 5 < 3 then 'app' else 'web' end),
           1, now() - interval '200 days', now() - interval '200 days'
    from generate_series(1, ${panel}) g`.execute(db)
  progress('participants', panel, panel)

  // Completed over the last 180 days in row order, started up to 20 minutes before: rows lie on disk
  // in the order they came in, as they would in a study that ran for half a year. rolled_up: this
  // study keeps no dashboard rollups, and true leaves the fold's partial index of unfolded rows out.
  const at = sql`now() - interval '180 days' + (g::float8 / ${responses}) * interval '180 days'`
  for (let from = 1; from <= responses; from += BATCH) {
    const to = Math.min(responses, from + BATCH - 1)
    await sql`
      insert into survey_response (id, survey_id, version, participant_id, link_id, status, started_at, updated_at, completed_at, rolled_up)
      select ${rid}, ${survey.id}::uuid, 1, case when g % 5 = 0 and g / 5 <= ${panel} then ${pid(sql`g / 5`)} end,
             case when g % 5 <> 0 or g / 5 > ${panel} then ${link.id}::uuid end, 'complete',
             ${at} - (g % 1200) * interval '1 second', ${at}, ${at}, true
      from generate_series(${from}::int, ${to}::int) g`.execute(db)
    // A response's 10 answers side by side, as one save writes them (the set-returning functions in
    // the select list keep that order; a join with unnest could put all first answers first).
    // hashint4 is PostgreSQL's own integer hash: a fixed pseudo-random value per (response, question).
    await sql`
      insert into survey_answer (response_id, question_id, value, answered_at)
      select ${rid}, q.id, to_jsonb(q.low + abs(hashint4((g * 16 + q.n)::int)) % (q.high - q.low + 1)), ${at}
      from (
        select g, unnest(${[...QUESTION_IDS]}::text[]) as id, unnest(${LOW}::int[]) as low,
               unnest(${HIGH}::int[]) as high, generate_series(1, ${QUESTION_IDS.length}) as n
        from generate_series(${from}::int, ${to}::int) g
      ) q`.execute(db)
    progress('responses', to, responses)
  }
  await db.updateTable('study').set({ status: 'live' }).where('id', '=', studyId).execute()
  await sql`analyze`.execute(db)
  return { studyId, surveyId: survey.id, accountId: account.id, organizationId: org.id }
}
