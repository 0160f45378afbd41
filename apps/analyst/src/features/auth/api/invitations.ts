import {
  AcceptInvitationBodySchema,
  InvitationPreviewSchema,
  InvitationTokenBodySchema,
  MeSchema,
  type AcceptInvitationBody,
} from '@klantreis/shared/auth'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { apiJson, jsonBody } from '../../../lib/api-client'
import { meQueryKey } from '../../../lib/query-keys'
import { receiveMe } from './get-me'

export const previewInvitation = (token: string) =>
  apiJson(InvitationPreviewSchema, '/auth/invitations/preview', {
    method: 'POST',
    body: jsonBody(InvitationTokenBodySchema, { token }),
    allowUnauthenticated: true,
  })

// The token is a secret: keep it out of the query key (and thus out of devtools and cache dumps).
export const useInvitationPreview = (token: string) =>
  useQuery({
    queryKey: ['invitation-preview'],
    queryFn: () => previewInvitation(token),
    staleTime: Infinity,
    gcTime: 0,
  })

export const acceptInvitation = (body: AcceptInvitationBody) =>
  apiJson(MeSchema, '/auth/invitations/accept', {
    method: 'POST',
    body: jsonBody(AcceptInvitationBodySchema, body),
    allowUnauthenticated: true,
  })

export function useAcceptInvitation() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: acceptInvitation,
    onSuccess: (me) => {
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== meQueryKey[0] })
      receiveMe(queryClient, me)
    },
  })
}
