import {
  ConsentTextSchema,
  CreateParticipantBodySchema,
  CreateParticipantLinkBodySchema,
  ListParticipantsQuerySchema,
  PARTICIPANT_CSV_MAX_BYTES,
  ParticipantImportParamsSchema,
  ParticipantImportSchema,
  ParticipantLinkSchema,
  ParticipantPageSchema,
  ParticipantParamsSchema,
  ParticipantSchema,
  PublishConsentBodySchema,
  SEGMENT_COLUMN_PREFIX,
  UpdateParticipantBodySchema,
} from '@klantreis/shared/participants'
import { StudyParamsSchema } from '@klantreis/shared/studies'
import { utf8TextParser } from '../../lib/safe-text.js'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { ParticipantsService } from './participants.service.js'

const CSV_COLUMNS = `CSV: email, name, language, persona, external_ref; each column named ${SEGMENT_COLUMN_PREFIX}<key> (e.g. ${SEGMENT_COLUMN_PREFIX}customerType) sets that segment attribute, an empty cell leaves it out; other columns are ignored`

const participantsAnalystRoutes: FastifyPluginAsyncZod<{ participants: ParticipantsService }> = async (
  app,
  { participants },
) => {
  const tags = ['participants']
  const base = '/studies/:studyId'
  app.addContentTypeParser('text/csv', { parseAs: 'buffer', bodyLimit: PARTICIPANT_CSV_MAX_BYTES }, utf8TextParser)
  app.post(
    `${base}/participants/import`,
    {
      schema: {
        tags,
        params: StudyParamsSchema,
        consumes: ['text/csv'],
        body: z.string().min(1).describe(CSV_COLUMNS),
        response: { 202: ParticipantImportSchema },
      },
      bodyLimit: PARTICIPANT_CSV_MAX_BYTES,
    },
    async (req, reply) =>
      reply.code(202).send(await participants.startImport(req.analyst, req.params.studyId, req.body)),
  )
  app.get(
    `${base}/participants/imports/:importId`,
    { schema: { tags, params: ParticipantImportParamsSchema, response: { 200: ParticipantImportSchema } } },
    async (req) => participants.getImport(req.analyst, req.params.studyId, req.params.importId),
  )
  app.get(
    `${base}/participants`,
    {
      schema: {
        tags,
        params: StudyParamsSchema,
        querystring: ListParticipantsQuerySchema,
        response: { 200: ParticipantPageSchema },
      },
    },
    async (req) => participants.list(req.analyst, req.params.studyId, req.query),
  )
  app.post(
    `${base}/participants`,
    {
      schema: {
        tags,
        params: StudyParamsSchema,
        body: CreateParticipantBodySchema,
        response: { 201: ParticipantSchema },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await participants.create(req.analyst, req.params.studyId, req.body, req.ip)),
  )
  app.get(
    `${base}/participants/:participantId`,
    { schema: { tags, params: ParticipantParamsSchema, response: { 200: ParticipantSchema } } },
    async (req) => participants.view(req.analyst, req.params.studyId, req.params.participantId, req.ip),
  )
  app.patch(
    `${base}/participants/:participantId`,
    {
      schema: {
        tags,
        params: ParticipantParamsSchema,
        body: UpdateParticipantBodySchema,
        response: { 200: ParticipantSchema },
      },
    },
    async (req) => participants.update(req.analyst, req.params.studyId, req.params.participantId, req.body, req.ip),
  )
  app.post(
    `${base}/participants/:participantId/link`,
    {
      schema: {
        tags,
        params: ParticipantParamsSchema,
        body: CreateParticipantLinkBodySchema,
        response: { 201: ParticipantLinkSchema },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(
          await participants.createLink(req.analyst, req.params.studyId, req.params.participantId, req.body.validDays),
        ),
  )
  app.post(
    `${base}/participants/:participantId/link/revoke`,
    { schema: { tags, params: ParticipantParamsSchema, response: { 204: z.null() } } },
    async (req, reply) => {
      await participants.revokeLinks(req.analyst, req.params.studyId, req.params.participantId)
      return reply.code(204).send(null)
    },
  )
  app.get(
    `${base}/consent`,
    { schema: { tags, params: StudyParamsSchema, response: { 200: ConsentTextSchema } } },
    async (req) => participants.getConsent(req.analyst, req.params.studyId),
  )
  app.post(
    `${base}/consent`,
    {
      schema: { tags, params: StudyParamsSchema, body: PublishConsentBodySchema, response: { 201: ConsentTextSchema } },
    },
    async (req, reply) =>
      reply.code(201).send(await participants.publishConsent(req.analyst, req.params.studyId, req.body.texts, req.ip)),
  )
}
export default participantsAnalystRoutes
