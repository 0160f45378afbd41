import { CreateFindingBodySchema, FindingListSchema, FindingParamsSchema, FindingSchema, UpdateFindingBodySchema, VerificationQuerySchema, VerificationSchema } from '@klantreis/shared/findings'
import { StudyParamsSchema } from '@klantreis/shared/studies'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { FindingsService } from './findings.service.js'

/** Findings: statement, touchpoints, personas, evidence (codings) and how the survey checks them. */
const findingsAnalystRoutes: FastifyPluginAsyncZod<{ findings: FindingsService }> = async (app, { findings }) => {
  const tags = ['findings']
  const base = '/studies/:studyId/findings'
  app.get(base, { schema: { tags, params: StudyParamsSchema, response: { 200: FindingListSchema } } }, async (req) => findings.list(req.analyst, req.params.studyId))
  app.post(base, { schema: { tags, params: StudyParamsSchema, body: CreateFindingBodySchema, response: { 201: FindingSchema } } },
    async (req, reply) => reply.code(201).send(await findings.create(req.analyst, req.params.studyId, req.body)))
  app.get(`${base}/verification`, { schema: { tags, params: StudyParamsSchema, querystring: VerificationQuerySchema, response: { 200: VerificationSchema } } },
    async (req) => findings.verify(req.analyst, req.params.studyId, req.query.adjustment))
  app.get(`${base}/:findingId`, { schema: { tags, params: FindingParamsSchema, response: { 200: FindingSchema } } },
    async (req) => findings.get(req.analyst, req.params.studyId, req.params.findingId))
  app.patch(`${base}/:findingId`, { schema: { tags, params: FindingParamsSchema, body: UpdateFindingBodySchema, response: { 200: FindingSchema } } },
    async (req) => findings.update(req.analyst, req.params.studyId, req.params.findingId, req.body))
  app.delete(`${base}/:findingId`, { schema: { tags, params: FindingParamsSchema, response: { 204: z.null() } } }, async (req, reply) => {
    await findings.remove(req.analyst, req.params.studyId, req.params.findingId)
    return reply.code(204).send(null)
  })
}
export default findingsAnalystRoutes
