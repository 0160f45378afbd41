import {
  MessagePageSchema,
  PreviewBodySchema,
  PreviewSchema,
  PutReminderSettingsBodySchema,
  ReminderSettingsSchema,
  SendFeedbackBodySchema,
  SendInvitationsBodySchema,
  SendPageSchema,
  SendSchema,
  type MessageKind,
  type MessageStatus,
  type PreviewBody,
  type PutReminderSettingsBody,
} from '@klantreis/shared/messages'
import {
  infiniteQueryOptions,
  queryOptions,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query'
import { apiJson, jsonBody, type BodyOf, type RequestSchema } from '../../../lib/api-client'
import { studyPath } from '../../../lib/api-paths'
import { messagesKey } from '../../../lib/query-keys'

const PAGE_SIZE = 25
/** How often a running send is asked how far it is. */
const POLL_MS = 1000

export type MessageFilters = { participantId?: string; sendId?: string; status?: MessageStatus; kind?: MessageKind }

export const messageKeys = {
  all: messagesKey,
  log: (studyId: string, filters: MessageFilters) => ['messages', studyId, 'log', filters] as const,
  sends: (studyId: string) => ['messages', studyId, 'sends'] as const,
  send: (studyId: string, sendId: string) => ['messages', studyId, 'send', sendId] as const,
  reminders: (studyId: string, surveyId: string) => ['messages', studyId, 'reminders', surveyId] as const,
}

const remindersPath = (studyId: string, surveyId: string) =>
  studyPath(studyId, `/surveys/${encodeURIComponent(surveyId)}/reminders`)

export const useMessageLog = (studyId: string, filters: MessageFilters) =>
  useInfiniteQuery(
    infiniteQueryOptions({
      queryKey: messageKeys.log(studyId, filters),
      queryFn: ({ pageParam }) =>
        apiJson(MessagePageSchema, studyPath(studyId, '/messages'), {
          query: { limit: PAGE_SIZE, cursor: pageParam, ...filters },
        }),
      initialPageParam: null as string | null,
      getNextPageParam: (last) => last.nextCursor,
    }),
  )

export const useSends = (studyId: string) =>
  useInfiniteQuery(
    infiniteQueryOptions({
      queryKey: messageKeys.sends(studyId),
      queryFn: ({ pageParam }) =>
        apiJson(SendPageSchema, studyPath(studyId, '/sends'), { query: { limit: PAGE_SIZE, cursor: pageParam } }),
      initialPageParam: null as string | null,
      getNextPageParam: (last) => last.nextCursor,
    }),
  )

/** One send's progress, asked every second until it is done; then the log and the list are refreshed. */
export function useSendProgress(studyId: string, sendId: string | null) {
  const queryClient = useQueryClient()
  return useQuery({
    queryKey: messageKeys.send(studyId, sendId ?? ''),
    queryFn: async () => {
      const send = await apiJson(SendSchema, studyPath(studyId, `/sends/${encodeURIComponent(sendId ?? '')}`))
      // every poll may have moved rows in the log: keep the log and the list of sends in step
      void queryClient.invalidateQueries({ queryKey: ['messages', studyId, 'log'] })
      void queryClient.invalidateQueries({ queryKey: messageKeys.sends(studyId) })
      return send
    },
    enabled: sendId !== null,
    refetchInterval: (q) => (q.state.data?.done ? false : POLL_MS),
  })
}

export function usePreview(studyId: string) {
  return useMutation({
    mutationFn: (body: PreviewBody) =>
      apiJson(PreviewSchema, studyPath(studyId, '/messages/preview'), {
        method: 'POST',
        body: jsonBody(PreviewBodySchema, body),
      }),
  })
}

function useStartSend<S extends RequestSchema>(studyId: string, path: string, schema: S) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: BodyOf<S>) =>
      apiJson(SendSchema, studyPath(studyId, path), { method: 'POST', body: jsonBody(schema, body) }),
    onSuccess: (send) => {
      queryClient.setQueryData(messageKeys.send(studyId, send.id), send)
      void queryClient.invalidateQueries({ queryKey: messageKeys.all(studyId) })
    },
  })
}

export const useSendInvitations = (studyId: string) =>
  useStartSend(studyId, '/messages/invitations', SendInvitationsBodySchema)
export const useSendFeedback = (studyId: string) => useStartSend(studyId, '/messages/feedback', SendFeedbackBodySchema)

export const useReminders = (studyId: string, surveyId: string) =>
  useQuery(
    queryOptions({
      queryKey: messageKeys.reminders(studyId, surveyId),
      queryFn: () => apiJson(ReminderSettingsSchema, remindersPath(studyId, surveyId)),
    }),
  )

export function useSaveReminders(studyId: string, surveyId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: PutReminderSettingsBody) =>
      apiJson(ReminderSettingsSchema, remindersPath(studyId, surveyId), {
        method: 'PUT',
        body: jsonBody(PutReminderSettingsBodySchema, body),
      }),
    onSuccess: (saved) => queryClient.setQueryData(messageKeys.reminders(studyId, surveyId), saved),
  })
}
