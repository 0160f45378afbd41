import {
  CreateParticipantBodySchema,
  CreateParticipantLinkBodySchema,
  ParticipantErasureSchema,
  ParticipantLinkSchema,
  ParticipantPageSchema,
  ParticipantSchema,
  UpdateParticipantBodySchema,
  type CreateParticipantBody,
  type UpdateParticipantBody,
} from '@klantreis/shared/participants'
import { PutParticipantMailBodySchema } from '@klantreis/shared/messages'
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
import { messagesKey, participantDataKeys } from '../../../lib/query-keys'

const PAGE_SIZE = 50

export const participantKeys = {
  all: (studyId: string) => ['participants', studyId] as const,
  list: (studyId: string) => ['participants', studyId, 'list'] as const,
  options: (studyId: string) => ['participants', studyId, 'options'] as const,
}

const participantPath = (studyId: string, participantId: string, rest = '') =>
  studyPath(studyId, `/participants/${encodeURIComponent(participantId)}${rest}`)

export const listParticipants = (studyId: string, cursor: string | null, limit = PAGE_SIZE) =>
  apiJson(ParticipantPageSchema, studyPath(studyId, '/participants'), { query: { limit, cursor } })

export const createParticipant = (studyId: string, body: CreateParticipantBody) =>
  apiJson(ParticipantSchema, studyPath(studyId, '/participants'), {
    method: 'POST',
    body: jsonBody(CreateParticipantBodySchema, body),
  })

export const updateParticipant = (studyId: string, participantId: string, body: UpdateParticipantBody) =>
  apiJson(ParticipantSchema, participantPath(studyId, participantId), {
    method: 'PATCH',
    body: jsonBody(UpdateParticipantBodySchema, body),
  })

/** A new personal link; the answer is the only time the token can be seen. */
export const createParticipantLink = (studyId: string, participantId: string, validDays: number) =>
  apiJson(ParticipantLinkSchema, participantPath(studyId, participantId, '/link'), {
    method: 'POST',
    body: jsonBody(CreateParticipantLinkBodySchema, { validDays }),
  })

export const revokeParticipantLinks = (studyId: string, participantId: string) =>
  apiVoid(participantPath(studyId, participantId, '/link/revoke'), { method: 'POST' })

export const getParticipantsInfiniteQueryOptions = (studyId: string) =>
  infiniteQueryOptions({
    queryKey: participantKeys.list(studyId),
    queryFn: ({ pageParam }) => listParticipants(studyId, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  })

export const useParticipants = (studyId: string) => useInfiniteQuery(getParticipantsInfiniteQueryOptions(studyId))

/**
 * One participant, read afresh when a researcher opens their details: the API records that as a view of
 * personal data in the audit log, so it is fetched each time the dialog opens, never served from cache.
 */
export const useParticipantDetails = (studyId: string, participantId: string | null) =>
  useQuery({
    queryKey: [...participantKeys.all(studyId), 'details', participantId],
    queryFn: () => apiJson(ParticipantSchema, participantPath(studyId, participantId!)),
    enabled: participantId !== null,
    gcTime: 0,
    staleTime: 0,
  })

/** The first 200 participants, for pickers (the entries filter). */
export const useParticipantOptions = (studyId: string) =>
  useQuery(
    queryOptions({
      queryKey: participantKeys.options(studyId),
      queryFn: () => listParticipants(studyId, null, 200),
    }),
  )

export function useCreateParticipant(studyId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: CreateParticipantBody) => createParticipant(studyId, body),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: participantKeys.all(studyId) }),
  })
}

export function useUpdateParticipant(studyId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ participantId, body }: { participantId: string; body: UpdateParticipantBody }) =>
      updateParticipant(studyId, participantId, body),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: participantKeys.all(studyId) }),
  })
}

export function useCreateParticipantLink(studyId: string) {
  return useMutation({
    mutationFn: ({ participantId, validDays }: { participantId: string; validDays: number }) =>
      createParticipantLink(studyId, participantId, validDays),
  })
}

export function useRevokeParticipantLinks(studyId: string) {
  return useMutation({ mutationFn: (participantId: string) => revokeParticipantLinks(studyId, participantId) })
}

/** Stops (or resumes) mail to one participant (PUT …/mail); the answer is the participant as it now is. */
export function useSetParticipantMail(studyId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ participantId, subscribed }: { participantId: string; subscribed: boolean }) =>
      apiJson(ParticipantSchema, studyPath(studyId, `/participants/${encodeURIComponent(participantId)}/mail`), {
        method: 'PUT',
        body: jsonBody(PutParticipantMailBodySchema, { subscribed }),
      }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: participantKeys.all(studyId) })
      void queryClient.invalidateQueries({ queryKey: messagesKey(studyId) })
    },
  })
}

/** Erases the participant and every trace of them for good (admins); the answer counts what went. */
export const eraseParticipant = (studyId: string, participantId: string) =>
  apiJson(ParticipantErasureSchema, participantPath(studyId, participantId), { method: 'DELETE' })

export function useEraseParticipant(studyId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (participantId: string) => eraseParticipant(studyId, participantId),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: participantKeys.all(studyId) })
      for (const queryKey of participantDataKeys(studyId)) void queryClient.invalidateQueries({ queryKey })
    },
  })
}
