import type { CreateStudyBodySchema, Study, UpdateStudyBodySchema } from '@klantreis/shared/studies'
import type { Queue } from 'bullmq'
import type { Kysely, Updateable } from 'kysely'
import type { z } from 'zod'
import type { DB, StudyTable } from '../../db/schema.js'
import { decodeCursor, pageFrom } from '../../lib/pagination.js'
import { requireRole } from '../../lib/roles.js'
import type { Analyst } from '../../lib/actors.js'
import { recordAnalystAudit, recordAudit, studySubject } from '../audit/audit.service.js'
import { dropDeliveryJobs, studyPendingMail } from '../mail/mail.erasure.js'
import type { OrganizationService } from '../organization/organization.service.js'
import { addMonths, plannedEnd } from './retention.js'
import { RetentionWouldEraseRunningError, StudyNotFoundError } from './studies.errors.js'
import { toStudy } from './studies.mappers.js'
import {
  countStudyParticipants,
  deleteStudy,
  findStudy,
  findStudyForParticipant,
  insertStudy,
  listStudies,
  lockStudy,
  lockStudyRow,
  updateStudy,
} from './studies.queries.js'
import { findStudyForExport } from './studies.queries.js'

/**
 * Whether a member may see this study at all: a member limited to some studies sees only those. Every
 * study-scoped service reaches a study through get or lock below, so this one check answers 404 for
 * the rest, as if the study did not exist (a stakeholder learns nothing of the others).
 */
const inScope = (a: Analyst, studyId: string) => a.studyIds === null || a.studyIds.includes(studyId)

