import {
  CreateStudyBodySchema,
  StudySchema,
  UpdateStudyBodySchema,
  type CreateStudyBody,
  type Study,
  type UpdateStudyBody,
} from '@klantreis/shared/studies'
import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query'
import { apiJson, apiVoid, jsonBody } from '../../../lib/api-client'
import { studyKeys } from '../../../lib/query-keys'

export const createStudy = (body: CreateStudyBody) =>
  apiJson(StudySchema, '/studies', { method: 'POST', body: jsonBody(CreateStudyBodySchema, body) })

export const updateStudy = ({ studyId, body }: { studyId: string; body: UpdateStudyBody }) =>
  apiJson(StudySchema, `/studies/${encodeURIComponent(studyId)}`, {
    method: 'PATCH',
    body: jsonBody(UpdateStudyBodySchema, body),
  })

export const deleteStudy = (studyId: string) => apiVoid(`/studies/${encodeURIComponent(studyId)}`, { method: 'DELETE' })

function storeStudy(queryClient: QueryClient, study: Study) {
  queryClient.setQueryData(studyKeys.detail(study.id), study)
  void queryClient.invalidateQueries({ queryKey: studyKeys.list() })
  void queryClient.invalidateQueries({ queryKey: studyKeys.model(study.id) })
}

export function useCreateStudy() {
  const queryClient = useQueryClient()
  return useMutation({ mutationFn: createStudy, onSuccess: (study) => storeStudy(queryClient, study) })
}

export function useUpdateStudy() {
  const queryClient = useQueryClient()
  return useMutation({ mutationFn: updateStudy, onSuccess: (study) => storeStudy(queryClient, study) })
}

export function useDeleteStudy() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: deleteStudy,
    onSuccess: (_void, studyId) => {
      queryClient.removeQueries({ queryKey: studyKeys.detail(studyId) })
      queryClient.removeQueries({ queryKey: studyKeys.model(studyId) })
      void queryClient.invalidateQueries({ queryKey: studyKeys.list() })
    },
  })
}
