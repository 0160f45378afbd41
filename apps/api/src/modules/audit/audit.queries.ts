import type { AuditAction } from '@klantreis/shared/auth'
import { type Expression, type Kysely, type SqlBool, sql } from 'kysely'
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
      // a job acting for an account (an import) knows its id only: the address it had then is kept
      actor_email:
        e.actorEmail ?? (e.actorId ? sql<string>`(select email from account where id = ${e.actorId})` : null),
      action: e.action,
      subject: e.subject ?? null,
      detail: JSON.stringify(e.detail ?? {}),
      ip: e.ip ?? null,
    })
    .execute()

/** The filters, already resolved: exact actions and group prefixes, an account id or an address, a time range. */
export type AuditFilter = {
  actions?: string[]
  groups?: string[]
  actorId?: string
  actorEmail?: string
  studyId?: string
  from?: Date
  to?: Date
}

export const listAuditEvents = (
  db: Kysely<DB>,
  organizationId: string,
  f: AuditFilter,
  limit: number,
  after?: readonly [string, string],
) =>
  db
    .selectFrom('audit_log as l')
    // the title while the study exists, only ever from the caller's organization
    .leftJoin('study as s', (j) => j.onRef('s.id', '=', 'l.study_id').on('s.organization_id', '=', organizationId))
    .selectAll('l')
    .select(['s.title as study_title', exactTimestamp('l.at').as('at_key')])
    .where('l.organization_id', '=', organizationId)
    .where((eb) => {
      const ors: Expression<SqlBool>[] = []
      if (f.actions?.length) ors.push(eb('l.action', 'in', f.actions))
      for (const g of f.groups ?? []) ors.push(eb('l.action', 'like', `${g}.%`))
      return ors.length ? eb.or(ors) : eb.lit(true)
    })
    .$if(!!f.actorId, (q) => q.where('l.actor_id', '=', f.actorId!))
    .$if(!!f.actorEmail, (q) => q.where(sql<string>`lower(l.actor_email)`, '=', f.actorEmail!.toLowerCase()))
    .$if(!!f.studyId, (q) => q.where('l.study_id', '=', f.studyId!))
    .$if(!!f.from, (q) => q.where('l.at', '>=', f.from!))
    .$if(!!f.to, (q) => q.where('l.at', '<', f.to!))
    .$if(!!after, (q) => q.where(sql<boolean>`(l.at, l.id) < (${after![0]}::timestamptz, ${after![1]}::uuid)`))
    .orderBy('l.at', 'desc')
    .orderBy('l.id', 'desc')
    .limit(limit + 1)
    .execute()
