import createError from '@fastify/error'

export const DashboardTooBroadError = createError(
  'DASHBOARD_FILTER_TOO_BROAD',
  'This filter has to be computed from every answer and took too long; narrow the period or drop the segment',
  422,
)
