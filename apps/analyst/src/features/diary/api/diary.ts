import { DiarySchema, PutDiaryBodySchema, type PutDiaryBody } from '@klantreis/shared/diary'
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { apiJson, jsonBody, nullWhenMissing } from '../../../lib/api-client'
import { studyPath } from '../../../lib/api-paths'

export const diaryKey = (studyId: string) => ['diary', studyId] as const

/** The study's diary set-up, or null when there is none yet. */
export const getDiary = (studyId: string) =>
  nullWhenMissing(apiJson(DiarySchema, studyPath(studyId, '/diary')), 'DIARY_NOT_FOUND')

export const putDiary = (studyId: string, body: PutDiaryBody) =>
  apiJson(DiarySchema, studyPath(studyId, '/diary'), { method: 'PUT', body: jsonBody(PutDiaryBodySchema, body) })

export const useDiary = (studyId: string) =>
  useQuery(queryOptions({ queryKey: diaryKey(studyId), queryFn: () => getDiary(studyId) }))

export function useSaveDiary(studyId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: PutDiaryBody) => putDiary(studyId, body),
    onSuccess: (diary) => queryClient.setQueryData(diaryKey(studyId), diary),
  })
}
