import { LoginBodySchema, MeSchema, type LoginBody } from '@klantreis/shared/auth'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { apiJson, jsonBody } from '../../../lib/api-client'
import { meQueryKey } from '../../../lib/query-keys'
import { receiveMe } from './get-me'

export const login = (body: LoginBody) =>
  apiJson(MeSchema, '/auth/login', {
    method: 'POST',
    body: jsonBody(LoginBodySchema, body),
    allowUnauthenticated: true,
  })

export function useLogin() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: login,
    onSuccess: (me) => {
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== meQueryKey[0] })
      receiveMe(queryClient, me)
    },
  })
}
