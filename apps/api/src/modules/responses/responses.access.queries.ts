import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.js'

/** Subject access (issue 14): a participant's questionnaire responses (surveys and empathy maps), oldest first. */
export const responsesForExport = (db: Kysely<DB>, participantId: string) =>
  db
    .selectFrom('survey_response as r')
    .innerJoin('survey as s', 's.id', 'r.survey_id')
    .select(['r.id', 'r.survey_id', 'r.version', 'r.status', 'r.started_at', 'r.completed_at', 's.title', 's.kind'])
    .where('r.participant_id', '=', participantId)
    .orderBy('r.started_at')
    .orderBy('r.id')
    .execute()

/** Their answers to those responses, one row per question. */
export const answersForExport = (db: Kysely<DB>, responseIds: string[]) =>
  responseIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('survey_answer')
        .select(['response_id', 'question_id', 'value', 'answered_at'])
        .where('response_id', 'in', responseIds)
        .execute()
