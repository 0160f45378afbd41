import { DashboardQuerySchema, DashboardSchema } from '@klantreis/shared/dashboard'
import { StudyParamsSchema } from '@klantreis/shared/studies'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import type { DashboardService } from './dashboard.service.js'

/** The journey dashboard: pain/gain, the emotion curves with peak and end, scores and NPS, per touchpoint. */
const dashboardAnalystRoutes: FastifyPluginAsyncZod<{ dashboard: DashboardService }> = async (app, { dashboard }) => {
  app.get('/studies/:studyId/dashboard', { schema: { tags: ['dashboard'], params: StudyParamsSchema, querystring: DashboardQuerySchema, response: { 200: DashboardSchema } } },
    async (req) => dashboard.get(req.analyst, req.params.studyId, req.query))
}
export default dashboardAnalystRoutes
