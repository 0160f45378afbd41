import type { Language } from '@klantreis/shared/common'
import { ConsentTextSchema, PublishConsentBodySchema } from '@klantreis/shared/participants'
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { apiJson, jsonBody, nullWhenMissing } from '../../../lib/api-client'
import { studyPath } from '../../../lib/api-paths'

export const consentKey = (studyId: string) => ['consent', studyId] as const

/** The current consent text, or null when the study has none yet. */
export const getConsent = (studyId: string) =>
  nullWhenMissing(apiJson(ConsentTextSchema, studyPath(studyId, '/consent')), 'CONSENT_NOT_FOUND')

export const publishConsent = (studyId: string, texts: Partial<Record<Language, string>>) =>
  apiJson(ConsentTextSchema, studyPath(studyId, '/consent'), {
    method: 'POST',
    body: jsonBody(PublishConsentBodySchema, { texts }),
  })

export const useConsent = (studyId: string) =>
  useQuery(queryOptions({ queryKey: consentKey(studyId), queryFn: () => getConsent(studyId) }))

export function usePublishConsent(studyId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (texts: Partial<Record<Language, string>>) => publishConsent(studyId, texts),
    onSuccess: (consent) => {
      queryClient.setQueryData(consentKey(studyId), consent)
      // participants fall back to "invited" until they consent to the new version
      void queryClient.invalidateQueries({ queryKey: ['participants', studyId] })
    },
  })
}
