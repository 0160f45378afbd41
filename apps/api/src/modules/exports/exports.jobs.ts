// The exports module's jobs on the `work` queue (jobs/registry.ts collects them and schedules the sweep).
import { z } from 'zod'
import { defineJob, jobMap, NoPayloadSchema } from '../../jobs/definition.js'
import type { ExportsService } from './exports.service.js'

/** What the `work` queue's worker gives these jobs. */
export type ExportJobDeps = { exports: Pick<ExportsService, 'runExport' | 'sweep'> }
const exportJob = defineJob<ExportJobDeps>()

export const ExportPayloadSchema = z.strictObject({ exportId: z.uuid(), generation: z.number().int().positive() })

export const exportJobs = jobMap([
  // one run of an export: the file of one snapshot (exports.service.ts runExport)
  exportJob({
    name: 'export',
    schema: ExportPayloadSchema,
    process: (deps, p) => deps.exports.runExport(p.exportId, p.generation),
  }),
  // expired files, orphaned files and lost jobs (exports.service.ts sweep)
  exportJob({
    name: 'export-sweep',
    schema: NoPayloadSchema,
    process: (deps) => deps.exports.sweep(),
  }),
])
