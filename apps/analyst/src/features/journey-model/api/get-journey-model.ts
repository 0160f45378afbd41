import { JourneyModelSchema } from '@klantreis/shared/journey'
import { queryOptions, useQuery } from '@tanstack/react-query'
import { apiJson } from '../../../lib/api-client'
import { studyKeys } from '../../../lib/query-keys'

export const getJourneyModel = (studyId: string) =>
  apiJson(JourneyModelSchema, `/studies/${encodeURIComponent(studyId)}/model`)

export const getJourneyModelQueryOptions = (studyId: string) =>
  queryOptions({ queryKey: studyKeys.model(studyId), queryFn: () => getJourneyModel(studyId) })

export const useJourneyModel = (studyId: string) => useQuery(getJourneyModelQueryOptions(studyId))
