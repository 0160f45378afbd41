import {
  ArrangeTouchpointsBodySchema,
  CreateTouchpointBodySchema,
  TouchpointListSchema,
  TouchpointSchema,
  UpdateTouchpointBodySchema,
  type ArrangeTouchpointsBody,
  type CreateTouchpointBody,
  type JourneyModel,
  type Touchpoint,
  type UpdateTouchpointBody,
} from '@klantreis/shared/journey'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { apiJson, apiVoid, jsonBody } from '../../../lib/api-client'
import { studyKeys } from '../../../lib/query-keys'
import { modelMutationKey, refreshModelWhenIdle, updateModel } from './model-cache'
import { studyPath } from '../../../lib/api-paths'

const touchpointPath = (studyId: string, touchpointId: string) =>
  studyPath(studyId, `/touchpoints/${encodeURIComponent(touchpointId)}`)

export const createTouchpoint = (studyId: string, body: CreateTouchpointBody) =>
  apiJson(TouchpointSchema, studyPath(studyId, '/touchpoints'), {
    method: 'POST',
    body: jsonBody(CreateTouchpointBodySchema, body),
  })

export const updateTouchpoint = (studyId: string, touchpointId: string, body: UpdateTouchpointBody) =>
  apiJson(TouchpointSchema, touchpointPath(studyId, touchpointId), {
    method: 'PATCH',
    body: jsonBody(UpdateTouchpointBodySchema, body),
  })

export const deleteTouchpoint = (studyId: string, touchpointId: string) =>
  apiVoid(touchpointPath(studyId, touchpointId), { method: 'DELETE' })

// The arrangement answers with the touchpoints of the stages it touched (no cursor).

export const arrangeTouchpoints = (studyId: string, body: ArrangeTouchpointsBody) =>
  apiJson(TouchpointListSchema, studyPath(studyId, '/touchpoints/arrangement'), {
    method: 'PUT',
    body: jsonBody(ArrangeTouchpointsBodySchema, body),
  })

/** stageId → touchpoint ids in order. */
export type Columns = Record<string, string[]>

export function columnsOf(model: JourneyModel): Columns {
  const columns: Columns = Object.fromEntries(model.stages.map((s) => [s.id, [] as string[]]))
  const sorted = [...model.touchpoints].sort((a, b) => a.position - b.position)
  for (const tp of sorted) columns[tp.stageId]?.push(tp.id)
  return columns
}

/** Applies a layout to the model: stage and position follow the columns. */
export function applyColumns(model: JourneyModel, columns: Columns): JourneyModel {
  const placement = new Map<string, { stageId: string; position: number }>()
  for (const [stageId, ids] of Object.entries(columns))
    ids.forEach((id, position) => placement.set(id, { stageId, position }))
  return {
    ...model,
    touchpoints: model.touchpoints.map((tp) => {
      const p = placement.get(tp.id)
      return p ? { ...tp, ...p } : tp
    }),
  }
}

function mergeTouchpoints(model: JourneyModel, items: Touchpoint[]): JourneyModel {
  const byId = new Map(items.map((tp) => [tp.id, tp]))
  return { ...model, touchpoints: model.touchpoints.map((tp) => byId.get(tp.id) ?? tp) }
}

export function useSaveTouchpoint(studyId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationKey: modelMutationKey(studyId),
    mutationFn: ({ touchpointId, body }: { touchpointId: string | null; body: CreateTouchpointBody }) =>
      touchpointId ? updateTouchpoint(studyId, touchpointId, body) : createTouchpoint(studyId, body),
    onSuccess: (touchpoint) => {
      updateModel(queryClient, studyId, (m) => ({
        ...m,
        touchpoints: [...m.touchpoints.filter((tp) => tp.id !== touchpoint.id), touchpoint],
      }))
      // A move to another stage via the form renumbers siblings on the server.
      refreshModelWhenIdle(queryClient, studyId)
    },
  })
}

export function useDeleteTouchpoint(studyId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationKey: modelMutationKey(studyId),
    mutationFn: (touchpointId: string) => deleteTouchpoint(studyId, touchpointId),
    onSuccess: (_v, touchpointId) => {
      updateModel(queryClient, studyId, (m) => ({
        ...m,
        touchpoints: m.touchpoints.filter((tp) => tp.id !== touchpointId),
      }))
      refreshModelWhenIdle(queryClient, studyId)
    },
  })
}

/**
 * Moves are shown at once (optimistic) and sent one after another (one mutation scope), so the
 * server sees them in the order the user made them. A failed move restores the layout from
 * before it and the error is shown.
 */
export function useArrangeTouchpoints(studyId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationKey: modelMutationKey(studyId),
    scope: { id: `model-layout-${studyId}` },
    mutationFn: (columns: Columns) =>
      arrangeTouchpoints(studyId, {
        columns: Object.entries(columns).map(([stageId, touchpointIds]) => ({ stageId, touchpointIds })),
      }),
    // Synchronous on purpose: the new layout must be in the cache in the same render as the click or drop.
    onMutate: (columns) => {
      void queryClient.cancelQueries({ queryKey: studyKeys.model(studyId) }, { revert: false })
      const previous = queryClient.getQueryData<JourneyModel>(studyKeys.model(studyId))
      updateModel(queryClient, studyId, (m) => applyColumns(m, columns))
      return { previous }
    },
    onSuccess: (result) => {
      // An earlier answer must not overwrite the optimistic layout of moves still queued behind it.
      if (queryClient.isMutating({ mutationKey: modelMutationKey(studyId) }) > 1) return
      updateModel(queryClient, studyId, (m) => mergeTouchpoints(m, result.items))
    },
    onError: (_err, _columns, context) => {
      if (context?.previous) queryClient.setQueryData(studyKeys.model(studyId), context.previous)
    },
    onSettled: () => refreshModelWhenIdle(queryClient, studyId),
  })
}
