import { type Kysely, sql } from 'kysely'
import { exactTimestamp } from '../../db/helpers.js'
import type { Pool } from 'pg'
import { prepared } from '../../db/helpers.js'
import type { DB } from '../../db/schema.js'
import { dayWithin, type ExportRowFilter, participantMatches } from '../../db/export-filters.js'

export const lockResponse = (db: Kysely<DB>, responseId: string) =>
  db.selectFrom('survey_response').selectAll().where('id', '=', responseId).forUpdate().executeTakeFirst()

export const findParticipantResponse = (db: Kysely<DB>, surveyId: string, participantId: string) =>
  db
    .selectFrom('survey_response')
    .selectAll()
    .where('survey_id', '=', surveyId)
    .where('participant_id', '=', participantId)
    .executeTakeFirst()

export const findSessionResponse = (db: Kysely<DB>, surveyId: string, sessionId: string) =>
  db
    .selectFrom('survey_response')
    .selectAll()
    .where('survey_id', '=', surveyId)
    .where('anonymous_session_id', '=', sessionId)
    .executeTakeFirst()

export const insertResponse = (
  db: Kysely<DB>,
  r: { id: string; surveyId: string; version: number; participantId?: string; linkId?: string; sessionId?: string },
) =>
  db
    .insertInto('survey_response')
    .values({
      id: r.id,
      survey_id: r.surveyId,
      version: r.version,
      participant_id: r.participantId ?? null,
      link_id: r.linkId ?? null,
      anonymous_session_id: r.sessionId ?? null,
    })
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst()

/**
 * A participant's first save of a response in one prepared statement: the response (only when the
 * survey is this study's and open) and its answers. Nothing comes back when the id exists, the
 * participant already has a response to this survey (the unique index), or the survey is not open:
 * then the locked path says which.
 */
const newResponse = prepared<{
  id: string
  version: number
  status: string
  started_at: Date
  updated_at: Date
  completed_at: Date | null
}>('insert-new-response', {
  compile: () => ({
    sql: `with s as (select id from survey where id = $2::uuid and study_id = $3::uuid and status = 'open'),
          r as (
            insert into survey_response (id, survey_id, version, participant_id, status, completed_at)
            select $1::uuid, s.id, $4::int, $5::uuid, case when $6::boolean then 'complete' else 'in_progress' end, case when $6::boolean then now() end
            from s
            on conflict do nothing
            returning id, version, status, started_at, updated_at, completed_at
          ),
          a as (insert into survey_answer (response_id, question_id, value) select r.id, e.key, e.value from r, jsonb_each($7::jsonb) e returning 1)
          select r.*, (select count(*) from a) as answers from r`,
  }),
})
export const insertNewResponse = async (
  pool: Pool,
  r: {
    id: string
    surveyId: string
    studyId: string
    version: number
    participantId: string
    complete: boolean
    answers: Record<string, unknown>
  },
) =>
  (
    await newResponse(pool, [
      r.id,
      r.surveyId,
      r.studyId,
      r.version,
      r.participantId,
      r.complete,
      JSON.stringify(r.answers),
    ])
  )[0]

export const answersOf = async (db: Kysely<DB>, responseId: string) =>
  Object.fromEntries(
    (
      await db
        .selectFrom('survey_answer')
        .select(['question_id', 'value'])
        .where('response_id', '=', responseId)
        .execute()
    ).map((a) => [a.question_id, a.value]),
  )

/** The body is the whole state: answers it no longer carries are removed, the rest upserted. */
export async function replaceAnswers(db: Kysely<DB>, responseId: string, answers: Record<string, unknown>) {
  const keys = Object.keys(answers)
  await db
    .deleteFrom('survey_answer')
    .where('response_id', '=', responseId)
    .$if(keys.length > 0, (q) => q.where('question_id', 'not in', keys))
    .execute()
  if (!keys.length) return
  await db
    .insertInto('survey_answer')
    .values(keys.map((k) => ({ response_id: responseId, question_id: k, value: JSON.stringify(answers[k]) })))
    .onConflict((oc) =>
      oc.columns(['response_id', 'question_id']).doUpdateSet((eb) => ({
        value: eb.ref('excluded.value'),
        answered_at: sql`case when survey_answer.value = excluded.value then survey_answer.answered_at else now() end`,
      })),
    )
    .execute()
}

export const touchResponse = (db: Kysely<DB>, responseId: string, complete: boolean) =>
  db
    .updateTable('survey_response')
    .set({ updated_at: new Date(), ...(complete ? { status: 'complete', completed_at: new Date() } : {}) })
    .where('id', '=', responseId)
    .execute()

