import { AnalystEntryPageSchema, type Valence } from '@klantreis/shared/diary'
import { infiniteQueryOptions, keepPreviousData, useInfiniteQuery } from '@tanstack/react-query'
import { apiJson } from '../../../lib/api-client'
import { studyPath } from '../../../lib/api-paths'

const PAGE_SIZE = 50

/** What the analyst filters on; dates are local calendar days (YYYY-MM-DD), both inclusive. */
export type EntryFilters = {
  participantId: string
  personaId: string
  stageId: string
  touchpointId: string
  valence: Valence | ''
  from: string
  to: string
}

export const EMPTY_FILTERS: EntryFilters = {
  participantId: '',
  personaId: '',
  stageId: '',
  touchpointId: '',
  valence: '',
  from: '',
  to: '',
}

export const entryKeys = {
  all: (studyId: string) => ['entries', studyId] as const,
  list: (studyId: string, filters: EntryFilters) => ['entries', studyId, 'list', filters] as const,
}

/** Start of a local day as an instant; `to` is exclusive on the server, so the end is the next day's start. */
function dayStart(date: string, plusDays = 0): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date)
  if (!m) return undefined
  return new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + plusDays).toISOString()
}

export const listEntries = (studyId: string, filters: EntryFilters, cursor: string | null) =>
  apiJson(AnalystEntryPageSchema, studyPath(studyId, '/entries'), {
    query: {
      limit: PAGE_SIZE,
      cursor,
      participantId: filters.participantId,
      personaId: filters.personaId,
      stageId: filters.stageId,
      touchpointId: filters.touchpointId,
      valence: filters.valence,
      from: dayStart(filters.from),
      to: dayStart(filters.to, 1),
    },
  })

export const getEntriesInfiniteQueryOptions = (studyId: string, filters: EntryFilters) =>
  infiniteQueryOptions({
    queryKey: entryKeys.list(studyId, filters),
    queryFn: ({ pageParam }) => listEntries(studyId, filters, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    // keep the previous list on screen while a changed filter loads
    placeholderData: keepPreviousData,
  })

export const useEntries = (studyId: string, filters: EntryFilters) =>
  useInfiniteQuery(getEntriesInfiniteQueryOptions(studyId, filters))
