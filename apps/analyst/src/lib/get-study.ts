import { StudySchema } from '@klantreis/shared/studies'
import { queryOptions, useQuery } from '@tanstack/react-query'
import { apiJson } from './api-client'
import { studyKeys } from './query-keys'

export const getStudy = (studyId: string) => apiJson(StudySchema, `/studies/${encodeURIComponent(studyId)}`)

export const getStudyQueryOptions = (studyId: string) =>
  queryOptions({ queryKey: studyKeys.detail(studyId), queryFn: () => getStudy(studyId) })

export const useStudy = (studyId: string | null) =>
  useQuery({ ...getStudyQueryOptions(studyId ?? ''), enabled: studyId !== null })
