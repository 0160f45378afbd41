import {
  CreateStudyBodySchema,
  ListStudiesQuerySchema,
  StudyPageSchema,
  StudyParamsSchema,
  StudySchema,
  UpdateStudyBodySchema,
} from '@klantreis/shared/studies'
import { JourneyModelSchema } from '@klantreis/shared/journey'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { JourneyService } from '../journey/journey.service.js'
import type { StudiesService } from './studies.service.js'

const studiesAnalystRoutes: FastifyPluginAsyncZod<{ studies: StudiesService; journey: JourneyService }> = async (
  app,
  { studies, journey },
) => {
  const tags = ['studies']
  app.get(
    '/studies',
    { schema: { tags, querystring: ListStudiesQuerySchema, response: { 200: StudyPageSchema } } },
    async (req) => studies.list(req.analyst, req.query),
  )
  app.post(
    '/studies',
    { schema: { tags, body: CreateStudyBodySchema, response: { 201: StudySchema } } },
    async (req, reply) => reply.code(201).send(await studies.create(req.analyst, req.body, req.ip)),
  )
  app.get(
    '/studies/:studyId',
    { schema: { tags, params: StudyParamsSchema, response: { 200: StudySchema } } },
    async (req) => studies.get(req.analyst, req.params.studyId),
  )
  app.patch(
    '/studies/:studyId',
    { schema: { tags, params: StudyParamsSchema, body: UpdateStudyBodySchema, response: { 200: StudySchema } } },
    async (req) => studies.update(req.analyst, req.params.studyId, req.body, req.ip),
  )
  app.delete(
    '/studies/:studyId',
    { schema: { tags, params: StudyParamsSchema, response: { 204: z.null() } } },
    async (req, reply) => {
      await studies.remove(req.analyst, req.params.studyId, req.ip)
      return reply.code(204).send(null)
    },
  )
  app.get(
    '/studies/:studyId/model',
    { schema: { tags, params: StudyParamsSchema, response: { 200: JourneyModelSchema } } },
    async (req) => journey.model(req.analyst, req.params.studyId),
  )
}
export default studiesAnalystRoutes
