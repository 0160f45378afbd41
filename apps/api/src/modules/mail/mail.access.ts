import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.js'
import { participantMailForExport } from './mail.access.queries.js'

/** The outbox's part of a participant's data export (modules/access), in the caller's snapshot; beside mail.erasure.ts. */
export const exportParticipantMail = async (trx: Kysely<DB>, participantId: string) =>
  (await participantMailForExport(trx, participantId)).map((m) => ({
    kind: m.kind,
    subject: m.subject,
    status: m.status,
    createdAt: m.created_at.toISOString(),
    dueAt: m.due_at.toISOString(),
    sentAt: m.sent_at?.toISOString() ?? null,
  }))
