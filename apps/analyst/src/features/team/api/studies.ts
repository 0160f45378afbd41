import { MemberSchema, MemberStudiesBodySchema } from '@klantreis/shared/auth'
import { StudyPageSchema } from '@klantreis/shared/studies'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { apiJson, jsonBody } from '../../../lib/api-client'
import { teamKeys } from './members'

/**
 * The organization's studies to pick from when a member is limited to some (issue 14). Its own small
 * query (the studies feature has no index to reach it through); 200 is the API's page limit, far above
 * the studies an organization runs at once.
 */
export const useStudyChoices = (enabled: boolean) =>
  useQuery({
    queryKey: ['team', 'study-choices'] as const,
    queryFn: () => apiJson(StudyPageSchema, '/studies', { query: { limit: 200 } }),
    enabled,
    select: (page) => page.items.map((s) => ({ id: s.id, title: s.title })),
  })

export function useChangeMemberStudies() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ userId, studyIds }: { userId: string; studyIds: string[] | null }) =>
      apiJson(MemberSchema, `/members/${encodeURIComponent(userId)}/studies`, {
        method: 'PUT',
        body: jsonBody(MemberStudiesBodySchema, { studyIds }),
      }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: teamKeys.members })
      void queryClient.invalidateQueries({ queryKey: teamKeys.auditLog })
    },
  })
}
