import { type Kysely, sql } from 'kysely'
import { exactTimestamp } from '../../db/helpers.js'
import type { DB } from '../../db/schema.js'

const withCurrentVersion = (db: Kysely<DB>) =>
  db
    .selectFrom('survey as s')
    .selectAll('s')
    .select((eb) =>
      eb
        .selectFrom('survey_version as v')
        .whereRef('v.survey_id', '=', 's.id')
        .select((i) => i.fn.max('v.version').as('m'))
        .as('current_version'),
    )

export const listSurveys = (db: Kysely<DB>, studyId: string, q: { limit: number; after?: readonly [string, string] }) =>
  withCurrentVersion(db)
    .select(exactTimestamp('s.created_at').as('created_key'))
    .where('s.study_id', '=', studyId)
    .$if(!!q.after, (b) =>
      b.where(sql<boolean>`(s.created_at, s.id) < (${q.after![0]}::timestamptz, ${q.after![1]}::uuid)`),
    )
    .orderBy('s.created_at', 'desc')
    .orderBy('s.id', 'desc')
    .limit(q.limit + 1)
    .execute()

export const findSurvey = (db: Kysely<DB>, studyId: string, surveyId: string) =>
  withCurrentVersion(db).where('s.study_id', '=', studyId).where('s.id', '=', surveyId).executeTakeFirst()

export const lockSurvey = (db: Kysely<DB>, studyId: string, surveyId: string) =>
  db
    .selectFrom('survey')
    .selectAll()
    .where('study_id', '=', studyId)
    .where('id', '=', surveyId)
    .forUpdate()
    .executeTakeFirst()

export const insertSurvey = (db: Kysely<DB>, studyId: string, s: { title: string; kind: string; draft: unknown }) =>
  db
    .insertInto('survey')
    .values({ study_id: studyId, title: s.title, kind: s.kind, draft: JSON.stringify(s.draft) })
    .returning('id')
    .executeTakeFirstOrThrow()

export const updateSurvey = (
  db: Kysely<DB>,
  surveyId: string,
  patch: { title?: string; draft?: unknown; status?: string },
) =>
  db
    .updateTable('survey')
    .set({
      ...(patch.title !== undefined ? { title: patch.title } : {}),
      ...(patch.draft !== undefined ? { draft: JSON.stringify(patch.draft) } : {}),
      ...(patch.status !== undefined ? { status: patch.status } : {}),
      updated_at: new Date(),
    })
    .where('id', '=', surveyId)
    .execute()

export const deleteSurvey = (db: Kysely<DB>, studyId: string, surveyId: string) =>
  db.deleteFrom('survey').where('study_id', '=', studyId).where('id', '=', surveyId).returning('id').executeTakeFirst()

export const listVersions = (db: Kysely<DB>, surveyId: string) =>
  db
    .selectFrom('survey_version')
    .select(['version', 'published_at'])
    .where('survey_id', '=', surveyId)
    .orderBy('version')
    .execute()

export const findVersion = (db: Kysely<DB>, surveyId: string, version: number) =>
  db
    .selectFrom('survey_version')
    .selectAll()
    .where('survey_id', '=', surveyId)
    .where('version', '=', version)
    .executeTakeFirst()

/** The next number under the survey's row lock, so two publishers cannot take the same one. */
export const insertVersion = (db: Kysely<DB>, surveyId: string, definition: unknown) =>
  sql<{ version: number; published_at: Date }>`
    insert into survey_version (survey_id, version, definition)
    values (${surveyId}::uuid, (select coalesce(max(version), 0) + 1 from survey_version where survey_id = ${surveyId}::uuid), ${JSON.stringify(definition)}::jsonb)
    returning version, published_at`
    .execute(db)
    .then((r) => r.rows[0]!)

export const findSurveyInStudy = (db: Kysely<DB>, studyId: string, surveyId: string) =>
  db.selectFrom('survey').selectAll().where('study_id', '=', studyId).where('id', '=', surveyId).executeTakeFirst()

export const currentVersion = (db: Kysely<DB>, surveyId: string) =>
  db
    .selectFrom('survey_version')
    .selectAll()
    .where('survey_id', '=', surveyId)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst()

export const findVersionDefinition = (db: Kysely<DB>, surveyId: string, version: number) =>
  db
    .selectFrom('survey_version as v')
    .innerJoin('survey as s', 's.id', 'v.survey_id')
    .select(['v.definition', 's.study_id'])
    .where('v.survey_id', '=', surveyId)
    .where('v.version', '=', version)
    .executeTakeFirst()

/** An export's surveys (issue 15): every survey of the study with each published version's definition, oldest first. */
export const listSurveyVersionsForExport = (db: Kysely<DB>, studyId: string) =>
  db
    .selectFrom('survey as s')
    .leftJoin('survey_version as v', 'v.survey_id', 's.id')
    .select(['s.id', 's.title', 's.kind', 'v.version', 'v.definition'])
    .where('s.study_id', '=', studyId)
    .orderBy('s.created_at')
    .orderBy('s.id')
    .orderBy('v.version')
    .execute()
