import type { AuditEvent } from '@klantreis/shared/auth'
import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.js'
import { decodeCursor, pageFrom } from '../../lib/pagination.js'
import { type AuditInsert, insertAuditEvent, listAuditEvents } from './audit.queries.js'

/** Sign-ins and membership changes; written in the caller's transaction when it has one. */
export const recordAudit = (db: Kysely<DB>, e: AuditInsert) => insertAuditEvent(db, e)

export async function listAudit(db: Kysely<DB>, organizationId: string, q: { limit: number; cursor?: string }) {
  const after = decodeCursor(q.cursor, ['timestamp', 'uuid'])
  const rows = await listAuditEvents(db, organizationId, q.limit, after)
  return pageFrom(
    rows,
    q.limit,
    (r): AuditEvent => ({
      id: r.id,
      action: r.action,
      actorEmail: r.actor_email,
      subject: r.subject,
      detail: r.detail,
      ip: r.ip,
      at: r.at.toISOString(),
    }),
    (r) => [r.at_key, r.id],
  )
}
