import {
  AnonymousResponseParamsSchema,
  RespondentSurveySchema,
  SaveResponseBodySchema,
  SurveyResponseSchema,
} from '@klantreis/shared/responses'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import type { Services } from '../services.js'

/** `/api/v1/anonymous`: the survey behind an anonymous link, for the browser that opened it. Limited per address. */
const anonymousRoutes: FastifyPluginAsyncZod<Pick<Services, 'responses'>> = async (app, { responses }) => {
  const tags = ['anonymous']
  app.addHook(
    'onRequest',
    app.rateLimit({
      timeWindow: '1 minute',
      keyGenerator: (req) => `anon|${req.ip}`,
      max: (req) => (req.method === 'GET' ? 300 : 120),
    }),
  )
  app.addHook('onRequest', app.verifyAnonymousSession)
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
export default anonymousRoutes
