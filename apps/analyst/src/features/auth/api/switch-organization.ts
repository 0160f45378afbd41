import { MeSchema, SwitchOrganizationBodySchema } from '@klantreis/shared/auth'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { apiJson, jsonBody } from '../../../lib/api-client'
import { meQueryKey } from '../../../lib/query-keys'
import { receiveMe } from './get-me'

export const switchOrganization = (organizationId: string) =>
  apiJson(MeSchema, '/auth/switch-organization', {
    method: 'POST',
    body: jsonBody(SwitchOrganizationBodySchema, { organizationId }),
  })

export function useSwitchOrganization() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: switchOrganization,
    onSuccess: (me) => {
      // Everything cached belongs to the previous organization.
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== meQueryKey[0] })
      receiveMe(queryClient, me)
    },
  })
}
