import type { ErasureCounts, ParticipantErasure } from '@klantreis/shared/participants'
import type { Queue } from 'bullmq'
import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.js'
import { requireRole } from '../../lib/roles.js'
import type { Analyst } from '../../lib/actors.js'
import { recordAudit } from '../audit/audit.service.js'
import type { CodingService } from '../coding/coding.service.js'
import type { DashboardService } from '../dashboard/dashboard.service.js'
import { eraseParticipant as eraseDiary } from '../diary/diary.erasure.js'
import type { FindingsService } from '../findings/findings.service.js'
import { dropMailJobs, eraseParticipantMail } from '../mail/mail.erasure.js'
import { ParticipantNotFoundError } from '../participants/participants.errors.js'
import type { ParticipantsService } from '../participants/participants.service.js'
import type { ResponsesService } from '../responses/responses.service.js'
import type { StudiesService } from '../studies/studies.service.js'
import { insertTombstone } from './erasure.queries.js'

/**
 * Erasure of a participant (issue 14; docs/architecture.md): one transaction in which each module
 * erases its own rows through its own service, then an anonymous tombstone and an audit event. After
 * commit the deleted mails' queued delivery jobs are removed (one that runs anyway finds no row).
 */
export function createErasureService({
  db,
  studies,
  participants,
  responses,
  coding,
  findings,
  dashboard,
  mailQueue,
}: {
  db: Kysely<DB>
  studies: StudiesService
  participants: Pick<ParticipantsService, 'lockForErasure' | 'eraseParticipant'>
  responses: Pick<ResponsesService, 'eraseParticipant'>
  coding: Pick<CodingService, 'participantCodingIds' | 'eraseParticipant'>
  findings: Pick<FindingsService, 'eraseEvidence'>
  dashboard: Pick<DashboardService, 'unfoldParticipant'>
  mailQueue: Queue
}) {
  return {
    /** Admin only; another organization's participant, or one already erased, is a 404. */
    async eraseParticipant(
      a: Analyst,
      studyId: string,
      participantId: string,
      ip: string,
    ): Promise<ParticipantErasure> {
      requireRole(a, 'admin', 'erase a participant')
      await studies.get(a, studyId)
      const done = await db.transaction().execute(async (trx) => {
        const p = await participants.lockForErasure(trx, studyId, participantId)
        if (!p) throw new ParticipantNotFoundError(participantId)
        const codingIds = await coding.participantCodingIds(trx, p.id)
        const evidenceLinks = await findings.eraseEvidence(trx, codingIds)
        const codings = await coding.eraseParticipant(trx, p.id)
        await dashboard.unfoldParticipant(trx, p.id)
        const answered = await responses.eraseParticipant(trx, p.id)
        const diary = await eraseDiary(trx, p.id)
        const mailIds = await eraseParticipantMail(trx, p.id)
        const own = await participants.eraseParticipant(trx, studyId, p)
        const counts: ErasureCounts = {
          ...own,
          ...diary,
          ...answered,
          ...codings,
          evidenceLinks,
          mails: mailIds.length,
          mailJobs: 0,
        }
        const tomb = await insertTombstone(trx, { studyId, erasedBy: a.accountId, counts })
        await recordAudit(trx, {
          organizationId: a.organizationId,
          actorId: a.accountId,
          actorEmail: a.email,
          action: 'participant.erased',
          subject: `study:${studyId}`,
          detail: { erasureId: tomb.id, counts },
          ip,
        })
        return { tomb, counts, mailIds }
      })
      const mailJobs = await dropMailJobs(mailQueue, done.mailIds)
      return {
        id: done.tomb.id,
        studyId,
        erasedAt: done.tomb.erased_at.toISOString(),
        counts: { ...done.counts, mailJobs },
      }
    },
  }
}
export type ErasureService = ReturnType<typeof createErasureService>
