import { ParticipantImportSchema, type ParticipantImport } from '@klantreis/shared/participants'
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { apiJson } from '../../../lib/api-client'
import { studyPath } from '../../../lib/api-paths'
import { participantKeys } from './participants'

export const isImportRunning = (job: ParticipantImport | undefined) =>
  job?.status === 'queued' || job?.status === 'running'

const importKey = (studyId: string, importId: string) => ['participant-import', studyId, importId] as const

export const startParticipantImport = (studyId: string, csv: string) =>
  apiJson(ParticipantImportSchema, studyPath(studyId, '/participants/import'), {
    method: 'POST',
    rawBody: { contentType: 'text/csv', data: csv },
  })

export const getParticipantImport = (studyId: string, importId: string) =>
  apiJson(ParticipantImportSchema, studyPath(studyId, `/participants/imports/${encodeURIComponent(importId)}`))

export function useStartParticipantImport(studyId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (csv: string) => startParticipantImport(studyId, csv),
    onSuccess: (job) => queryClient.setQueryData(importKey(studyId, job.id), job),
  })
}

/** Polls the job once a second while it is queued or running; refreshes the participants when it ends. */
export function useParticipantImport(studyId: string, importId: string | null) {
  const queryClient = useQueryClient()
  return useQuery(
    queryOptions({
      queryKey: importKey(studyId, importId ?? ''),
      queryFn: async () => {
        const job = await getParticipantImport(studyId, importId ?? '')
        if (!isImportRunning(job)) void queryClient.invalidateQueries({ queryKey: participantKeys.all(studyId) })
        return job
      },
      enabled: importId !== null,
      staleTime: 0,
      refetchOnWindowFocus: false,
      refetchInterval: (q) => (isImportRunning(q.state.data) ? 1000 : false),
    }),
  )
}
