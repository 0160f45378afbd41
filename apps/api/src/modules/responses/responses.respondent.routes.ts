import {
  RespondentResponseParamsSchema,
  RespondentSurveyListSchema,
  RespondentSurveyParamsSchema,
  RespondentSurveySchema,
  SaveResponseBodySchema,
  SurveyResponseSchema,
} from '@klantreis/shared/responses'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { participantRespondent, type ResponsesService } from './responses.service.js'

const responsesRespondentRoutes: FastifyPluginAsyncZod<{ responses: ResponsesService }> = async (
  app,
  { responses },
) => {
  const tags = ['respondent']
  app.get('/surveys', { schema: { tags, response: { 200: RespondentSurveyListSchema } } }, async (req) =>
    responses.listForParticipant(req.participant),
  )
  app.get(
    '/surveys/:surveyId',
    { schema: { tags, params: RespondentSurveyParamsSchema, response: { 200: RespondentSurveySchema } } },
    async (req) => responses.getFor(participantRespondent(req.participant), req.params.surveyId),
  )
  app.put(
    '/surveys/:surveyId/responses/:responseId',
    {
      schema: {
        tags,
        params: RespondentResponseParamsSchema,
        body: SaveResponseBodySchema,
        response: { 200: SurveyResponseSchema, 201: SurveyResponseSchema },
      },
    },
    async (req, reply) => {
      const { created, response } = await responses.save(
        participantRespondent(req.participant),
        req.params.surveyId,
        req.params.responseId,
        req.body,
      )
      return reply.code(created ? 201 : 200).send(response)
    },
  )
}
export default responsesRespondentRoutes
