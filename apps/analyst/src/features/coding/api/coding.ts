import {
  AgreementSchema,
  CodebookFileSchema,
  CodebookSchema,
  CodeSchema,
  CreateCodeBodySchema,
  CreateSampleBodySchema,
  CodingListSchema,
  CodingSchema,
  ImportCodebookResultSchema,
  PutCodingBodySchema,
  SampleListSchema,
  SampleSchema,
  SourcePageSchema,
  UpdateCodeBodySchema,
  type CodingValence,
  type CreateCodeBody,
  type CreateSampleBody,
  type PutCodingBody,
  type SourceKind,
} from '@klantreis/shared/coding'
import {
  infiniteQueryOptions,
  keepPreviousData,
  queryOptions,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query'
import { apiJson, apiVoid, jsonBody, type BodyOf } from '../../../lib/api-client'
import { studyPath } from '../../../lib/api-paths'

const PAGE_SIZE = 25

export type SourceFilters = {
  kind: SourceKind | ''
  touchpointId: string
  personaId: string
  participantId: string
  valence: CodingValence | ''
  coded: 'yes' | 'no' | ''
}
export const EMPTY_SOURCE_FILTERS: SourceFilters = {
  kind: '',
  touchpointId: '',
  personaId: '',
  participantId: '',
  valence: '',
  coded: '',
}

export const codingKeys = {
  all: (studyId: string) => ['coding', studyId] as const,
  codes: (studyId: string) => ['coding', studyId, 'codes'] as const,
  sources: (studyId: string) => ['coding', studyId, 'sources'] as const,
  sourceList: (studyId: string, filters: SourceFilters, sampleId: string) =>
    ['coding', studyId, 'sources', 'list', filters, sampleId] as const,
  progress: (studyId: string, sampleId: string) => ['coding', studyId, 'sources', 'progress', sampleId] as const,
  codings: (studyId: string) => ['coding', studyId, 'codings'] as const,
  codingsOf: (studyId: string, source: string, sampleId: string) =>
    ['coding', studyId, 'codings', source, sampleId] as const,
  samples: (studyId: string) => ['coding', studyId, 'samples'] as const,
  agreement: (studyId: string, sampleId: string) => ['coding', studyId, 'samples', sampleId, 'agreement'] as const,
}

// ---------- codebook ----------

export const listCodes = (studyId: string) => apiJson(CodebookSchema, studyPath(studyId, '/codes'))
export const useCodes = (studyId: string) =>
  useQuery(queryOptions({ queryKey: codingKeys.codes(studyId), queryFn: () => listCodes(studyId) }))

/** A new code, or an edit with the version of the code it started from. */
export type SaveCode =
  { codeId: null; body: CreateCodeBody } | { codeId: string; body: CreateCodeBody; baseVersion: number }

export function useSaveCode(studyId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (save: SaveCode) =>
      save.codeId === null
        ? apiJson(CodeSchema, studyPath(studyId, '/codes'), {
            method: 'POST',
            body: jsonBody(CreateCodeBodySchema, save.body),
          })
        : apiJson(CodeSchema, studyPath(studyId, `/codes/${encodeURIComponent(save.codeId)}`), {
            method: 'PATCH',
            body: jsonBody(UpdateCodeBodySchema, { ...save.body, baseVersion: save.baseVersion }),
          }),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: codingKeys.codes(studyId) }),
  })
}

export function useDeleteCode(studyId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ codeId, remapTo }: { codeId: string; remapTo?: string }) =>
      apiVoid(studyPath(studyId, `/codes/${encodeURIComponent(codeId)}`), { method: 'DELETE', query: { remapTo } }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: codingKeys.all(studyId) }),
  })
}

export const codebookExportHref = (studyId: string, format: 'json' | 'csv') =>
  `/api/v1${studyPath(studyId, format === 'csv' ? '/codebook.csv' : '/codebook')}`

export function useImportCodebook(studyId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ format, text }: { format: 'json' | 'csv'; text: string }) => {
      if (format === 'csv')
        return apiJson(ImportCodebookResultSchema, studyPath(studyId, '/codebook.csv'), {
          method: 'POST',
          rawBody: { contentType: 'text/csv', data: text },
        })
      return apiJson(ImportCodebookResultSchema, studyPath(studyId, '/codebook'), {
        method: 'POST',
        // the file is the researcher's: the API checks it against the schema
        body: jsonBody(CodebookFileSchema, JSON.parse(text) as BodyOf<typeof CodebookFileSchema>),
      })
    },
    onSettled: () => void queryClient.invalidateQueries({ queryKey: codingKeys.codes(studyId) }),
  })
}

// ---------- sources ----------

