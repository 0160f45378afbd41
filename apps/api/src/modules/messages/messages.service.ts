import type {
  PreviewBody,
  ReminderSettings,
  SendFeedbackBodySchema,
  SendInvitationsBodySchema,
} from '@klantreis/shared/messages'
import type { Queue } from 'bullmq'
import type { FastifyBaseLogger } from 'fastify'
import type { Kysely } from 'kysely'
import type { z } from 'zod'
import type { DB } from '../../db/schema.js'
import { renderMail, subjectsFor } from '../../email/templates/participant-mail.js'
import { ConflictError } from '../../lib/errors.js'
import { decodeCursor, pageFrom } from '../../lib/pagination.js'
import { requireRole, seesContactDetails } from '../../lib/roles.js'
import { hashToken } from '../../lib/tokens.js'
import type { Analyst } from '../../lib/actors.js'
import { recordAnalystAudit, recordParticipantAudit, studySubject } from '../audit/audit.service.js'
import type { DiaryService } from '../diary/diary.service.js'
import { ParticipantNotFoundError } from '../participants/participants.errors.js'
import type { ParticipantsService } from '../participants/participants.service.js'
import type { StudiesService } from '../studies/studies.service.js'
import { SurveyNotFoundError } from '../surveys/surveys.errors.js'
import type { SurveysService } from '../surveys/surveys.service.js'
import { SendNotFoundError } from './messages.errors.js'
import { textIn, toMessage, toSend, ymd } from './messages.mappers.js'
import {
  countParticipantsIn,
  findByUnsubscribeToken,
  findOrganizationName,
  findReminderSettings,
  findSend,
  insertSend,
  insertSendMessages,
  listMessages,
  listSends,
  resubscribeParticipant,
  setSendTotal,
  unsubscribeParticipant,
  upsertReminderSettings,
} from './messages.queries.js'

export const EXAMPLE_LINK_TOKEN = 'example-personal-link'

