import type { AuditAction, AuditEvent, AuditLogExportQuerySchema, AuditLogQuerySchema } from '@klantreis/shared/auth'
import { auditMoment } from '@klantreis/shared/auth'
import type { Kysely } from 'kysely'
import { Readable } from 'node:stream'
import type { z } from 'zod'
import type { DB } from '../../db/schema.js'
import type { Analyst } from '../../lib/actors.js'
import { csvText } from '../../lib/csv.js'
import { decodeCursor, pageFrom } from '../../lib/pagination.js'
import { pseudonym } from '../../lib/pseudonym.js'
import { requireRole } from '../../lib/roles.js'
import { type AuditFilter, type AuditInsert, insertAuditEvent, listAuditEvents } from './audit.queries.js'

/** Every action on personal data or a study's state; written in the caller's transaction when it has one. */
export const recordAudit = (db: Kysely<DB>, e: AuditInsert) => insertAuditEvent(db, e)

/** The subjects, one form everywhere: a study by its id, a participant by their pseudonym (never a name or address). */
export const studySubject = (studyId: string) => `study:${studyId}`
export const participantSubject = (participantId: string) => `participant:${pseudonym(participantId)}`

/** An analyst's action from a request: who (account and address), from where (the request's ip), what. */
export const recordAnalystAudit = (
  db: Kysely<DB>,
  a: Analyst,
  ip: string | null,
  action: AuditAction,
  subject: string,
  detail: Record<string, unknown> = {},
) =>
  recordAudit(db, {
    organizationId: a.organizationId,
    actorId: a.accountId,
    actorEmail: a.email,
    action,
    subject,
    detail,
    ip,
  })

/**
 * An analyst's action on one participant: the subject is their pseudonym and the detail names the study,
 * so the audit log's study filter finds it (migrations/0019 derives audit_log.study_id from it).
 */
export const recordParticipantAudit = (
  db: Kysely<DB>,
  a: Analyst,
  ip: string | null,
  action: AuditAction,
  studyId: string,
  participantId: string,
  detail: Record<string, unknown> = {},
) => recordAnalystAudit(db, a, ip, action, participantSubject(participantId), { studyId, ...detail })

type Filters = Omit<z.output<typeof AuditLogQuerySchema>, 'limit' | 'cursor'>
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

function resolveFilters(q: Filters): AuditFilter {
  const isUuid = !!q.actor && UUID.test(q.actor)
  return {
    actions: q.action?.filter((x) => !x.endsWith('.*')),
    groups: q.action?.filter((x) => x.endsWith('.*')).map((x) => x.slice(0, -2)),
    actorId: isUuid ? q.actor!.toLowerCase() : undefined,
    actorEmail: q.actor && !isUuid ? q.actor : undefined,
    studyId: q.study,
    from: q.from ? auditMoment(q.from, 'from') : undefined,
    to: q.to ? auditMoment(q.to, 'to') : undefined,
  }
}

type AuditRow = Awaited<ReturnType<typeof listAuditEvents>>[number]
const toEvent = (r: AuditRow): AuditEvent => ({
  id: r.id,
  action: r.action,
  actorId: r.actor_id,
  actorEmail: r.actor_email,
  subject: r.subject,
  studyId: r.study_id,
  studyTitle: r.study_title,
  detail: r.detail,
  ip: r.ip,
  at: r.at.toISOString(),
})

/** Admin and owner only; another organization's events are never in it. */
export async function listAudit(db: Kysely<DB>, a: Analyst, q: z.output<typeof AuditLogQuerySchema>) {
  requireRole(a, 'admin', 'read the audit log')
  const after = decodeCursor(q.cursor, ['timestamp', 'uuid'])
  const rows = await listAuditEvents(db, a.organizationId, resolveFilters(q), q.limit, after)
  return pageFrom(rows, q.limit, toEvent, (r) => [r.at_key, r.id])
}

const CSV_COLUMNS = ['at', 'action', 'actor_id', 'actor_email', 'subject', 'study_id', 'study_title', 'ip', 'detail']
/**
 * One RFC 4180 cell, always quoted, formula-guarded (lib/csv): a study title or an address is typed by
 * someone else.
 */
export const csvCell = (v: string | null) => csvText(v ?? '', ',', true)
const EXPORT_PAGE = 500

/**
 * The filtered events as CSV (UTF-8 with a BOM, so Excel reads it as UTF-8), newest first, read page by
 * page so a long log is never held in memory. The export is itself audited, before the first row.
 */
export async function exportAuditCsv(
  db: Kysely<DB>,
  a: Analyst,
  ip: string,
  q: z.output<typeof AuditLogExportQuerySchema>,
): Promise<Readable> {
  requireRole(a, 'admin', 'export the audit log')
  const { format, ...filters } = q
  await recordAnalystAudit(db, a, ip, 'audit.exported', `organization:${a.organizationId}`, { format, filters })
  const f = resolveFilters(filters)
  async function* lines() {
    yield `\uFEFF${CSV_COLUMNS.join(',')}\r\n`
    let after: [string, string] | undefined
    for (;;) {
      const rows = await listAuditEvents(db, a.organizationId, f, EXPORT_PAGE, after)
      const page = rows.slice(0, EXPORT_PAGE)
      if (page.length)
        yield page
          .map(
            (r) =>
              [
                r.at.toISOString(),
                r.action,
                r.actor_id,
                r.actor_email,
                r.subject,
                r.study_id,
                r.study_title,
                r.ip,
                JSON.stringify(r.detail),
              ]
                .map(csvCell)
                .join(',') + '\r\n',
          )
          .join('')
      if (rows.length <= EXPORT_PAGE) return
      const last = page[page.length - 1]!
      after = [last.at_key, last.id]
    }
  }
  return Readable.from(lines())
}
