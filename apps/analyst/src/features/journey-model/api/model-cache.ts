import type { JourneyModel } from '@klantreis/shared/journey'
import type { QueryClient } from '@tanstack/react-query'
import { studyKeys } from '../../../lib/query-keys'

export function updateModel(
  queryClient: QueryClient,
  studyId: string,
  fn: (model: JourneyModel) => JourneyModel,
): void {
  queryClient.setQueryData<JourneyModel>(studyKeys.model(studyId), (model) => (model ? fn(model) : model))
}

/**
 * Refetch the model once no write to it is still in flight; refetching earlier would briefly show
 * the server state without the optimistic changes of the writes still queued.
 */
export function refreshModelWhenIdle(queryClient: QueryClient, studyId: string): void {
  if (queryClient.isMutating({ mutationKey: modelMutationKey(studyId) }) > 1) return
  void queryClient.invalidateQueries({ queryKey: studyKeys.model(studyId) })
}

export const modelMutationKey = (studyId: string) => ['model-write', studyId] as const

export const byPosition = <T extends { position: number }>(a: T, b: T) => a.position - b.position
