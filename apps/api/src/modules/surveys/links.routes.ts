import {
  AnonymousLinkListSchema,
  AnonymousLinkParamsSchema,
  AnonymousLinkSchema,
  CreateAnonymousLinkBodySchema,
  SurveyParamsSchema,
} from '@klantreis/shared/surveys'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { LinksService } from './links.service.js'

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
      reply.code(201).send(await links.create(req.analyst, req.params.studyId, req.params.surveyId, req.body, req.ip)),
  )
  app.post(
    `${base}/:linkId/revoke`,
    { schema: { tags, params: AnonymousLinkParamsSchema, response: { 204: z.null() } } },
    async (req, reply) => {
      await links.revoke(req.analyst, req.params.studyId, req.params.surveyId, req.params.linkId, req.ip)
      return reply.code(204).send(null)
    },
  )
}
