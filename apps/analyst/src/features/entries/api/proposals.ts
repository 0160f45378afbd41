import {
  ProposalListSchema,
  ResolveProposalBodySchema,
  ResolvedProposalSchema,
  type ResolveProposalBody,
} from '@klantreis/shared/diary'
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { apiJson, jsonBody } from '../../../lib/api-client'
import { studyPath } from '../../../lib/api-paths'
import { studyKeys } from '../../../lib/query-keys'
import { entryKeys } from './entries'

export const proposalsKey = (studyId: string) => ['proposals', studyId] as const

export const listProposals = (studyId: string) => apiJson(ProposalListSchema, studyPath(studyId, '/proposals'))

export const resolveProposal = (studyId: string, proposalId: string, body: ResolveProposalBody) =>
  apiJson(ResolvedProposalSchema, studyPath(studyId, `/proposals/${encodeURIComponent(proposalId)}/resolve`), {
    method: 'POST',
    body: jsonBody(ResolveProposalBodySchema, body),
  })

export const useProposals = (studyId: string) =>
  useQuery(queryOptions({ queryKey: proposalsKey(studyId), queryFn: () => listProposals(studyId) }))

export function useResolveProposal(studyId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ proposalId, body }: { proposalId: string; body: ResolveProposalBody }) =>
      resolveProposal(studyId, proposalId, body),
    onSettled: () => {
      // the entries move to the touchpoint; an accepted proposal is a new touchpoint in the model
      void queryClient.invalidateQueries({ queryKey: proposalsKey(studyId) })
      void queryClient.invalidateQueries({ queryKey: entryKeys.all(studyId) })
      void queryClient.invalidateQueries({ queryKey: studyKeys.model(studyId) })
    },
  })
}
