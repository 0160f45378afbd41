import { DashboardQuotesSchema, DashboardSchema } from '@klantreis/shared/dashboard'
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { apiJson } from '../../../lib/api-client'
import { studyPath } from '../../../lib/api-paths'

/** The dashboard's filters; empty strings mean "not filtered". `segment` is `key:value`. */
export type DashboardFilters = { personaId: string; segment: string; from: string; to: string }

/** Whose quotes the drawer shows: one touchpoint's pains or gains. */
export type QuotesSelection = { touchpointId: string; touchpointName: string; valence: 'pain' | 'gain' }

export const dashboardKeys = {
  all: (studyId: string) => ['dashboard', studyId] as const,
  detail: (studyId: string, f: DashboardFilters) => ['dashboard', studyId, f] as const,
  quotes: (studyId: string, f: DashboardFilters, touchpointId: string, valence: string) =>
    ['dashboard', studyId, f, 'quotes', touchpointId, valence] as const,
}

const filterQuery = (f: DashboardFilters) => ({
  personaId: f.personaId || undefined,
  segment: f.segment || undefined,
  from: f.from || undefined,
  to: f.to || undefined,
})

export const useDashboard = (studyId: string, f: DashboardFilters) =>
  useQuery({
    queryKey: dashboardKeys.detail(studyId, f),
    queryFn: () => apiJson(DashboardSchema, studyPath(studyId, '/dashboard'), { query: filterQuery(f) }),
    placeholderData: keepPreviousData,
  })

// the same filters as the charts, so the quotes behind a bar are the ones it counted
export const useDashboardQuotes = (studyId: string, f: DashboardFilters, sel: QuotesSelection | null) =>
  useQuery({
    queryKey: dashboardKeys.quotes(studyId, f, sel?.touchpointId ?? '', sel?.valence ?? ''),
    queryFn: () =>
      apiJson(DashboardQuotesSchema, studyPath(studyId, '/dashboard/quotes'), {
        query: { ...filterQuery(f), touchpointId: sel!.touchpointId, valence: sel!.valence, limit: 50 },
      }),
    enabled: sel !== null,
  })