export const listStudySurveysForParticipant = (db: Kysely<DB>, studyId: string, participantId: string) =>
  db
    .selectFrom('survey as s')
    .leftJoin('survey_response as r', (j) =>
      j.onRef('r.survey_id', '=', 's.id').on('r.participant_id', '=', participantId),
    )
    .select(['s.id', 's.title', 's.kind', 's.status', 'r.status as response_status'])
    .where('s.study_id', '=', studyId)
    .where((eb) => eb.or([eb('s.status', '=', 'open'), eb('r.id', 'is not', null)]))
    .where((eb) =>
      eb.exists(eb.selectFrom('survey_version as v').whereRef('v.survey_id', '=', 's.id').select('v.version')),
    )
    .orderBy('s.created_at')
    .execute()

export const listResponses = (
  db: Kysely<DB>,
  surveyId: string,
  q: { limit: number; after?: readonly [string, string] },
) =>
  db
    .selectFrom('survey_response as r')
    .selectAll('r')
    .select(exactTimestamp('r.started_at').as('started_key'))
    .where('r.survey_id', '=', surveyId)
    .$if(!!q.after, (b) =>
      b.where(sql<boolean>`(r.started_at, r.id) < (${q.after![0]}::timestamptz, ${q.after![1]}::uuid)`),
    )
    .orderBy('r.started_at', 'desc')
    .orderBy('r.id', 'desc')
    .limit(q.limit + 1)
    .execute()

export const findResponse = (db: Kysely<DB>, surveyId: string, responseId: string) =>
  db
    .selectFrom('survey_response as r')
    .selectAll('r')
    .where('r.survey_id', '=', surveyId)
    .where('r.id', '=', responseId)
    .executeTakeFirst()

/** Every answer of one version, with its response's status: the per-question summary reads these. */
export const answersOfVersion = (db: Kysely<DB>, surveyId: string, version: number) =>
  db
    .selectFrom('survey_answer as a')
    .innerJoin('survey_response as r', 'r.id', 'a.response_id')
    .select(['a.response_id', 'a.question_id', 'a.value', 'r.status'])
    .where('r.survey_id', '=', surveyId)
    .where('r.version', '=', version)
    .execute()

export const countResponses = (db: Kysely<DB>, surveyId: string, version: number) =>
  db
    .selectFrom('survey_response')
    .select((eb) => [eb.fn.countAll<number>().as('started'), eb.fn.count<number>('completed_at').as('completed')])
    .where('survey_id', '=', surveyId)
    .where('version', '=', version)
    .executeTakeFirstOrThrow()

/** The numbers given to these questions in complete responses, with who gave them. */
export const listNumericAnswers = (db: Kysely<DB>, surveyId: string, questionIds: string[]) =>
  questionIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('survey_answer as a')
        .innerJoin('survey_response as r', 'r.id', 'a.response_id')
        .leftJoin('participant as p', 'p.id', 'r.participant_id')
        .select(['a.question_id', 'a.value', 'r.id as response_id', 'r.participant_id', 'p.persona_id'])
        .where('r.survey_id', '=', surveyId)
        .where('r.status', '=', 'complete')
        .where('a.question_id', 'in', questionIds)
        .where(sql<boolean>`jsonb_typeof(a.value) = 'number'`)
        .execute()

export const countLinkResponses = async (db: Kysely<DB>, linkId: string) =>
  Number(
    (
      await db
        .selectFrom('survey_response')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('link_id', '=', linkId)
        .executeTakeFirstOrThrow()
    ).n,
  )

/** Serializes first saves through one link, so the response limit cannot be overrun by a burst. */
export const lockLink = (db: Kysely<DB>, linkId: string) =>
  db.selectFrom('survey_link').select('id').where('id', '=', linkId).forUpdate().executeTakeFirst()

/** The link an anonymous session came through, as a first save checks it (under the link's lock). */
export const findSessionLink = (db: Kysely<DB>, sessionId: string) =>
  db
    .selectFrom('anonymous_session as a')
    .innerJoin('survey_link as l', 'l.id', 'a.link_id')
    .select(['l.revoked_at', 'l.expires_at', 'l.max_responses'])
    .where('a.id', '=', sessionId)
    .executeTakeFirst()

/**
 * Erasure: a participant's responses with their answers, counted per kind (questionnaire responses,
 * their answers, and empathy-map items). The dashboard has unfolded them first.
 */
export async function eraseParticipantResponses(db: Kysely<DB>, participantId: string) {
  const rows = await db
    .selectFrom('survey_response as r')
    .innerJoin('survey as s', 's.id', 'r.survey_id')
    .select(['r.id', 's.kind'])
    .where('r.participant_id', '=', participantId)
    .execute()
  if (rows.length === 0) return { responses: 0, answers: 0, empathyItems: 0 }
  const ids = rows.map((r) => r.id)
  const empathyIds = rows.filter((r) => r.kind === 'empathy_map').map((r) => r.id)
  const items = empathyIds.length
    ? await sql<{ n: number }>`
        select coalesce(sum(jsonb_array_length(value -> 'items')), 0)::int as n from survey_answer
        where response_id = any(${empathyIds}::uuid[]) and jsonb_typeof(value -> 'items') = 'array'`.execute(db)
    : { rows: [{ n: 0 }] }
  const answers = await db.deleteFrom('survey_answer').where('response_id', 'in', ids).executeTakeFirst()
  await db.deleteFrom('survey_response').where('id', 'in', ids).execute()
  return {
    responses: rows.length - empathyIds.length,
    answers: Number(answers.numDeletedRows),
    empathyItems: items.rows[0]?.n ?? 0,
  }
}

