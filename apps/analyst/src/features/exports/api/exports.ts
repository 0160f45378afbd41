import {
  CreateExportBodySchema,
  ExportJobSchema,
  ExportListSchema,
  type CreateExportBody,
  type ExportJob,
} from '@klantreis/shared/exports'
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { apiJson, apiVoid, jsonBody } from '../../../lib/api-client'
import { studyPath } from '../../../lib/api-paths'

export const exportKeys = {
  all: (studyId: string) => ['exports', studyId] as const,
  list: (studyId: string) => ['exports', studyId, 'list'] as const,
}

export const isExportRunning = (job: Pick<ExportJob, 'status'>) => job.status === 'queued' || job.status === 'running'

/** How often the list is read again while an export is queued or running: often enough for a moving bar. */
const POLL_MS = 700

const exportPath = (studyId: string, exportId = '') =>
  studyPath(studyId, `/exports${exportId ? `/${encodeURIComponent(exportId)}` : ''}`)

/** The file itself: a plain GET the browser downloads with the session cookie, named by the server. */
export const exportDownloadHref = (studyId: string, exportId: string) =>
  `/api/v1${exportPath(studyId, exportId)}/download`

export const listExports = (studyId: string) => apiJson(ExportListSchema, exportPath(studyId))

export const startExport = (studyId: string, body: CreateExportBody) =>
  apiJson(ExportJobSchema, exportPath(studyId), { method: 'POST', body: jsonBody(CreateExportBodySchema, body) })

/** The caller's exports of this study, newest first; polled while one of them is still being written. */
export const useExports = (studyId: string) =>
  useQuery(
    queryOptions({
      queryKey: exportKeys.list(studyId),
      queryFn: () => listExports(studyId),
      refetchInterval: (q) => (q.state.data?.items.some(isExportRunning) ? POLL_MS : false),
      refetchOnWindowFocus: true,
    }),
  )

/** Starts an export; the same export while it still runs is answered with that job, so it is merged by id. */
export function useStartExport(studyId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: CreateExportBody) => startExport(studyId, body),
    onSuccess: (job) => {
      queryClient.setQueryData(exportKeys.list(studyId), (old: { items: ExportJob[] } | undefined) => ({
        items: [job, ...(old?.items ?? []).filter((j) => j.id !== job.id)],
      }))
      void queryClient.invalidateQueries({ queryKey: exportKeys.all(studyId) })
    },
  })
}

export function useDeleteExport(studyId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (exportId: string) => apiVoid(exportPath(studyId, exportId), { method: 'DELETE' }),
    onSuccess: (_, exportId) => {
      queryClient.setQueryData(exportKeys.list(studyId), (old: { items: ExportJob[] } | undefined) =>
        old ? { items: old.items.filter((j) => j.id !== exportId) } : old,
      )
      void queryClient.invalidateQueries({ queryKey: exportKeys.all(studyId) })
    },
  })
}
