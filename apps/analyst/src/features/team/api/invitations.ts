import {
  CreateInvitationBodySchema,
  InvitationListSchema,
  InvitationSchema,
  type CreateInvitationBody,
} from '@klantreis/shared/auth'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { apiJson, apiVoid, jsonBody } from '../../../lib/api-client'
import { teamKeys } from './members'

export const listInvitations = () => apiJson(InvitationListSchema, '/invitations')
export const createInvitation = (body: CreateInvitationBody) =>
  apiJson(InvitationSchema, '/invitations', { method: 'POST', body: jsonBody(CreateInvitationBodySchema, body) })
export const revokeInvitation = (invitationId: string) =>
  apiVoid(`/invitations/${encodeURIComponent(invitationId)}`, { method: 'DELETE' })

export const useInvitations = (enabled: boolean) =>
  useQuery({ queryKey: teamKeys.invitations, queryFn: listInvitations, enabled })

export function useCreateInvitation() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: createInvitation,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: teamKeys.invitations })
      void queryClient.invalidateQueries({ queryKey: teamKeys.auditLog })
    },
  })
}

export function useRevokeInvitation() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: revokeInvitation,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: teamKeys.invitations })
      void queryClient.invalidateQueries({ queryKey: teamKeys.auditLog })
    },
  })
}
