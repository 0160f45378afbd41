import { PageQuerySchema } from '@klantreis/shared/common'
import { StudyParamsSchema } from '@klantreis/shared/studies'
import {
  CreateSurveyBodySchema,
  GenerateSurveyBodySchema,
  PublishedVersionSchema,
  SurveyDetailSchema,
  SurveyListSchema,
  SurveyParamsSchema,
  SurveyVersionParamsSchema,
  SurveyVersionSchema,
  UpdateSurveyBodySchema,
} from '@klantreis/shared/surveys'
import {
  AnalystResponsePageSchema,
  AnalystResponseParamsSchema,
  AnalystResponseSchema,
  SurveyResultsSchema,
  SurveySummaryQuerySchema,
} from '@klantreis/shared/responses'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { ResponsesService } from '../responses/responses.service.js'
import type { SurveysService } from './surveys.service.js'

const surveysAnalystRoutes: FastifyPluginAsyncZod<{ surveys: SurveysService; responses: ResponsesService }> = async (
  app,
  { surveys, responses },
) => {
  const tags = ['surveys']
  const base = '/studies/:studyId/surveys'
  app.get(
    base,
    { schema: { tags, params: StudyParamsSchema, querystring: PageQuerySchema, response: { 200: SurveyListSchema } } },
    async (req) => surveys.list(req.analyst, req.params.studyId, req.query),
  )
  app.post(
    base,
    {
      schema: { tags, params: StudyParamsSchema, body: CreateSurveyBodySchema, response: { 201: SurveyDetailSchema } },
    },
    async (req, reply) => reply.code(201).send(await surveys.create(req.analyst, req.params.studyId, req.body)),
  )
  app.post(
    `${base}/generate`,
    {
      schema: {
        tags,
        params: StudyParamsSchema,
        body: GenerateSurveyBodySchema,
        response: { 201: SurveyDetailSchema },
      },
    },
    async (req, reply) => reply.code(201).send(await surveys.generate(req.analyst, req.params.studyId, req.body)),
  )
  app.get(
    `${base}/:surveyId`,
    { schema: { tags, params: SurveyParamsSchema, response: { 200: SurveyDetailSchema } } },
    async (req) => surveys.get(req.analyst, req.params.studyId, req.params.surveyId),
  )
  app.patch(
    `${base}/:surveyId`,
    {
      schema: { tags, params: SurveyParamsSchema, body: UpdateSurveyBodySchema, response: { 200: SurveyDetailSchema } },
    },
    async (req) => surveys.update(req.analyst, req.params.studyId, req.params.surveyId, req.body, req.ip),
  )
  app.delete(
    `${base}/:surveyId`,
    { schema: { tags, params: SurveyParamsSchema, response: { 204: z.null() } } },
    async (req, reply) => {
      await surveys.remove(req.analyst, req.params.studyId, req.params.surveyId)
      return reply.code(204).send(null)
    },
  )
  app.post(
    `${base}/:surveyId/publish`,
    {
      schema: {
        tags,
        params: SurveyParamsSchema,
        response: { 201: PublishedVersionSchema },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await surveys.publish(req.analyst, req.params.studyId, req.params.surveyId, req.ip)),
  )
  app.get(
    `${base}/:surveyId/versions/:version`,
    { schema: { tags, params: SurveyVersionParamsSchema, response: { 200: SurveyVersionSchema } } },
    async (req) => surveys.version(req.analyst, req.params.studyId, req.params.surveyId, req.params.version),
  )
  app.get(
    `${base}/:surveyId/responses`,
    {
      schema: {
        tags,
        params: SurveyParamsSchema,
        querystring: PageQuerySchema,
        response: { 200: AnalystResponsePageSchema },
      },
    },
    async (req) => responses.list(req.analyst, req.params.studyId, req.params.surveyId, req.query),
  )
  app.get(
    `${base}/:surveyId/responses/:responseId`,
    { schema: { tags, params: AnalystResponseParamsSchema, response: { 200: AnalystResponseSchema } } },
    async (req) => responses.get(req.analyst, req.params.studyId, req.params.surveyId, req.params.responseId),
  )
  app.get(
    `${base}/:surveyId/results`,
    {
      schema: {
        tags,
        params: SurveyParamsSchema,
        querystring: SurveySummaryQuerySchema,
        response: { 200: SurveyResultsSchema },
      },
    },
    async (req) => responses.results(req.analyst, req.params.studyId, req.params.surveyId, req.query.version),
  )
}
export default surveysAnalystRoutes