export const listSources = (
  studyId: string,
  filters: SourceFilters,
  sampleId: string,
  cursor: string | null,
  limit = PAGE_SIZE,
) => apiJson(SourcePageSchema, studyPath(studyId, '/sources'), { query: { limit, cursor, ...filters, sampleId } })

export const useSources = (studyId: string, filters: SourceFilters, sampleId: string) =>
  useInfiniteQuery(
    infiniteQueryOptions({
      queryKey: codingKeys.sourceList(studyId, filters, sampleId),
      queryFn: ({ pageParam }) => listSources(studyId, filters, sampleId, pageParam),
      initialPageParam: null as string | null,
      getNextPageParam: (last) => last.nextCursor,
      placeholderData: keepPreviousData,
    }),
  )

/** How many sources there are and how many of them the researcher has coded (all pages, read 200 at a time). */
export const useCodingProgress = (studyId: string, sampleId: string) =>
  useQuery({
    queryKey: codingKeys.progress(studyId, sampleId),
    queryFn: async () => {
      let total = 0
      let coded = 0
      let cursor: string | null = null
      for (let i = 0; i < 50; i++) {
        const page = await listSources(studyId, EMPTY_SOURCE_FILTERS, sampleId, cursor, 200)
        total += page.items.length
        coded += page.items.filter((s) => s.codingCount > 0).length
        cursor = page.nextCursor
        if (!cursor) break
      }
      return { total, coded, complete: cursor === null }
    },
  })

// ---------- codings ----------

export const listCodings = (studyId: string, source: string, sampleId: string) =>
  apiJson(CodingListSchema, studyPath(studyId, '/codings'), { query: { source, sampleId } })

export const useCodingsOf = (studyId: string, source: string | null, sampleId: string) =>
  useQuery({
    queryKey: codingKeys.codingsOf(studyId, source ?? '', sampleId),
    queryFn: () => listCodings(studyId, source!, sampleId),
    enabled: source !== null,
  })

export function usePutCoding(studyId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ codingId, body }: { codingId: string; body: PutCodingBody }) =>
      apiJson(CodingSchema, studyPath(studyId, `/codings/${encodeURIComponent(codingId)}`), {
        method: 'PUT',
        body: jsonBody(PutCodingBodySchema, body),
      }),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: codingKeys.codings(studyId) })
      void queryClient.invalidateQueries({ queryKey: codingKeys.sources(studyId) })
      void queryClient.invalidateQueries({ queryKey: codingKeys.codes(studyId) })
      void queryClient.invalidateQueries({ queryKey: codingKeys.samples(studyId) })
    },
  })
}

export function useDeleteCoding(studyId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ codingId, baseVersion }: { codingId: string; baseVersion: number }) =>
      apiVoid(studyPath(studyId, `/codings/${encodeURIComponent(codingId)}`), {
        method: 'DELETE',
        query: { baseVersion },
      }),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: codingKeys.codings(studyId) })
      void queryClient.invalidateQueries({ queryKey: codingKeys.sources(studyId) })
      void queryClient.invalidateQueries({ queryKey: codingKeys.codes(studyId) })
      void queryClient.invalidateQueries({ queryKey: codingKeys.samples(studyId) })
    },
  })
}

// ---------- double coding ----------

export const useSamples = (studyId: string) =>
  useQuery({
    queryKey: codingKeys.samples(studyId),
    queryFn: () => apiJson(SampleListSchema, studyPath(studyId, '/samples')),
  })

export function useCreateSample(studyId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: CreateSampleBody) =>
      apiJson(SampleSchema, studyPath(studyId, '/samples'), {
        method: 'POST',
        body: jsonBody(CreateSampleBodySchema, body),
      }),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: codingKeys.samples(studyId) }),
  })
}

export const useAgreement = (studyId: string, sampleId: string | null) =>
  useQuery({
    queryKey: codingKeys.agreement(studyId, sampleId ?? ''),
    queryFn: () => apiJson(AgreementSchema, studyPath(studyId, `/samples/${encodeURIComponent(sampleId!)}/agreement`)),
    enabled: sampleId !== null,
  })

/** The texts of a sample's sources, for the disagreement queue. */
export const useSampleSources = (studyId: string, sampleId: string | null) =>
  useQuery({
    queryKey: [...codingKeys.sources(studyId), 'sample-texts', sampleId ?? ''],
    queryFn: async () => {
      const texts = new Map<string, string>()
      let cursor: string | null = null
      for (let i = 0; i < 20; i++) {
        const page = await listSources(studyId, EMPTY_SOURCE_FILTERS, sampleId!, cursor, 200)
        for (const s of page.items) texts.set(s.ref, s.text)
        cursor = page.nextCursor
        if (!cursor) break
      }
      return texts
    },
    enabled: sampleId !== null,
  })
