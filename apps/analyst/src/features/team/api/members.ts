import { ChangeRoleBodySchema, MemberListSchema, MemberSchema, type Role } from '@klantreis/shared/auth'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { apiJson, apiVoid, jsonBody } from '../../../lib/api-client'
import { meQueryKey } from '../../../lib/query-keys'

export const teamKeys = {
  members: ['team', 'members'] as const,
  invitations: ['team', 'invitations'] as const,
  auditLog: ['team', 'audit-log'] as const,
}

const memberPath = (userId: string) => `/members/${encodeURIComponent(userId)}`

export const listMembers = () => apiJson(MemberListSchema, '/members')
export const changeMemberRole = ({ userId, role }: { userId: string; role: Role }) =>
  apiJson(MemberSchema, memberPath(userId), { method: 'PATCH', body: jsonBody(ChangeRoleBodySchema, { role }) })
export const removeMember = (userId: string) => apiVoid(memberPath(userId), { method: 'DELETE' })

export const useMembers = () => useQuery({ queryKey: teamKeys.members, queryFn: listMembers })

export function useChangeMemberRole() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: changeMemberRole,
    onSettled: () => {
      // Changing one's own role changes what this session may do.
      void queryClient.invalidateQueries({ queryKey: meQueryKey })
      void queryClient.invalidateQueries({ queryKey: teamKeys.members })
      void queryClient.invalidateQueries({ queryKey: teamKeys.auditLog })
    },
  })
}

export function useRemoveMember() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: removeMember,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: teamKeys.members })
      void queryClient.invalidateQueries({ queryKey: teamKeys.auditLog })
    },
  })
}
