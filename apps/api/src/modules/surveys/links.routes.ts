import {
  AnonymousLinkListSchema,
  AnonymousLinkParamsSchema,
  AnonymousLinkSchema,
  AnonymousResponseParamsSchema,
  CreateAnonymousLinkBodySchema,
  RespondentSurveySchema,
  SaveResponseBodySchema,
  SurveyParamsSchema,
  SurveyResponseSchema,
} from '@klantreis/shared/surveys'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { LinksService } from './links.service.js'
import type { ResponsesService } from '../responses/responses.service.js'

export const linksAnalystRoutes: FastifyPluginAsyncZod<{ links: LinksService }> = async (app, { links }) => {
  const tags = ['surveys']
  const base = '/studies/:studyId/surveys/:surveyId/anonymous-links'
  app.get(
    base,
    { schema: { tags, params: SurveyParamsSchema, response: { 200: AnonymousLinkListSchema } } },
    async (req) => links.list(req.analyst, req.params.studyId, req.params.surveyId),
  )
  app.post(
    base,
    {
      schema: {
        tags,
        params: SurveyParamsSchema,
        body: CreateAnonymousLinkBodySchema,
        response: { 201: AnonymousLinkSchema },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await links.create(req.analyst, req.params.studyId, req.params.surveyId, req.body)),
  )
  app.post(
    `${base}/:linkId/revoke`,
    { schema: { tags, params: AnonymousLinkParamsSchema, response: { 204: z.null() } } },
    async (req, reply) => {
      await links.revoke(req.analyst, req.params.studyId, req.params.surveyId, req.params.linkId)
      return reply.code(204).send(null)
    },
  )
}

/** `/api/v1/anonymous`: the survey behind an anonymous link, for the browser that opened it. Limited per address. */
export const anonymousRoutes: FastifyPluginAsyncZod<{ links: LinksService; responses: ResponsesService }> = async (
  app,
  { links, responses },
) => {
  const tags = ['anonymous']
  app.addHook(
    'onRequest',
    app.rateLimit({
      timeWindow: '1 minute',
      keyGenerator: (req) => `anon|${req.ip}`,
      max: (req) => (req.method === 'GET' ? 300 : 120),
    }),
  )
  app.addHook('onRequest', links.verify)
  app.get('/survey', { schema: { tags, response: { 200: RespondentSurveySchema } } }, async (req) =>
    responses.getFor(req.anonymous, req.anonymous.surveyId),
  )
  app.put(
    '/responses/:responseId',
    {
      schema: {
        tags,
        params: AnonymousResponseParamsSchema,
        body: SaveResponseBodySchema,
        response: { 200: SurveyResponseSchema, 201: SurveyResponseSchema },
      },
    },
    async (req, reply) => {
      const { created, response } = await responses.save(
        req.anonymous,
        req.anonymous.surveyId,
        req.params.responseId,
        req.body,
      )
      return reply.code(created ? 201 : 200).send(response)
    },
  )
}
