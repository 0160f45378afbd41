// The retention job on the `work` queue (jobs/registry.ts collects it and schedules it daily).
import { defineJob, jobMap, NoPayloadSchema } from '../../jobs/definition.js'
import type { RetentionService } from './retention.service.js'

/** What the `work` queue's worker gives this job. */
export type RetentionJobDeps = { retention: Pick<RetentionService, 'sweep'> }
const retentionJob = defineJob<RetentionJobDeps>()

export const retentionJobs = jobMap([
  // erase the participants of closed studies whose retention period has run out (retention.service.ts)
  retentionJob({
    name: 'retention-sweep',
    schema: NoPayloadSchema,
    process: (deps) => deps.retention.sweep(new Date()),
  }),
])
