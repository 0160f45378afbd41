import type { AuditAction } from '@klantreis/shared/auth'
import { type Kysely, sql } from 'kysely'
import { exactTimestamp } from '../../db/helpers.js'
import type { DB } from '../../db/schema.js'

export type AuditInsert = {
  organizationId: string | null
  actorId: string | null
  actorEmail: string | null
  action: AuditAction
  subject?: string | null
  detail?: Record<string, unknown>
  ip?: string | null
}

export const insertAuditEvent = (db: Kysely<DB>, e: AuditInsert) =>
  db
    .insertInto('audit_log')
    .values({
      organization_id: e.organizationId,
      actor_id: e.actorId,
      actor_email: e.actorEmail,
      action: e.action,
      subject: e.subject ?? null,
      detail: JSON.stringify(e.detail ?? {}),
      ip: e.ip ?? null,
    })
    .execute()

export const listAuditEvents = (
  db: Kysely<DB>,
  organizationId: string,
  limit: number,
  after?: readonly [string, string],
) =>
  db
    .selectFrom('audit_log')
    .selectAll()
    .select(exactTimestamp('at').as('at_key'))
    .where('organization_id', '=', organizationId)
    .$if(!!after, (q) => q.where(sql<boolean>`(at, id) < (${after![0]}::timestamptz, ${after![1]}::uuid)`))
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute()
