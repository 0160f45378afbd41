import { DashboardSchema } from '@klantreis/shared/dashboard'
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { apiJson } from '../../../lib/api-client'
import { studyPath } from '../../journey-model/api/model-cache'

/** The dashboard's filters; empty strings mean "not filtered". */
export type DashboardFilters = { personaId: string; from: string; to: string }

export const dashboardKeys = {
  all: (studyId: string) => ['dashboard', studyId] as const,
  detail: (studyId: string, f: DashboardFilters) => ['dashboard', studyId, f] as const,
}

export const useDashboard = (studyId: string, f: DashboardFilters) =>
  useQuery({
    queryKey: dashboardKeys.detail(studyId, f),
    queryFn: () =>
      apiJson(DashboardSchema, studyPath(studyId, '/dashboard'), {
        query: { personaId: f.personaId || undefined, from: f.from || undefined, to: f.to || undefined },
      }),
    placeholderData: keepPreviousData,
  })
