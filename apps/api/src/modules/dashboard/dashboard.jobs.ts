// The dashboard's jobs on the `work` queue (jobs/registry.ts collects them and schedules the fold).
import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.js'
import { defineJob, jobMap, NoPayloadSchema } from '../../jobs/definition.js'
import { foldPending } from './dashboard.rollup.queries.js'

/** What the `work` queue's worker gives these jobs. */
export type DashboardJobDeps = { db: Kysely<DB> }
const dashboardJob = defineJob<DashboardJobDeps>()

export const dashboardJobs = jobMap([
  // completed questionnaires go into the dashboard's rollups in batches (until then it counts them live)
  dashboardJob({
    name: 'rollup-fold',
    schema: NoPayloadSchema,
    process: async (deps) => ({ folded: await foldPending(deps.db) }),
  }),
])
