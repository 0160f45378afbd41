import { defineError } from '../../lib/errors.js'

export const DashboardTooBroadError = defineError(
  'DASHBOARD_FILTER_TOO_BROAD',
  'This filter has to be computed from every answer and took too long; narrow the period or drop the segment',
  422,
)
