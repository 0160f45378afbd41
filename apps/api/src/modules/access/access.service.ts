import type { RemovalRequest, RespondentRemovalState } from '@klantreis/shared/participants'
import type { Kysely, Selectable } from 'kysely'
import type { DB, RemovalRequestTable } from '../../db/schema.js'
import type { Analyst, ParticipantContext } from '../../lib/actors.js'
import { pseudonym } from '../../lib/pseudonym.js'
import { requireRole } from '../../lib/roles.js'
import { recordAudit } from '../audit/audit.service.js'
import type { CodingService } from '../coding/coding.service.js'
import { exportParticipant as exportDiary } from '../diary/diary.access.js'
import type { ErasureService } from '../erasure/erasure.service.js'
import { exportParticipantMail } from '../mail/mail.access.js'
import { ParticipantNotFoundError } from '../participants/participants.errors.js'
import type { ParticipantsService } from '../participants/participants.service.js'
import type { ResponsesService } from '../responses/responses.service.js'
import type { StudiesService } from '../studies/studies.service.js'
import { exportArchive, exportFileName, type ParticipantExport } from './access.archive.js'
import { RemovalRequestDecidedError, RemovalRequestNotFoundError } from './access.errors.js'
import {
  declineRemovalRequest,
  listRemovalRequests,
  lockRemovalRequest,
  removalRequestOf,
  studyOfParticipant,
  studyTitle,
  upsertRemovalRequest,
} from './access.queries.js'

type RequestRow = Selectable<RemovalRequestTable>
const toRequest = (r: RequestRow): RemovalRequest => ({
  id: r.id,
  studyId: r.study_id,
  participantId: r.participant_id,
  pseudonym: pseudonym(r.participant_id),
  requestedAt: r.requested_at.toISOString(),
  status: r.status,
  declineReason: r.decline_reason,
  decidedAt: r.decided_at?.toISOString() ?? null,
})
const toState = (r: RequestRow | undefined): RespondentRemovalState => ({
  status: r?.status ?? 'none',
  requestedAt: r?.requested_at.toISOString() ?? null,
  decidedAt: r?.decided_at?.toISOString() ?? null,
  declineReason: r?.decline_reason ?? null,
})

/**
 * A participant's rights of access and removal (issue 14; docs/architecture.md "Subject access"): the
 * export of everything held about one participant, gathered through each module's own service in one
 * snapshot and streamed as a ZIP, and the participant's own request to be removed, which the study
 * carries out at once or an admin confirms (the erasure, reason participant_request) or declines.
 */
