import {
  ConfirmRemovalRequestBodySchema,
  DeclineRemovalRequestBodySchema,
  ParticipantErasureSchema,
  RemovalRequestListSchema,
  RemovalRequestSchema,
} from '@klantreis/shared/participants'
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { apiJson, jsonBody } from '../../../lib/api-client'
import { studyPath } from '../../../lib/api-paths'
import { participantDataKeys } from '../../../lib/query-keys'
import { participantKeys } from './participants'

/** Under the participants' key, so everything that refreshes the participants refreshes these too. */
const removalKey = (studyId: string) => [...participantKeys.all(studyId), 'removal-requests'] as const

/** The address of one participant's data export (a ZIP; the browser's own download, with the session cookie). */
export const participantExportHref = (studyId: string, participantId: string) =>
  studyPath(studyId, `/participants/${encodeURIComponent(participantId)}/export`)

export const useRemovalRequests = (studyId: string) =>
  useQuery(
    queryOptions({
      queryKey: removalKey(studyId),
      queryFn: () => apiJson(RemovalRequestListSchema, studyPath(studyId, '/removal-requests')),
    }),
  )

const requestPath = (studyId: string, requestId: string, action: 'confirm' | 'decline') =>
  studyPath(studyId, `/removal-requests/${encodeURIComponent(requestId)}/${action}`)

/** An admin confirms: the participant is erased (reason participant_request), so every study view may change. */
export function useConfirmRemovalRequest(studyId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (requestId: string) =>
      apiJson(ParticipantErasureSchema, requestPath(studyId, requestId, 'confirm'), {
        method: 'POST',
        body: jsonBody(ConfirmRemovalRequestBodySchema, {}),
      }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: participantKeys.all(studyId) })
      for (const queryKey of participantDataKeys(studyId)) void queryClient.invalidateQueries({ queryKey })
    },
  })
}

export function useDeclineRemovalRequest(studyId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ requestId, reason }: { requestId: string; reason: string }) =>
      apiJson(RemovalRequestSchema, requestPath(studyId, requestId, 'decline'), {
        method: 'POST',
        body: jsonBody(DeclineRemovalRequestBodySchema, reason.trim() ? { reason: reason.trim() } : {}),
      }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: removalKey(studyId) }),
  })
}
