import {
  OrganizationSettingsSchema,
  UpdateOrganizationSettingsBodySchema,
  type UpdateOrganizationSettingsBody,
} from '@klantreis/shared/studies'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { apiJson, jsonBody } from './api-client'
import { studyKeys } from './query-keys'

// Here rather than in a feature: the study's set-up shows the organization's default retention period
// and the team page changes it.
export const organizationSettingsKey = ['organization', 'settings'] as const

export const getOrganizationSettings = () => apiJson(OrganizationSettingsSchema, '/organization/settings')

export const useOrganizationSettings = () =>
  useQuery({ queryKey: organizationSettingsKey, queryFn: getOrganizationSettings })

export function useUpdateOrganizationSettings() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: UpdateOrganizationSettingsBody) =>
      apiJson(OrganizationSettingsSchema, '/organization/settings', {
        method: 'PUT',
        body: jsonBody(UpdateOrganizationSettingsBodySchema, body),
      }),
    onSuccess: (settings) => {
      queryClient.setQueryData(organizationSettingsKey, settings)
      // every study without its own period follows the default: their dates change with it
      void queryClient.invalidateQueries({ queryKey: studyKeys.all })
    },
  })
}