export function createStudiesService({
  db,
  organization,
  mailQueue,
  diaryEndsOn,
  exportFiles,
}: {
  db: Kysely<DB>
  organization: Pick<OrganizationService, 'retentionDefault'>
  mailQueue: Queue
  /**
   * The last day of a study's diary (through the diary service), or null: a running study's planned
   * end. A function, because the diary service is built after this one (it calls studies).
   */
  diaryEndsOn: (studyId: string) => Promise<string | null>
  /**
   * The study's export files (through the exports service, built after this one, which calls studies):
   * read inside the deletion, removed after its commit.
   */
  exportFiles: {
    list: (trx: Kysely<DB>, studyId: string) => Promise<string[]>
    remove: (names: string[]) => Promise<void>
  }
}) {
  return {
    async list(a: Analyst, q: { limit: number; cursor?: string; status?: Study['status'] }) {
      const after = decodeCursor(q.cursor, ['timestamp', 'uuid'])
      const rows = await listStudies(db, a.organizationId, {
        limit: q.limit,
        after,
        status: q.status,
        only: a.studyIds,
      })
      const orgDefault = await organization.retentionDefault(a.organizationId)
      return pageFrom(
        rows,
        q.limit,
        (r) => toStudy(r, orgDefault),
        (r) => [r.created_key, r.id],
      )
    },

    async get(a: Analyst, studyId: string): Promise<Study> {
      const row = inScope(a, studyId) ? await findStudy(db, a.organizationId, studyId) : undefined
      if (!row) throw new StudyNotFoundError(studyId)
      return toStudy(row, await organization.retentionDefault(a.organizationId))
    },

    /**
     * Throws 404 for a study outside the member's studies. routes/analyst.ts runs it before every route
     * with a `:studyId`, so a route whose service reaches its rows without `get` is held too.
     */
    assertInScope(a: Analyst, studyId: string) {
      if (!inScope(a, studyId)) throw new StudyNotFoundError(studyId)
    },

    getForParticipant: (studyId: string) => findStudyForParticipant(db, studyId),

    /** Holds the study's row until `trx` ends, so changes to its model run one after another. */
    async lock(trx: Kysely<DB>, a: Analyst, studyId: string) {
      if (!inScope(a, studyId) || !(await lockStudy(trx, a.organizationId, studyId)))
        throw new StudyNotFoundError(studyId)
    },

    async create(a: Analyst, body: z.output<typeof CreateStudyBodySchema>, ip: string): Promise<Study> {
      requireRole(a, 'researcher', 'create studies')
      const row = await db.transaction().execute(async (trx) => {
        const created = await insertStudy(trx, a.organizationId, body)
        await recordAnalystAudit(trx, a, ip, 'study.created', studySubject(created.id), { title: created.title })
        return created
      })
      return toStudy(row, await organization.retentionDefault(a.organizationId))
    },

    /**
     * Researchers change a study; its retention period and eraseOnRequest are an admin's (issue 14).
     * Closing sets `closed_at` (the retention period counts from it), reopening clears it; a status
     * change and a retention change are audited with their from/to.
     */
    async update(
      a: Analyst,
      studyId: string,
      body: z.output<typeof UpdateStudyBodySchema>,
      ip: string,
    ): Promise<Study> {
      requireRole(a, 'researcher', 'change studies')
      if (body.retentionMonths !== undefined || body.eraseOnRequest !== undefined)
        requireRole(a, 'admin', "change how long a study's data is kept")
      if (!inScope(a, studyId)) throw new StudyNotFoundError(studyId)
      const orgDefault = await organization.retentionDefault(a.organizationId)
      const now = new Date()
      const row = await db.transaction().execute(async (trx) => {
        const before = await lockStudyRow(trx, a.organizationId, studyId)
        if (!before) throw new StudyNotFoundError(studyId)
        const status = body.status ?? before.status
        const patch: Updateable<StudyTable> = {
          title: body.title,
          goal: body.goal,
          loyalty_metrics: body.loyaltyMetrics,
          scope: body.scope,
          customer_job: body.customerJob,
          languages: body.languages,
          status: body.status,
          retention_months: body.retentionMonths,
          erase_on_request: body.eraseOnRequest,
        }
        if (status !== before.status) patch.closed_at = status === 'closed' ? now : null
        const months = body.retentionMonths
        const retentionChanged = months !== undefined && months !== before.retention_months
        const requestChanged = body.eraseOnRequest !== undefined && body.eraseOnRequest !== before.erase_on_request
        // a period already run out from a running study's planned end is refused: the job would erase
        // its data as soon as it closed (a closed study's period counts from its closing)
        if (retentionChanged && months !== null && status !== 'closed') {
          const end = plannedEnd(await diaryEndsOn(studyId), now)
          if (addMonths(end, months) <= now)
            throw new RetentionWouldEraseRunningError(months, end.toISOString().slice(0, 10))
        }
        const after = await updateStudy(trx, a.organizationId, studyId, patch)
        if (!after) throw new StudyNotFoundError(studyId)
        const by = { organizationId: a.organizationId, actorId: a.accountId, actorEmail: a.email, ip }
        const subject = `study:${studyId}`
        if (status !== before.status)
          await recordAudit(trx, {
            ...by,
            action: 'study.status_changed',
            subject,
            detail: { from: before.status, to: status },
          })
        if (retentionChanged || requestChanged)
          await recordAudit(trx, {
            ...by,
            action: 'study.retention_changed',
            subject,
            detail: {
              ...(retentionChanged ? { retentionMonths: { from: before.retention_months, to: months } } : {}),
              ...(requestChanged ? { eraseOnRequest: { from: before.erase_on_request, to: body.eraseOnRequest } } : {}),
            },
          })
        return after
      })
      return toStudy(row, orgDefault)
    },

    /**
     * Admins and owners delete a study with everything in it (its rows go by cascade); the queued
     * delivery jobs of its waiting mails and its export files are removed after commit (a mail job that
     * runs anyway finds no row).
     */
    async remove(a: Analyst, studyId: string, ip: string) {
      requireRole(a, 'admin', 'delete studies')
      const pending = await db.transaction().execute(async (trx) => {
        const study = inScope(a, studyId) ? await lockStudyRow(trx, a.organizationId, studyId) : undefined
        if (!study) throw new StudyNotFoundError(studyId)
        const participants = await countStudyParticipants(trx, studyId)
        const mails = await studyPendingMail(trx, studyId)
        const files = await exportFiles.list(trx, studyId)
        await deleteStudy(trx, a.organizationId, studyId)
        await recordAudit(trx, {
          organizationId: a.organizationId,
          actorId: a.accountId,
          actorEmail: a.email,
          action: 'study.deleted',
          subject: `study:${studyId}`,
          detail: { title: study.title, status: study.status, participants, pendingMails: mails.length },
          ip,
        })
        return { mails, files }
      })
      await dropDeliveryJobs(mailQueue, pending.mails)
      await exportFiles.remove(pending.files)
    },

    /** The study an export reads (title, languages), within the organization, in the export job's transaction (issue 15). */
    async findForExport(trx: Kysely<DB>, organizationId: string, studyId: string) {
      const s = await findStudyForExport(trx, organizationId, studyId)
      if (!s) throw new StudyNotFoundError(studyId)
      return s
    },
  }
}
export type StudiesService = ReturnType<typeof createStudiesService>
