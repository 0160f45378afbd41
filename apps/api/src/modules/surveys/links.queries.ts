import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.js'

export const insertLink = (
  db: Kysely<DB>,
  l: { surveyId: string; tokenHash: string; expiresAt: Date | null; maxResponses: number | null },
) =>
  db
    .insertInto('survey_link')
    .values({ survey_id: l.surveyId, token_hash: l.tokenHash, expires_at: l.expiresAt, max_responses: l.maxResponses })
    .returningAll()
    .executeTakeFirstOrThrow()

export const listLinks = (db: Kysely<DB>, surveyId: string) =>
  db
    .selectFrom('survey_link as l')
    .selectAll('l')
    .select((eb) =>
      eb
        .selectFrom('survey_response as r')
        .whereRef('r.link_id', '=', 'l.id')
        .select((i) => i.fn.countAll<number>().as('n'))
        .as('responses'),
    )
    .where('l.survey_id', '=', surveyId)
    .orderBy('l.created_at', 'desc')
    .execute()

export const revokeLink = (db: Kysely<DB>, surveyId: string, linkId: string) =>
  db
    .updateTable('survey_link')
    .set({ revoked_at: new Date() })
    .where('survey_id', '=', surveyId)
    .where('id', '=', linkId)
    .returning('id')
    .executeTakeFirst()

/** A link that may still be opened: not revoked, not expired. The response limit is checked on the first save. */
export const findOpenLink = (db: Kysely<DB>, tokenHash: string) =>
  db
    .selectFrom('survey_link')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .where('revoked_at', 'is', null)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', new Date())]))
    .executeTakeFirst()

export const insertAnonymousSession = (db: Kysely<DB>, id: string, linkId: string) =>
  db.insertInto('anonymous_session').values({ id, link_id: linkId }).execute()

export const findAnonymousSession = (db: Kysely<DB>, id: string) =>
  db
    .selectFrom('anonymous_session as a')
    .innerJoin('survey_link as l', 'l.id', 'a.link_id')
    .innerJoin('survey as s', 's.id', 'l.survey_id')
    .select(['a.id', 'a.link_id', 'l.survey_id', 's.study_id', 'l.revoked_at', 'l.expires_at', 'l.max_responses'])
    .where('a.id', '=', id)
    .executeTakeFirst()