// ---------- exports (issue 15) ----------

/**
 * The responses an export holds: the study's (or one survey's), complete unless asked otherwise,
 * within the participant filters and the period (the day it was completed, or started while in progress).
 */
/** Names and addresses leave the database only for an export that may hold them. */
const contactOf = (contact: boolean) => [
  (contact ? sql<string | null>`p.name` : sql<string | null>`null`).as('name'),
  (contact ? sql<string | null>`p.email` : sql<string | null>`null`).as('email'),
  (contact ? sql<string | null>`p.external_ref` : sql<string | null>`null`).as('external_ref'),
]

const exportedResponses = (db: Kysely<DB>, f: ExportRowFilter) =>
  db
    .selectFrom('survey_response as r')
    .innerJoin('survey as s', 's.id', 'r.survey_id')
    .leftJoin('participant as p', 'p.id', 'r.participant_id')
    .where('s.study_id', '=', f.studyId)
    .$if(!!f.surveyId, (q) => q.where('r.survey_id', '=', f.surveyId!))
    .$if(!f.includeInProgress, (q) => q.where('r.status', '=', 'complete'))
    .where(participantMatches(f, 'p'))
    .where(dayWithin(f, sql`coalesce(r.completed_at, r.started_at)`))

export const countExportResponses = (db: Kysely<DB>, f: ExportRowFilter) =>
  exportedResponses(db, f)
    .select(sql<number>`count(*)::int`.as('n'))
    .executeTakeFirstOrThrow()
    .then((r) => r.n)

/**
 * One row per response with its answers pivoted in SQL (an object keyed by question id), so a row
 * arrives complete and nothing is gathered across rows. Oldest first: one survey's rows come off
 * survey_response_survey_idx in order, so the cursor starts at once and PostgreSQL sorts nothing.
 */
export const streamResponsesWide = (
  db: Kysely<DB>,
  f: ExportRowFilter & { surveyId: string },
  contact: boolean,
  chunk: number,
) =>
  exportedResponses(db, f)
    .select(contactOf(contact))
    .select([
      'r.id',
      'r.participant_id',
      'r.survey_id',
      'r.version',
      'r.status',
      'r.started_at',
      'r.completed_at',
      'p.persona_id',
      'p.segments',
    ])
    .select(
      sql<Record<
        string,
        unknown
      > | null>`(select jsonb_object_agg(a.question_id, a.value) from survey_answer a where a.response_id = r.id)`.as(
        'answers',
      ),
    )
    .orderBy('r.started_at')
    .orderBy('r.id')
    .stream(chunk)

/**
 * The long format's elements of an answer: each selected option (then the "other" text as an
 * object), each empathy-map item, or the answer itself (one row with no element).
 */
const answerElements = sql`lateral (
    select x.value as element, (x.ordinality - 1)::int as element_index
    from jsonb_array_elements(
      case when jsonb_typeof(a.value) = 'object'
        then coalesce(a.value -> 'selected', a.value -> 'items', '[]'::jsonb)
          || case when a.value -> 'other' is not null then jsonb_build_array(jsonb_build_object('other', a.value -> 'other')) else '[]'::jsonb end
        else '[]'::jsonb end
    ) with ordinality x
  )`

const exportedAnswers = (db: Kysely<DB>, f: ExportRowFilter) =>
  exportedResponses(db, f)
    .innerJoin('survey_answer as a', 'a.response_id', 'r.id')
    .leftJoin(answerElements.as('x'), (j) => j.onTrue())

export const countExportAnswerRows = (db: Kysely<DB>, f: ExportRowFilter) =>
  exportedAnswers(db, f)
    .select(sql<number>`count(*)::int`.as('n'))
    .executeTakeFirstOrThrow()
    .then((r) => r.n)

/** One row per answer, or per option chosen / empathy item of one, in a stable order. */
export const streamAnswersLong = (db: Kysely<DB>, f: ExportRowFilter, contact: boolean, chunk: number) =>
  exportedAnswers(db, f)
    .select(contactOf(contact))
    .select([
      'r.id',
      'r.participant_id',
      'r.survey_id',
      's.title as survey_title',
      'r.version',
      'r.status',
      'a.question_id',
      'a.value',
      'a.answered_at',
    ])
    .select([sql<unknown>`x.element`.as('element'), sql<number | null>`x.element_index`.as('element_index')])
    .orderBy('r.survey_id')
    .orderBy('r.started_at')
    .orderBy('r.id')
    .orderBy('a.question_id')
    .orderBy(sql`x.element_index`)
    .stream(chunk)
