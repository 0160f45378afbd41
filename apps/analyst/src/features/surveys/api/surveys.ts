import {
  AnonymousLinkListSchema,
  AnonymousLinkSchema,
  CreateAnonymousLinkBodySchema,
  CreateSurveyBodySchema,
  GenerateSurveyBodySchema,
  PublishedVersionSchema,
  SurveyDetailSchema,
  SurveyListSchema,
  UpdateSurveyBodySchema,
  type CreateAnonymousLinkBody,
  type CreateSurveyBody,
  type GenerateSurveyBody,
  type SurveyDetail,
  type UpdateSurveyBody,
} from '@klantreis/shared/surveys'
import { AnalystResponsePageSchema, AnalystResponseSchema, SurveyResultsSchema } from '@klantreis/shared/responses'
import {
  infiniteQueryOptions,
  queryOptions,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query'
import { apiJson, apiVoid, jsonBody } from '../../../lib/api-client'
import { studyPath } from '../../../lib/api-paths'

const RESPONSE_PAGE_SIZE = 20

export const surveyKeys = {
  all: (studyId: string) => ['surveys', studyId] as const,
  list: (studyId: string) => ['surveys', studyId, 'list'] as const,
  detail: (studyId: string, surveyId: string) => ['surveys', studyId, 'detail', surveyId] as const,
  results: (studyId: string, surveyId: string, version: number | null) =>
    ['surveys', studyId, 'results', surveyId, version] as const,
  responses: (studyId: string, surveyId: string) => ['surveys', studyId, 'responses', surveyId] as const,
  response: (studyId: string, surveyId: string, responseId: string) =>
    ['surveys', studyId, 'response', surveyId, responseId] as const,
  links: (studyId: string, surveyId: string) => ['surveys', studyId, 'links', surveyId] as const,
}

const surveyPath = (studyId: string, surveyId: string, rest = '') =>
  studyPath(studyId, `/surveys/${encodeURIComponent(surveyId)}${rest}`)

export const listSurveys = (studyId: string, cursor: string | null) =>
  apiJson(SurveyListSchema, studyPath(studyId, '/surveys'), { query: { limit: 50, cursor } })

export const useSurveys = (studyId: string) =>
  useInfiniteQuery(
    infiniteQueryOptions({
      queryKey: surveyKeys.list(studyId),
      queryFn: ({ pageParam }) => listSurveys(studyId, pageParam),
      initialPageParam: null as string | null,
      getNextPageParam: (last) => last.nextCursor,
    }),
  )

export const useSurvey = (studyId: string, surveyId: string) =>
  useQuery(
    queryOptions({
      queryKey: surveyKeys.detail(studyId, surveyId),
      queryFn: () => apiJson(SurveyDetailSchema, surveyPath(studyId, surveyId)),
    }),
  )

function useStore(studyId: string) {
  const queryClient = useQueryClient()
  return (survey: SurveyDetail) => {
    queryClient.setQueryData(surveyKeys.detail(studyId, survey.id), survey)
    void queryClient.invalidateQueries({ queryKey: surveyKeys.list(studyId) })
  }
}

export function useCreateSurvey(studyId: string) {
  const store = useStore(studyId)
  return useMutation({
    mutationFn: (body: CreateSurveyBody) =>
      apiJson(SurveyDetailSchema, studyPath(studyId, '/surveys'), {
        method: 'POST',
        body: jsonBody(CreateSurveyBodySchema, body),
      }),
    onSuccess: store,
  })
}

export function useGenerateSurvey(studyId: string) {
  const store = useStore(studyId)
  return useMutation({
    mutationFn: (body: GenerateSurveyBody) =>
      apiJson(SurveyDetailSchema, studyPath(studyId, '/surveys/generate'), {
        method: 'POST',
        body: jsonBody(GenerateSurveyBodySchema, body),
      }),
    onSuccess: store,
  })
}

export function useUpdateSurvey(studyId: string, surveyId: string) {
  const store = useStore(studyId)
  return useMutation({
    mutationFn: (body: UpdateSurveyBody) =>
      apiJson(SurveyDetailSchema, surveyPath(studyId, surveyId), {
        method: 'PATCH',
        body: jsonBody(UpdateSurveyBodySchema, body),
      }),
    onSuccess: store,
  })
}

export function usePublishSurvey(studyId: string, surveyId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: () => apiJson(PublishedVersionSchema, surveyPath(studyId, surveyId, '/publish'), { method: 'POST' }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: surveyKeys.all(studyId) }),
  })
}

export function useDeleteSurvey(studyId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (surveyId: string) => apiVoid(surveyPath(studyId, surveyId), { method: 'DELETE' }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: surveyKeys.list(studyId) }),
  })
}

export const useSurveyResults = (studyId: string, surveyId: string, version: number | null) =>
  useQuery(
    queryOptions({
      queryKey: surveyKeys.results(studyId, surveyId, version),
      queryFn: () => apiJson(SurveyResultsSchema, surveyPath(studyId, surveyId, '/results'), { query: { version } }),
    }),
  )

export const useSurveyResponses = (studyId: string, surveyId: string) =>
  useInfiniteQuery(
    infiniteQueryOptions({
      queryKey: surveyKeys.responses(studyId, surveyId),
      queryFn: ({ pageParam }) =>
        apiJson(AnalystResponsePageSchema, surveyPath(studyId, surveyId, '/responses'), {
          query: { limit: RESPONSE_PAGE_SIZE, cursor: pageParam },
        }),
      initialPageParam: null as string | null,
      getNextPageParam: (last) => last.nextCursor,
    }),
  )

export const useSurveyResponse = (studyId: string, surveyId: string, responseId: string | null) =>
  useQuery({
    queryKey: surveyKeys.response(studyId, surveyId, responseId ?? ''),
    queryFn: () =>
      apiJson(
        AnalystResponseSchema,
        surveyPath(studyId, surveyId, `/responses/${encodeURIComponent(responseId ?? '')}`),
      ),
    enabled: responseId !== null,
  })

// ---------- anonymous links ----------

export const useAnonymousLinks = (studyId: string, surveyId: string) =>
  useQuery(
    queryOptions({
      queryKey: surveyKeys.links(studyId, surveyId),
      queryFn: () => apiJson(AnonymousLinkListSchema, surveyPath(studyId, surveyId, '/anonymous-links')),
    }),
  )

/** The answer carries the full link; the list never does (only its hash is kept), so the caller shows it once. */
export function useCreateAnonymousLink(studyId: string, surveyId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: CreateAnonymousLinkBody) =>
      apiJson(AnonymousLinkSchema, surveyPath(studyId, surveyId, '/anonymous-links'), {
        method: 'POST',
        body: jsonBody(CreateAnonymousLinkBodySchema, body),
      }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: surveyKeys.links(studyId, surveyId) }),
  })
}

export function useRevokeAnonymousLink(studyId: string, surveyId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (linkId: string) =>
      apiVoid(surveyPath(studyId, surveyId, `/anonymous-links/${encodeURIComponent(linkId)}/revoke`), {
        method: 'POST',
      }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: surveyKeys.links(studyId, surveyId) }),
  })
}
