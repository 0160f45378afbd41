import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.js'

/**
 * Subject access (issue 14): the mails to a participant as the outbox knows them: kind, subject,
 * status and dates. Bodies are not exported: a sent participant mail held their personal links.
 */
export const participantMailForExport = (db: Kysely<DB>, participantId: string) =>
  db
    .selectFrom('mail_message')
    .select(['kind', 'subject', 'status', 'created_at', 'due_at', 'sent_at'])
    .where('participant_id', '=', participantId)
    .orderBy('created_at')
    .orderBy('id')
    .execute()
