import { StudyPageSchema } from '@klantreis/shared/studies'
import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query'
import { apiJson } from '../../../lib/api-client'
import { studyKeys } from '../../../lib/query-keys'

const PAGE_SIZE = 20

export const listStudies = (cursor: string | null) =>
  apiJson(StudyPageSchema, '/studies', { query: { limit: PAGE_SIZE, cursor } })

export const getStudiesInfiniteQueryOptions = () =>
  infiniteQueryOptions({
    queryKey: studyKeys.list(),
    queryFn: ({ pageParam }) => listStudies(pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  })

export const useStudies = () => useInfiniteQuery(getStudiesInfiniteQueryOptions())
