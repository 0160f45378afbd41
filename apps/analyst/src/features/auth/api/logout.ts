import { useMutation, useQueryClient } from '@tanstack/react-query'
import { apiVoid, setCsrfToken } from '../../../lib/api-client'
import { meQueryKey } from '../../../lib/query-keys'

export const logout = () => apiVoid('/auth/logout', { method: 'POST', allowUnauthenticated: true })

export function useLogout() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: logout,
    // Even if the call fails the user wants out: drop everything we hold locally.
    onSettled: () => {
      setCsrfToken(null)
      // Keep the 'me' query itself (its observer shows the sign-in screen) and drop everything else.
      queryClient.setQueryData(meQueryKey, null)
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== meQueryKey[0] })
    },
  })
}
