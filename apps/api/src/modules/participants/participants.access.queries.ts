import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.js'

/**
 * Subject access (issue 14): what the participants module holds about one participant, for their data
 * export (modules/access): the row with its persona's name, the consent text they agreed to, and their
 * personal links as dates only (the hashes are never exported: they are not about the person).
 */
export const participantForExport = (db: Kysely<DB>, studyId: string, participantId: string) =>
  db
    .selectFrom('participant as p')
    .leftJoin('persona as pe', 'pe.id', 'p.persona_id')
    .leftJoin('consent_text as c', (j) =>
      j.onRef('c.study_id', '=', 'p.study_id').onRef('c.version', '=', 'p.consent_version'),
    )
    .select([
      'p.id',
      'p.study_id',
      'p.email',
      'p.name',
      'p.language',
      'p.time_zone',
      'p.external_ref',
      'p.segments',
      'p.consent_version',
      'p.consented_at',
      'p.finished_at',
      'p.unsubscribed_at',
      'p.unsubscribe_reason',
      'p.created_at',
      'pe.name as persona_name',
      'c.texts as consent_texts',
    ])
    .where('p.study_id', '=', studyId)
    .where('p.id', '=', participantId)
    .executeTakeFirst()

export const participantLinksForExport = (db: Kysely<DB>, participantId: string) =>
  db
    .selectFrom('participant_token')
    .select(['created_at', 'expires_at', 'revoked_at', 'replaced_at', 'last_used_at'])
    .where('participant_id', '=', participantId)
    .orderBy('created_at')
    .execute()
