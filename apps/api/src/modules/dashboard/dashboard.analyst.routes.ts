import {
  DashboardQuerySchema,
  DashboardQuotesQuerySchema,
  DashboardQuotesSchema,
  DashboardSchema,
} from '@klantreis/shared/dashboard'
import { StudyParamsSchema } from '@klantreis/shared/studies'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import type { DashboardService } from './dashboard.service.js'

/** The journey dashboard: pain/gain, the emotion curves with peak and end, scores, NPS, IPA and moments of truth, per touchpoint. */
const dashboardAnalystRoutes: FastifyPluginAsyncZod<{ dashboard: DashboardService }> = async (app, { dashboard }) => {
  const tags = ['dashboard']
  app.get(
    '/studies/:studyId/dashboard',
    {
      schema: {
        tags,
        params: StudyParamsSchema,
        querystring: DashboardQuerySchema,
        response: { 200: DashboardSchema },
      },
    },
    async (req) => dashboard.get(req.analyst, req.params.studyId, req.query),
  )
  app.get(
    '/studies/:studyId/dashboard/quotes',
    {
      schema: {
        tags,
        params: StudyParamsSchema,
        querystring: DashboardQuotesQuerySchema,
        response: { 200: DashboardQuotesSchema },
      },
    },
    async (req) => dashboard.quotes(req.analyst, req.params.studyId, req.query),
  )
}
export default dashboardAnalystRoutes
