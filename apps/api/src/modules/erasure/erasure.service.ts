import type { ErasureCounts, ErasureReason, ParticipantErasure } from '@klantreis/shared/participants'
import type { Queue } from 'bullmq'
import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.js'
import { requireRole } from '../../lib/roles.js'
import type { Analyst } from '../../lib/actors.js'
import { recordAudit } from '../audit/audit.service.js'
import type { CodingService } from '../coding/coding.service.js'
import type { DashboardService } from '../dashboard/dashboard.service.js'
import { eraseParticipant as eraseDiary } from '../diary/diary.erasure.js'
import type { ExportsService } from '../exports/exports.service.js'
import type { FindingsService } from '../findings/findings.service.js'
import { dropDeliveryJobs, eraseParticipantMail } from '../mail/mail.erasure.js'
import { ParticipantNotFoundError } from '../participants/participants.errors.js'
import type { ParticipantsService } from '../participants/participants.service.js'
import type { ResponsesService } from '../responses/responses.service.js'
import type { StudiesService } from '../studies/studies.service.js'
import { insertTombstone } from './erasure.queries.js'

/**
 * Erasure of a participant (issue 14; docs/architecture.md): one transaction in which each module
 * erases its own rows through its own service, then an anonymous tombstone and an audit event. After
 * commit the deleted mails' queued delivery jobs are removed (one that runs anyway finds no row), and
 * the study's export files written before the erasure are removed and their exports run again.
 */
/** Who erases: an analyst, or the system (accountId null) for the retention job or a participant's request. */
type Eraser = {
  organizationId: string
  accountId: string | null
  email: string | null
  ip: string | null
  reason: ErasureReason
}

/**
 * A check that must still hold once the participant is locked, in the erasure's transaction (a removal
 * request still pending when an admin confirms it); it throws to call the erasure off.
 */
type Guard = (trx: Kysely<DB>) => Promise<void>

export function createErasureService({
  db,
  studies,
  participants,
  responses,
  coding,
  findings,
  dashboard,
  exports,
  mailQueue,
}: {
  db: Kysely<DB>
  studies: StudiesService
  participants: Pick<ParticipantsService, 'lockForErasure' | 'eraseParticipant'>
  responses: Pick<ResponsesService, 'eraseParticipant'>
  coding: Pick<CodingService, 'participantCodingIds' | 'eraseParticipant'>
  findings: Pick<FindingsService, 'eraseEvidence'>
  dashboard: Pick<DashboardService, 'unfoldParticipant'>
  exports: Pick<ExportsService, 'invalidateStudy' | 'settleInvalidated'>
  mailQueue: Queue
}) {
  /**
   * The one erasure: who erases (an analyst, or no one for the retention job and a participant's own
   * request) goes into the tombstone and the audit event; the caller has checked the right to do it.
   */
  async function erase(by: Eraser, studyId: string, participantId: string, guard?: Guard): Promise<ParticipantErasure> {
    const done = await db.transaction().execute(async (trx) => {
      const p = await participants.lockForErasure(trx, studyId, participantId)
      if (!p) throw new ParticipantNotFoundError(participantId)
      await guard?.(trx)
      const codingIds = await coding.participantCodingIds(trx, p.id)
      const evidenceLinks = await findings.eraseEvidence(trx, codingIds)
      const codings = await coding.eraseParticipant(trx, p.id)
      await dashboard.unfoldParticipant(trx, p.id)
      const answered = await responses.eraseParticipant(trx, p.id)
      const diary = await eraseDiary(trx, p.id)
      const mails = await eraseParticipantMail(trx, p.id)
      const own = await participants.eraseParticipant(trx, studyId, p)
      // every export of the study could hold them: each runs again from a snapshot without them
      const exported = await exports.invalidateStudy(trx, studyId)
      const counts: ErasureCounts = {
        ...own,
        ...diary,
        ...answered,
        ...codings,
        evidenceLinks,
        mails: mails.length,
        mailJobs: 0,
      }
      const tomb = await insertTombstone(trx, { studyId, erasedBy: by.accountId, reason: by.reason, counts })
      await recordAudit(trx, {
        organizationId: by.organizationId,
        actorId: by.accountId,
        actorEmail: by.email,
        action: 'participant.erased',
        subject: `study:${studyId}`,
        detail: { erasureId: tomb.id, reason: by.reason, counts },
        ip: by.ip,
      })
      return { tomb, counts, mails, exported }
    })
    const mailJobs = await dropDeliveryJobs(mailQueue, done.mails)
    await exports.settleInvalidated(done.exported)
    return {
      id: done.tomb.id,
      studyId,
      erasedAt: done.tomb.erased_at.toISOString(),
      reason: by.reason,
      counts: { ...done.counts, mailJobs },
    }
  }

  return {
    /** Admin only; another organization's participant, or one already erased, is a 404. */
    async eraseParticipant(
      a: Analyst,
      studyId: string,
      participantId: string,
      ip: string,
      reason: Extract<ErasureReason, 'analyst' | 'participant_request'> = 'analyst',
      guard?: Guard,
    ): Promise<ParticipantErasure> {
      requireRole(a, 'admin', 'erase a participant')
      await studies.get(a, studyId)
      return erase(
        { organizationId: a.organizationId, accountId: a.accountId, email: a.email, ip, reason },
        studyId,
        participantId,
        guard,
      )
    },

    /**
     * An erasure no analyst performs: the retention job, or a participant's own request where the study
     * erases at once. The caller vouches that the study belongs to `organizationId`.
     */
    eraseBySystem(
      organizationId: string,
      studyId: string,
      participantId: string,
      reason: Exclude<ErasureReason, 'analyst'>,
    ): Promise<ParticipantErasure> {
      return erase({ organizationId, accountId: null, email: null, ip: null, reason }, studyId, participantId)
    },
  }
}
export type ErasureService = ReturnType<typeof createErasureService>