export function createMessagesService({
  db,
  studies,
  diary,
  participants,
  surveys,
  mailQueue,
  log,
  publicUrl,
}: {
  db: Kysely<DB>
  studies: StudiesService
  diary: Pick<DiaryService, 'findForStudy'>
  participants: Pick<ParticipantsService, 'findInStudy'>
  surveys: Pick<SurveysService, 'findInStudy'>
  mailQueue: Queue
  log: FastifyBaseLogger
  publicUrl: string
}) {
  async function studyFor(a: Analyst, studyId: string) {
    const study = await studies.get(a, studyId)
    return { study, organizationName: (await findOrganizationName(db, a.organizationId)) ?? '' }
  }
  async function openSurvey(studyId: string, surveyId: string) {
    const s = await surveys.findInStudy(studyId, surveyId)
    if (!s) throw new SurveyNotFoundError(surveyId)
    return s
  }
  /** Every picked participant must be in this study: a foreign id is a 404, never silently skipped. */
  async function checkRecipients(studyId: string, ids: string[]) {
    const unique = [...new Set(ids)]
    if ((await countParticipantsIn(db, studyId, unique)) !== unique.length)
      throw new ParticipantNotFoundError('one or more of participantIds')
    return unique
  }
  /** After the commit: hand the new rows to the queue now. If the queue is down, the worker's tick does it later. */
  async function pumpSoon(sendId: string) {
    try {
      await mailQueue.add('pump', {}, { jobId: `pump-${sendId}`, removeOnComplete: true, removeOnFail: true })
    } catch (err) {
      log.warn({ err, sendId }, 'could not ask for a pump; the next tick hands the messages over')
    }
  }
  async function send(
    a: Analyst,
    studyId: string,
    kind: 'diary_invitation' | 'survey_invitation' | 'feedback',
    surveyId: string | null,
    content: unknown,
    who: string[] | 'all' | 'contributors',
    subjectContext: { surveyTitle?: string | null },
    ip: string,
  ) {
    const { study, organizationName } = await studyFor(a, studyId)
    const created = await db.transaction().execute(async (trx) => {
      const s = await insertSend(trx, { studyId, kind, surveyId, content, createdBy: a.accountId })
      const total = await insertSendMessages(trx, {
        sendId: s.id,
        organizationId: a.organizationId,
        studyId,
        kind,
        surveyId,
        subjects: subjectsFor(kind, {
          studyTitle: study.title,
          organizationName,
          surveyTitle: subjectContext.surveyTitle,
        }),
        participantIds: who,
      })
      await setSendTotal(trx, s.id, total)
      await recordAnalystAudit(trx, a, ip, 'mail.sent', studySubject(studyId), {
        sendId: s.id,
        kind,
        surveyId,
        recipients: total,
      })
      return s
    })
    await pumpSoon(created.id)
    return toSend((await findSend(db, studyId, created.id))!)
  }

  return {
    async sendInvitations(a: Analyst, studyId: string, body: z.output<typeof SendInvitationsBodySchema>, ip: string) {
      requireRole(a, 'researcher', 'send invitations')
      await studies.get(a, studyId)
      let surveyTitle: string | null = null
      if (body.kind === 'survey_invitation') {
        const s = await openSurvey(studyId, body.surveyId!)
        if (s.status !== 'open')
          throw new ConflictError('The survey is not open: publish it before inviting people to it')
        surveyTitle = s.title
      } else if (!(await diary.findForStudy(studyId)))
        throw new ConflictError('This study has no diary yet: set it up before inviting people to it')
      const who =
        body.recipients.type === 'all' ? 'all' : await checkRecipients(studyId, body.recipients.participantIds)
      return send(a, studyId, body.kind, body.surveyId, { note: body.note }, who, { surveyTitle }, ip)
    },

    async sendFeedback(a: Analyst, studyId: string, body: z.output<typeof SendFeedbackBodySchema>, ip: string) {
      requireRole(a, 'researcher', 'send messages to participants')
      await studies.get(a, studyId)
      const who =
        body.recipients.type === 'contributors'
          ? 'contributors'
          : await checkRecipients(studyId, body.recipients.participantIds)
      return send(a, studyId, 'feedback', null, { intro: body.intro, changes: body.changes }, who, {}, ip)
    },

    /** The message in each of the study's languages, as a participant would get it (the link is an example). */
    async preview(a: Analyst, studyId: string, body: PreviewBody) {
      const { study, organizationName } = await studyFor(a, studyId)
      const surveyId = 'surveyId' in body ? body.surveyId : null
      const survey = surveyId ? await openSurvey(studyId, surveyId) : null
      const studyDiary = await diary.findForStudy(studyId)
      return {
        items: study.languages.map((language) => ({
          language,
          ...renderMail({
            kind: body.kind,
            language,
            participantName: language === 'nl' ? 'Sanne' : 'Sam',
            studyTitle: study.title,
            organizationName,
            link: body.kind === 'feedback' ? null : `${publicUrl}/r/t/${EXAMPLE_LINK_TOKEN}`,
            unsubscribeUrl: `${publicUrl}/u/example`,
            surveyTitle: survey?.title ?? null,
            diary: studyDiary ? { startsOn: ymd(studyDiary.starts_on), endsOn: ymd(studyDiary.ends_on) } : null,
            note: 'note' in body ? textIn(body.note, language) || null : null,
            feedback:
              body.kind === 'feedback'
                ? {
                    intro: textIn(body.intro, language),
                    changes: body.changes.map((c) => textIn(c, language)).filter(Boolean),
                  }
                : null,
          }),
        })),
      }
    },

    async listMessages(
      a: Analyst,
      studyId: string,
      q: { limit: number; cursor?: string; participantId?: string; sendId?: string; status?: string; kind?: string },
      ip: string,
    ) {
      await studies.get(a, studyId)
      // one participant's message log is personal data: opening it (its first page) is audited
      // (a participant of another study has no log here: nothing to see, nothing recorded)
      if (q.participantId && !q.cursor && (await participants.findInStudy(studyId, q.participantId)))
        await recordParticipantAudit(db, a, ip, 'participant.viewed', studyId, q.participantId, { what: 'messages' })
      const after = decodeCursor(q.cursor, ['timestamp', 'uuid'])
      const contact = seesContactDetails(a)
      return pageFrom(
        await listMessages(db, studyId, { ...q, after }),
        q.limit,
        (r) => toMessage(r, contact),
        (r) => [r.created_key, r.id],
      )
    },

    async listSends(a: Analyst, studyId: string, q: { limit: number; cursor?: string }) {
      await studies.get(a, studyId)
      const after = decodeCursor(q.cursor, ['timestamp', 'uuid'])
      return pageFrom(await listSends(db, studyId, { limit: q.limit, after }), q.limit, toSend, (r) => [
        r.created_key,
        r.id,
      ])
    },

    async getSend(a: Analyst, studyId: string, sendId: string) {
      await studies.get(a, studyId)
      const s = await findSend(db, studyId, sendId)
      if (!s) throw new SendNotFoundError(sendId)
      return toSend(s)
    },

    async getReminders(a: Analyst, studyId: string, surveyId: string): Promise<ReminderSettings> {
      await studies.get(a, studyId)
      await openSurvey(studyId, surveyId)
      const r = await findReminderSettings(db, surveyId)
      return r
        ? { enabled: r.enabled, maxReminders: r.max_reminders, intervalHours: r.interval_hours }
        : { enabled: false, maxReminders: 2, intervalHours: 72 }
    },

    async putReminders(a: Analyst, studyId: string, surveyId: string, body: ReminderSettings) {
      requireRole(a, 'researcher', 'schedule reminders')
      await studies.get(a, studyId)
      await openSurvey(studyId, surveyId)
      await upsertReminderSettings(db, surveyId, body)
      return body
    },

    /** The researcher stops all mail to a participant (e.g. asked by phone). */
    async unsubscribe(a: Analyst, studyId: string, participantId: string, ip: string) {
      requireRole(a, 'researcher', 'change participants')
      await studies.get(a, studyId)
      if (!(await participants.findInStudy(studyId, participantId))) throw new ParticipantNotFoundError(participantId)
      await db.transaction().execute(async (trx) => {
        await unsubscribeParticipant(trx, participantId, 'researcher', new Date())
        await recordParticipantAudit(trx, a, ip, 'mail.stopped', studyId, participantId)
      })
    },

    /** Undo the researcher's own stop; a participant's own unsubscribe is theirs to undo, not ours. */
    async resubscribe(a: Analyst, studyId: string, participantId: string, ip: string) {
      requireRole(a, 'researcher', 'change participants')
      await studies.get(a, studyId)
      const p = await participants.findInStudy(studyId, participantId)
      if (!p) throw new ParticipantNotFoundError(participantId)
      if (p.unsubscribe_reason && p.unsubscribe_reason !== 'researcher')
        throw new ConflictError('This participant unsubscribed themselves; only they can change that')
      await db.transaction().execute(async (trx) => {
        await resubscribeParticipant(trx, participantId)
        await recordParticipantAudit(trx, a, ip, 'mail.resumed', studyId, participantId)
      })
    },

    // ---------- the unsubscribe link in every mail (no sign-in: the token is the key) ----------

    findUnsubscribe: (token: string) =>
      token.length <= 100 ? findByUnsubscribeToken(db, hashToken(token)) : Promise.resolve(undefined),

    async unsubscribeByToken(token: string, how: 'link' | 'one_click') {
      const found = token.length <= 100 ? await findByUnsubscribeToken(db, hashToken(token)) : undefined
      if (!found) return undefined
      await db.transaction().execute((trx) => unsubscribeParticipant(trx, found.participant_id, how, new Date()))
      return found
    },
  }
}
export type MessagesService = ReturnType<typeof createMessagesService>
