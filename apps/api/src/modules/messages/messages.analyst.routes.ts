import { PageQuerySchema } from '@klantreis/shared/common'
import { ParticipantParamsSchema, ParticipantSchema } from '@klantreis/shared/participants'
import {
  MessageListQuerySchema,
  MessagePageSchema,
  PreviewBodySchema,
  PreviewSchema,
  PutParticipantMailBodySchema,
  PutReminderSettingsBodySchema,
  ReminderSettingsSchema,
  SendFeedbackBodySchema,
  SendInvitationsBodySchema,
  SendPageSchema,
  SendParamsSchema,
  SendSchema,
} from '@klantreis/shared/messages'
import { StudyParamsSchema } from '@klantreis/shared/studies'
import { SurveyParamsSchema } from '@klantreis/shared/surveys'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import type { ParticipantsService } from '../participants/participants.service.js'
import type { MessagesService } from './messages.service.js'

/** Mail to participants: sends with their progress, the message log, reminders, and a participant's mail switch. */
const messagesAnalystRoutes: FastifyPluginAsyncZod<{
  messages: MessagesService
  participants: ParticipantsService
}> = async (app, { messages, participants }) => {
  const tags = ['messages']
  const base = '/studies/:studyId'
  // 202: the rows are written; the queue delivers them, and GET …/sends/:sendId shows how far it is
  app.post(
    `${base}/messages/invitations`,
    { schema: { tags, params: StudyParamsSchema, body: SendInvitationsBodySchema, response: { 202: SendSchema } } },
    async (req, reply) =>
      reply.code(202).send(await messages.sendInvitations(req.analyst, req.params.studyId, req.body, req.ip)),
  )
  app.post(
    `${base}/messages/feedback`,
    { schema: { tags, params: StudyParamsSchema, body: SendFeedbackBodySchema, response: { 202: SendSchema } } },
    async (req, reply) =>
      reply.code(202).send(await messages.sendFeedback(req.analyst, req.params.studyId, req.body, req.ip)),
  )
  app.post(
    `${base}/messages/preview`,
    { schema: { tags, params: StudyParamsSchema, body: PreviewBodySchema, response: { 200: PreviewSchema } } },
    async (req) => messages.preview(req.analyst, req.params.studyId, req.body),
  )
  app.get(
    `${base}/messages`,
    {
      schema: {
        tags,
        params: StudyParamsSchema,
        querystring: MessageListQuerySchema,
        response: { 200: MessagePageSchema },
      },
    },
    async (req) => messages.listMessages(req.analyst, req.params.studyId, req.query, req.ip),
  )
  app.get(
    `${base}/sends`,
    { schema: { tags, params: StudyParamsSchema, querystring: PageQuerySchema, response: { 200: SendPageSchema } } },
    async (req) => messages.listSends(req.analyst, req.params.studyId, req.query),
  )
  app.get(
    `${base}/sends/:sendId`,
    { schema: { tags, params: SendParamsSchema, response: { 200: SendSchema } } },
    async (req) => messages.getSend(req.analyst, req.params.studyId, req.params.sendId),
  )
  app.get(
    `${base}/surveys/:surveyId/reminders`,
    { schema: { tags, params: SurveyParamsSchema, response: { 200: ReminderSettingsSchema } } },
    async (req) => messages.getReminders(req.analyst, req.params.studyId, req.params.surveyId),
  )
  app.put(
    `${base}/surveys/:surveyId/reminders`,
    {
      schema: {
        tags,
        params: SurveyParamsSchema,
        body: PutReminderSettingsBodySchema,
        response: { 200: ReminderSettingsSchema },
      },
    },
    async (req) => messages.putReminders(req.analyst, req.params.studyId, req.params.surveyId, req.body),
  )
  app.put(
    `${base}/participants/:participantId/mail`,
    {
      schema: {
        tags,
        params: ParticipantParamsSchema,
        body: PutParticipantMailBodySchema,
        response: { 200: ParticipantSchema },
      },
    },
    async (req) => {
      if (req.body.subscribed)
        await messages.resubscribe(req.analyst, req.params.studyId, req.params.participantId, req.ip)
      else await messages.unsubscribe(req.analyst, req.params.studyId, req.params.participantId, req.ip)
      return participants.get(req.analyst, req.params.studyId, req.params.participantId)
    },
  )
}
export default messagesAnalystRoutes
