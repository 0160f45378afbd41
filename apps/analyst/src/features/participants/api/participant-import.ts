import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { apiJson } from '../../../lib/api-client'
import { studyPath } from '../../../lib/api-paths'
import { participantKeys } from './participants'

/**
 * A CSV import job. Not in @klantreis/shared yet (the endpoint is being built), so this app
 * checks the answer's shape itself; swap for the shared schema once it lands.
 */
export const IMPORT_STATUSES = ['queued', 'running', 'done', 'failed'] as const
export type ImportStatus = (typeof IMPORT_STATUSES)[number]
export type ParticipantImport = {
  id: string
  status: ImportStatus
  total: number
  processed: number
  imported: number
  errors: { row: number; message: string }[]
}

const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0)

export const ParticipantImportParser = {
  parse(data: unknown): ParticipantImport {
    const o = (data ?? {}) as Record<string, unknown>
    if (typeof o.id !== 'string' || !IMPORT_STATUSES.includes(o.status as ImportStatus)) {
      throw new Error('unexpected answer from the participant import')
    }
    const errors = Array.isArray(o.errors) ? o.errors : []
    return {
      id: o.id,
      status: o.status as ImportStatus,
      total: num(o.total),
      processed: num(o.processed),
      imported: num(o.imported),
      errors: errors.map((e) => {
        const r = (e ?? {}) as Record<string, unknown>
        return { row: num(r.row), message: typeof r.message === 'string' ? r.message : String(r.message ?? '') }
      }),
    }
  },
}

export const isImportRunning = (job: ParticipantImport | undefined) =>
  job?.status === 'queued' || job?.status === 'running'

const importKey = (studyId: string, importId: string) => ['participant-import', studyId, importId] as const

export const startParticipantImport = (studyId: string, csv: string) =>
  apiJson(ParticipantImportParser, studyPath(studyId, '/participants/import'), {
    method: 'POST',
    rawBody: { contentType: 'text/csv', data: csv },
  })

export const getParticipantImport = (studyId: string, importId: string) =>
  apiJson(ParticipantImportParser, studyPath(studyId, `/participants/imports/${encodeURIComponent(importId)}`))

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
