import { MeSchema, type Me } from '@klantreis/shared/auth'
import { queryOptions, useQuery, type QueryClient } from '@tanstack/react-query'
import { apiJson, isApiError, setCsrfToken } from '../../../lib/api-client'
import { meQueryKey } from '../../../lib/query-keys'

/** Every Me answer carries the session's CSRF token; remember it for later writes. */
export function receiveMe(queryClient: QueryClient, me: Me): Me {
  setCsrfToken(me.csrfToken)
  queryClient.setQueryData(meQueryKey, me)
  return me
}

export async function getMe(): Promise<Me | null> {
  try {
    const me = await apiJson(MeSchema, '/auth/me', { allowUnauthenticated: true })
    setCsrfToken(me.csrfToken)
    return me
  } catch (err) {
    if (isApiError(err) && err.status === 401) {
      setCsrfToken(null)
      return null
    }
    throw err
  }
}

export const getMeQueryOptions = () => queryOptions({ queryKey: meQueryKey, queryFn: getMe, staleTime: 5 * 60_000 })

export const useMe = () => useQuery(getMeQueryOptions())
