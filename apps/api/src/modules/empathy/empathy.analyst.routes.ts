import { EmpathyMapQuerySchema, EmpathyMapSchema } from '@klantreis/shared/empathy'
import { StudyParamsSchema } from '@klantreis/shared/studies'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import type { EmpathyService } from './empathy.service.js'

/** The evidence-backed empathy map: coded quotes in six boxes, for one persona or everyone. */
const empathyAnalystRoutes: FastifyPluginAsyncZod<{ empathy: EmpathyService }> = async (app, { empathy }) => {
  app.get(
    '/studies/:studyId/empathy-map',
    {
      schema: {
        tags: ['empathy'],
        params: StudyParamsSchema,
        querystring: EmpathyMapQuerySchema,
        response: { 200: EmpathyMapSchema },
      },
    },
    async (req) => empathy.map(req.analyst, req.params.studyId, req.query.personaId),
  )
}
export default empathyAnalystRoutes