export function createAccessService({
  db,
  studies,
  participants,
  responses,
  coding,
  erasure,
}: {
  db: Kysely<DB>
  studies: Pick<StudiesService, 'get'>
  participants: Pick<ParticipantsService, 'exportParticipant'>
  responses: Pick<ResponsesService, 'exportParticipant'>
  coding: Pick<CodingService, 'exportParticipant'>
  erasure: Pick<ErasureService, 'eraseParticipant' | 'eraseBySystem'>
}) {
  /** Every part read in one repeatable-read transaction, so the parts agree with each other. */
  const collect = (studyId: string, participantId: string): Promise<ParticipantExport | undefined> =>
    db
      .transaction()
      .setIsolationLevel('repeatable read')
      .execute(async (trx) => {
        const own = await participants.exportParticipant(trx, studyId, participantId)
        if (!own) return undefined
        const request = await removalRequestOf(trx, participantId)
        return {
          ...own,
          exportedAt: new Date().toISOString(),
          pseudonym: pseudonym(participantId),
          study: { id: studyId, title: await studyTitle(trx, studyId) },
          diary: await exportDiary(trx, participantId),
          answered: await responses.exportParticipant(trx, participantId, own.participant.language),
          codings: await coding.exportParticipant(trx, participantId),
          mails: await exportParticipantMail(trx, participantId),
          removalRequests: request
            ? [
                {
                  requestedAt: request.requested_at.toISOString(),
                  status: request.status,
                  decidedAt: request.decided_at?.toISOString() ?? null,
                  declineReason: request.decline_reason,
                },
              ]
            : [],
        }
      })

  const download = (d: ParticipantExport) => ({ fileName: exportFileName(d), stream: exportArchive(d) })

  async function participantStudy(p: ParticipantContext) {
    const s = await studyOfParticipant(db, p.studyId)
    // a participant's session exists only while their row (and so their study) does
    if (!s) throw new ParticipantNotFoundError(p.participantId)
    return s
  }

  async function requestIn(trx: Kysely<DB>, studyId: string, requestId: string) {
    const r = await lockRemovalRequest(trx, studyId, requestId)
    if (!r) throw new RemovalRequestNotFoundError(requestId)
    return r
  }

  return {
    /** An analyst who manages participants (researcher and up) downloads one participant's data; audited. */
    async exportForAnalyst(a: Analyst, studyId: string, participantId: string, ip: string) {
      requireRole(a, 'researcher', "download a participant's data")
      await studies.get(a, studyId)
      const d = await collect(studyId, participantId)
      if (!d) throw new ParticipantNotFoundError(participantId)
      await recordAudit(db, {
        organizationId: a.organizationId,
        actorId: a.accountId,
        actorEmail: a.email,
        action: 'participant.exported',
        subject: `study:${studyId}`,
        detail: { pseudonym: d.pseudonym },
        ip,
      })
      return download(d)
    },

    /** The participant downloads their own data (in their language); audited without an actor. */
    async exportForParticipant(p: ParticipantContext, ip: string) {
      const s = await participantStudy(p)
      const d = await collect(p.studyId, p.participantId)
      if (!d) throw new ParticipantNotFoundError(p.participantId)
      await recordAudit(db, {
        organizationId: s.organization_id,
        actorId: null,
        actorEmail: null,
        action: 'participant.data_downloaded',
        subject: `study:${p.studyId}`,
        detail: { pseudonym: d.pseudonym },
        ip,
      })
      return download(d)
    },

    async removalState(p: ParticipantContext): Promise<RespondentRemovalState> {
      return toState(await removalRequestOf(db, p.participantId))
    },

    /**
     * The participant asks to be removed. Where the study erases at once, they are erased now (their
     * session goes with them) and the answer says so; else one pending request (asking again while it
     * waits changes nothing; after a decline it waits again), audited when it is new.
     */
    async requestRemoval(p: ParticipantContext, ip: string): Promise<RespondentRemovalState> {
      const s = await participantStudy(p)
      if (s.erase_on_request) {
        const done = await erasure.eraseBySystem(s.organization_id, p.studyId, p.participantId, 'participant_request')
        return { status: 'removed', requestedAt: done.erasedAt, decidedAt: done.erasedAt, declineReason: null }
      }
      return db.transaction().execute(async (trx) => {
        const made = await upsertRemovalRequest(trx, p.studyId, p.participantId)
        if (made)
          await recordAudit(trx, {
            organizationId: s.organization_id,
            actorId: null,
            actorEmail: null,
            action: 'participant.removal_requested',
            subject: `study:${p.studyId}`,
            detail: { pseudonym: pseudonym(p.participantId), requestId: made.id },
            ip,
          })
        return toState(made ?? (await removalRequestOf(trx, p.participantId)))
      })
    },

    /** A study's removal requests (pending first), for everyone who sees its participants. */
    async listRequests(a: Analyst, studyId: string) {
      await studies.get(a, studyId)
      return { items: (await listRemovalRequests(db, studyId)).map(toRequest) }
    },

    /** An admin confirms: the participant is erased (reason participant_request); the request goes with them. */
    async confirmRequest(a: Analyst, studyId: string, requestId: string, ip: string) {
      requireRole(a, 'admin', 'confirm a removal request')
      await studies.get(a, studyId)
      const r = await requestIn(db, studyId, requestId)
      if (r.status !== 'pending') throw new RemovalRequestDecidedError()
      // checked again inside the erasure, holding the request's row lock as a decline does: of a confirm
      // and a decline at the same moment exactly one wins (a decline after the erasure finds no request)
      return erasure.eraseParticipant(a, studyId, r.participant_id, ip, 'participant_request', async (trx) => {
        if ((await requestIn(trx, studyId, requestId)).status !== 'pending') throw new RemovalRequestDecidedError()
      })
    },

    /** An admin declines, optionally saying why (the participant sees it); audited. */
    async declineRequest(a: Analyst, studyId: string, requestId: string, ip: string, reason?: string) {
      requireRole(a, 'admin', 'decline a removal request')
      await studies.get(a, studyId)
      return db.transaction().execute(async (trx) => {
        const r = await requestIn(trx, studyId, requestId)
        if (r.status !== 'pending') throw new RemovalRequestDecidedError()
        const done = await declineRemovalRequest(trx, r.id, { decidedBy: a.accountId, reason: reason || null })
        await recordAudit(trx, {
          organizationId: a.organizationId,
          actorId: a.accountId,
          actorEmail: a.email,
          action: 'participant.removal_declined',
          subject: `study:${studyId}`,
          detail: { pseudonym: pseudonym(r.participant_id), requestId: r.id },
          ip,
        })
        return toRequest(done)
      })
    },
  }
}
export type AccessService = ReturnType<typeof createAccessService>
