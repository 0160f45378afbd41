import { type Kysely, sql } from 'kysely'
import type { DB } from '../../db/schema.js'

export const listFindingRows = (db: Kysely<DB>, studyId: string, findingId?: string) =>
  db
    .selectFrom('finding')
    .selectAll()
    .where('study_id', '=', studyId)
    .$if(!!findingId, (b) => b.where('id', '=', findingId!))
    .orderBy('created_at')
    .orderBy('id')
    .execute()

export const findingLinks = async (db: Kysely<DB>, findingIds: string[]) => {
  if (findingIds.length === 0) return { touchpoints: [], personas: [], evidence: [], operationalizations: [] }
  const [touchpoints, personas, evidence, operationalizations] = await Promise.all([
    db.selectFrom('finding_touchpoint').selectAll().where('finding_id', 'in', findingIds).execute(),
    db.selectFrom('finding_persona').selectAll().where('finding_id', 'in', findingIds).execute(),
    db
      .selectFrom('finding_evidence as fe')
      .innerJoin('coding as c', 'c.id', 'fe.coding_id')
      .leftJoin('diary_entry as e', 'e.id', 'c.entry_id')
      .leftJoin('survey_response as r', 'r.id', 'c.response_id')
      .select([
        'fe.finding_id',
        'c.id as coding_id',
        'c.quote',
        'c.source',
        'c.touchpoint_id',
        'c.valence',
        'e.participant_id as entry_participant',
        'r.participant_id as response_participant',
      ])
      .where('fe.finding_id', 'in', findingIds)
      .orderBy('c.created_at')
      .execute(),
    db
      .selectFrom('finding_operationalization')
      .selectAll()
      .where('finding_id', 'in', findingIds)
      .orderBy('position')
      .execute(),
  ])
  return { touchpoints, personas, evidence, operationalizations }
}

export const countIn = async (
  db: Kysely<DB>,
  table: 'touchpoint' | 'persona' | 'coding',
  studyId: string,
  ids: string[],
) =>
  ids.length === 0
    ? 0
    : Number(
        (
          await db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('study_id', '=', studyId)
            .where('id', 'in', ids)
            .executeTakeFirstOrThrow()
        ).n,
      )

/** The finding's row, locked, so two "add a question" calls for it take turns. */
export const lockFinding = (db: Kysely<DB>, studyId: string, findingId: string) =>
  db
    .selectFrom('finding')
    .select(['id', 'version'])
    .where('study_id', '=', studyId)
    .where('id', '=', findingId)
    .forUpdate()
    .executeTakeFirst()

export async function appendOperationalization(
  db: Kysely<DB>,
  findingId: string,
  o: { surveyId: string; questionId: string; metric: string; claim: unknown; sesoi: number; primary: boolean },
) {
  const { n } = await db
    .selectFrom('finding_operationalization')
    .select((eb) => eb.fn.coalesce(eb.fn.max('position'), sql<number>`-1`).as('n'))
    .where('finding_id', '=', findingId)
    .executeTakeFirstOrThrow()
  await db
    .insertInto('finding_operationalization')
    .values({
      finding_id: findingId,
      survey_id: o.surveyId,
      question_id: o.questionId,
      metric: o.metric,
      claim: JSON.stringify(o.claim),
      sesoi: o.sesoi,
      is_primary: o.primary,
      position: Number(n) + 1,
    })
    .execute()
  // an open edit dialog started from the old version must not overwrite the new measure
  await db
    .updateTable('finding')
    .set((eb) => ({ version: eb('version', '+', 1), updated_at: new Date() }))
    .where('id', '=', findingId)
    .execute()
}

export const insertFinding = (
  db: Kysely<DB>,
  f: { studyId: string; statement: string; metaInference: string; createdBy: string },
) =>
  db
    .insertInto('finding')
    .values({ study_id: f.studyId, statement: f.statement, meta_inference: f.metaInference, created_by: f.createdBy })
    .returning('id')
    .executeTakeFirstOrThrow()

export const updateFinding = (
  db: Kysely<DB>,
  id: string,
  baseVersion: number,
  set: { statement?: string; meta_inference?: string },
) =>
  db
    .updateTable('finding')
    .set((eb) => ({ ...set, version: eb('version', '+', 1), updated_at: new Date() }))
    .where('id', '=', id)
    .where('version', '=', baseVersion)
    .returning('id')
    .executeTakeFirst()

export async function replaceLinks(
  db: Kysely<DB>,
  findingId: string,
  l: {
    touchpointIds?: string[]
    personaIds?: string[]
    codingIds?: string[]
    operationalizations?: {
      surveyId: string
      questionId: string
      metric: string
      claim: unknown
      sesoi: number
      primary: boolean
    }[]
  },
) {
  if (l.touchpointIds) {
    await db.deleteFrom('finding_touchpoint').where('finding_id', '=', findingId).execute()
    if (l.touchpointIds.length)
      await db
        .insertInto('finding_touchpoint')
        .values(l.touchpointIds.map((touchpoint_id) => ({ finding_id: findingId, touchpoint_id })))
        .execute()
  }
  if (l.personaIds) {
    await db.deleteFrom('finding_persona').where('finding_id', '=', findingId).execute()
    if (l.personaIds.length)
      await db
        .insertInto('finding_persona')
        .values(l.personaIds.map((persona_id) => ({ finding_id: findingId, persona_id })))
        .execute()
  }
  if (l.codingIds) {
    await db.deleteFrom('finding_evidence').where('finding_id', '=', findingId).execute()
    if (l.codingIds.length)
      await db
        .insertInto('finding_evidence')
        .values(l.codingIds.map((coding_id) => ({ finding_id: findingId, coding_id })))
        .execute()
  }
  if (l.operationalizations) {
    await db.deleteFrom('finding_operationalization').where('finding_id', '=', findingId).execute()
    if (l.operationalizations.length)
      await db
        .insertInto('finding_operationalization')
        .values(
          l.operationalizations.map((o, position) => ({
            finding_id: findingId,
            survey_id: o.surveyId,
            question_id: o.questionId,
            metric: o.metric,
            claim: JSON.stringify(o.claim),
            sesoi: o.sesoi,
            is_primary: o.primary,
            position,
          })),
        )
        .execute()
  }
}

export const deleteFinding = (db: Kysely<DB>, id: string) => db.deleteFrom('finding').where('id', '=', id).execute()

/** Numeric answers of complete responses to some questions of a survey, with who gave them. */

/**
 * Erasure: the evidence links to codings that go with a participant are removed; each finding keeps
 * the count of its quotes that were erased. Returns how many links went.
 */
export const eraseEvidence = async (db: Kysely<DB>, codingIds: string[]) => {
  if (codingIds.length === 0) return 0
  await sql`
    update finding f set erased_evidence = f.erased_evidence + x.n
    from (select finding_id, count(*)::int as n from finding_evidence where coding_id = any(${codingIds}::uuid[]) group by finding_id) x
    where f.id = x.finding_id`.execute(db)
  const r = await db.deleteFrom('finding_evidence').where('coding_id', 'in', codingIds).executeTakeFirst()
  return Number(r.numDeletedRows)
}
