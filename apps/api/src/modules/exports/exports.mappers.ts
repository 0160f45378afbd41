import { CreateExportBodySchema, type ExportJob, type ExportSpec } from '@klantreis/shared/exports'
import { EXPORT_DATASETS } from '@klantreis/shared/exports'
import type { ExportJobRow } from './exports.queries.js'

/**
 * The spec as stored and compared: datasets in their fixed order (the order of the files), so the same
 * request asked in another order is the same export.
 */
export const canonicalSpec = (spec: ExportSpec): ExportSpec => ({
  ...spec,
  datasets: EXPORT_DATASETS.filter((d) => spec.datasets.includes(d)),
})

/** A text of the spec with its keys sorted at every level: equal specs, equal keys. */
export function specKey(spec: ExportSpec): string {
  const sorted = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(sorted)
      : v && typeof v === 'object'
        ? Object.fromEntries(
            Object.keys(v)
              .sort()
              .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
              .map((k) => [k, sorted((v as Record<string, unknown>)[k])]),
          )
        : v
  return JSON.stringify(sorted(spec))
}

/** The stored spec (written by this module from a parsed body) read back through the contract. */
export const specOf = (r: Pick<ExportJobRow, 'spec'>): ExportSpec => CreateExportBodySchema.parse(r.spec)

/** A job as the contract has it; the asker's address only for roles that see addresses. */
export const toExportJob = (r: ExportJobRow, showEmail: boolean): ExportJob => ({
  id: r.id,
  studyId: r.study_id,
  spec: specOf(r),
  status: r.status as ExportJob['status'],
  rowsDone: Number(r.rows_done),
  rowsTotal: Number(r.rows_total),
  fileName: r.file_name,
  fileBytes: r.file_bytes === null ? null : Number(r.file_bytes),
  failure: r.failure as ExportJob['failure'],
  requestedBy: showEmail ? r.requested_by_email : null,
  createdAt: r.created_at.toISOString(),
  finishedAt: r.finished_at?.toISOString() ?? null,
  expiresAt: r.expires_at?.toISOString() ?? null,
})
