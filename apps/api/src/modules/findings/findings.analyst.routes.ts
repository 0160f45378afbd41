import {
  AddFindingQuestionBodySchema,
  AddFindingQuestionResultSchema,
  CreateFindingBodySchema,
  FindingListSchema,
  FindingParamsSchema,
  FindingSchema,
  UpdateFindingBodySchema,
  VerificationQuerySchema,
  VerificationSchema,
} from '@klantreis/shared/findings'
import { StudyParamsSchema } from '@klantreis/shared/studies'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { FindingsService } from './findings.service.js'

/** Findings: statement, touchpoints, personas, evidence (codings) and how the survey checks them. */
const findingsAnalystRoutes: FastifyPluginAsyncZod<{ findings: FindingsService }> = async (app, { findings }) => {
  const tags = ['findings']
  const base = '/studies/:studyId/findings'
  app.get(base, { schema: { tags, params: StudyParamsSchema, response: { 200: FindingListSchema } } }, async (req) =>
    findings.list(req.analyst, req.params.studyId),
  )
  app.post(
    base,
    { schema: { tags, params: StudyParamsSchema, body: CreateFindingBodySchema, response: { 201: FindingSchema } } },
    async (req, reply) => reply.code(201).send(await findings.create(req.analyst, req.params.studyId, req.body)),
  )
  app.get(
    `${base}/verification`,
    {
      schema: {
        tags,
        params: StudyParamsSchema,
        querystring: VerificationQuerySchema,
        response: { 200: VerificationSchema },
      },
    },
    async (req) => findings.verify(req.analyst, req.params.studyId, req.query.adjustment),
  )
  app.get(
    `${base}/:findingId`,
    { schema: { tags, params: FindingParamsSchema, response: { 200: FindingSchema } } },
    async (req) => findings.get(req.analyst, req.params.studyId, req.params.findingId),
  )
  app.patch(
    `${base}/:findingId`,
    { schema: { tags, params: FindingParamsSchema, body: UpdateFindingBodySchema, response: { 200: FindingSchema } } },
    async (req) => findings.update(req.analyst, req.params.studyId, req.params.findingId, req.body),
  )
  // 201 when a question or a measure was added, 200 when a repeated call found both in place
  app.post(
    `${base}/:findingId/question`,
    {
      schema: {
        tags,
        params: FindingParamsSchema,
        body: AddFindingQuestionBodySchema,
        response: { 200: AddFindingQuestionResultSchema, 201: AddFindingQuestionResultSchema },
      },
    },
    async (req, reply) => {
      const r = await findings.addQuestion(req.analyst, req.params.studyId, req.params.findingId, req.body)
      return reply.code(r.questionCreated || r.operationalizationCreated ? 201 : 200).send(r)
    },
  )
  app.delete(
    `${base}/:findingId`,
    { schema: { tags, params: FindingParamsSchema, response: { 204: z.null() } } },
    async (req, reply) => {
      await findings.remove(req.analyst, req.params.studyId, req.params.findingId)
      return reply.code(204).send(null)
    },
  )
}
export default findingsAnalystRoutes
