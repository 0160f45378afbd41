import {
  CreateStageBodySchema,
  ReorderBodySchema,
  StageSchema,
  UpdateStageBodySchema,
  type CreateStageBody,
  type JourneyModel,
  type UpdateStageBody,
} from '@klantreis/shared/journey'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { apiJson, apiVoid, jsonBody } from '../../../lib/api-client'
import { studyKeys } from '../../../lib/query-keys'
import { byPosition, modelMutationKey, refreshModelWhenIdle, updateModel } from './model-cache'
import { studyPath } from '../../../lib/api-paths'

const stagePath = (studyId: string, stageId: string) => studyPath(studyId, `/stages/${encodeURIComponent(stageId)}`)

export const createStage = (studyId: string, body: CreateStageBody) =>
  apiJson(StageSchema, studyPath(studyId, '/stages'), { method: 'POST', body: jsonBody(CreateStageBodySchema, body) })

export const updateStage = (studyId: string, stageId: string, body: UpdateStageBody) =>
  apiJson(StageSchema, stagePath(studyId, stageId), { method: 'PATCH', body: jsonBody(UpdateStageBodySchema, body) })

export const deleteStage = (studyId: string, stageId: string) =>
  apiVoid(stagePath(studyId, stageId), { method: 'DELETE' })

export const reorderStages = (studyId: string, ids: string[]) =>
  apiVoid(studyPath(studyId, '/stages/reorder'), { method: 'POST', body: jsonBody(ReorderBodySchema, { ids }) })

export function useSaveStage(studyId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationKey: modelMutationKey(studyId),
    mutationFn: ({ stageId, body }: { stageId: string | null; body: CreateStageBody }) =>
      stageId ? updateStage(studyId, stageId, body) : createStage(studyId, body),
    onSuccess: (stage) => {
      updateModel(queryClient, studyId, (m) => ({
        ...m,
        stages: [...m.stages.filter((s) => s.id !== stage.id), stage].sort(byPosition),
      }))
      refreshModelWhenIdle(queryClient, studyId)
    },
  })
}

export function useDeleteStage(studyId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationKey: modelMutationKey(studyId),
    mutationFn: (stageId: string) => deleteStage(studyId, stageId),
    onSuccess: (_v, stageId) => {
      updateModel(queryClient, studyId, (m) => ({ ...m, stages: m.stages.filter((s) => s.id !== stageId) }))
      refreshModelWhenIdle(queryClient, studyId)
    },
  })
}

/** Optimistic: the columns swap at once; on failure the previous order comes back. */
export function useReorderStages(studyId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationKey: modelMutationKey(studyId),
    scope: { id: `model-layout-${studyId}` },
    mutationFn: (ids: string[]) => reorderStages(studyId, ids),
    // Synchronous on purpose: the new layout must be in the cache in the same render as the click or drop.
    onMutate: (ids) => {
      void queryClient.cancelQueries({ queryKey: studyKeys.model(studyId) }, { revert: false })
      const previous = queryClient.getQueryData<JourneyModel>(studyKeys.model(studyId))
      updateModel(queryClient, studyId, (m) => ({
        ...m,
        stages: ids.flatMap((id, position) => {
          const s = m.stages.find((x) => x.id === id)
          return s ? [{ ...s, position }] : []
        }),
      }))
      return { previous }
    },
    onError: (_err, _ids, context) => {
      if (context?.previous) queryClient.setQueryData(studyKeys.model(studyId), context.previous)
    },
    onSettled: () => refreshModelWhenIdle(queryClient, studyId),
  })
}
