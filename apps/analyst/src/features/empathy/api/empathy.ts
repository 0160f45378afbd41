import { EmpathyMapSchema } from '@klantreis/shared/empathy'
import { useQuery } from '@tanstack/react-query'
import { apiJson } from '../../../lib/api-client'
import { studyPath } from '../../../lib/api-paths'

export const empathyKeys = {
  map: (studyId: string, personaId: string) => ['empathy', studyId, personaId] as const,
}

/** The empathy map of one persona, or of everyone when personaId is ''. */
export const useEmpathyMap = (studyId: string, personaId: string) =>
  useQuery({
    queryKey: empathyKeys.map(studyId, personaId),
    queryFn: () =>
      apiJson(EmpathyMapSchema, studyPath(studyId, '/empathy-map'), { query: personaId ? { personaId } : {} }),
  })
