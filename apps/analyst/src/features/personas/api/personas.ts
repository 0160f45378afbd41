import {
  CreatePersonaBodySchema,
  PersonaSchema,
  ReorderBodySchema,
  UpdatePersonaBodySchema,
  type CreatePersonaBody,
  type JourneyModel,
  type UpdatePersonaBody,
} from '@klantreis/shared/journey'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { apiJson, apiVoid, jsonBody } from '../../../lib/api-client'
import { byPosition, modelMutationKey, refreshModelWhenIdle, updateModel } from '../../journey-model'
import { studyPath } from '../../../lib/api-paths'
import { studyKeys } from '../../../lib/query-keys'

const personaPath = (studyId: string, personaId: string) =>
  studyPath(studyId, `/personas/${encodeURIComponent(personaId)}`)

export const createPersona = (studyId: string, body: CreatePersonaBody) =>
  apiJson(PersonaSchema, studyPath(studyId, '/personas'), {
    method: 'POST',
    body: jsonBody(CreatePersonaBodySchema, body),
  })

export const updatePersona = (studyId: string, personaId: string, body: UpdatePersonaBody) =>
  apiJson(PersonaSchema, personaPath(studyId, personaId), {
    method: 'PATCH',
    body: jsonBody(UpdatePersonaBodySchema, body),
  })

export const deletePersona = (studyId: string, personaId: string) =>
  apiVoid(personaPath(studyId, personaId), { method: 'DELETE' })

export const reorderPersonas = (studyId: string, ids: string[]) =>
  apiVoid(studyPath(studyId, '/personas/reorder'), { method: 'POST', body: jsonBody(ReorderBodySchema, { ids }) })

export function useSavePersona(studyId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationKey: modelMutationKey(studyId),
    mutationFn: ({ personaId, body }: { personaId: string | null; body: CreatePersonaBody }) =>
      personaId ? updatePersona(studyId, personaId, body) : createPersona(studyId, body),
    onSuccess: (persona) => {
      updateModel(queryClient, studyId, (m) => ({
        ...m,
        personas: [...m.personas.filter((p) => p.id !== persona.id), persona].sort(byPosition),
      }))
      refreshModelWhenIdle(queryClient, studyId)
    },
  })
}

export function useDeletePersona(studyId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationKey: modelMutationKey(studyId),
    mutationFn: (personaId: string) => deletePersona(studyId, personaId),
    onSuccess: (_v, personaId) => {
      updateModel(queryClient, studyId, (m) => ({ ...m, personas: m.personas.filter((p) => p.id !== personaId) }))
      refreshModelWhenIdle(queryClient, studyId)
    },
  })
}

export function useReorderPersonas(studyId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationKey: modelMutationKey(studyId),
    scope: { id: `persona-order-${studyId}` },
    mutationFn: (ids: string[]) => reorderPersonas(studyId, ids),
    // Synchronous on purpose: the new layout must be in the cache in the same render as the click or drop.
    onMutate: (ids) => {
      void queryClient.cancelQueries({ queryKey: studyKeys.model(studyId) }, { revert: false })
      const previous = queryClient.getQueryData<JourneyModel>(studyKeys.model(studyId))
      updateModel(queryClient, studyId, (m) => ({
        ...m,
        personas: ids.flatMap((id, position) => {
          const p = m.personas.find((x) => x.id === id)
          return p ? [{ ...p, position }] : []
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
