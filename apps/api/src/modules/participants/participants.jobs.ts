// The participants module's jobs on the `work` queue (jobs/registry.ts collects them).
import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.js'
import { defineJob, jobMap } from '../../jobs/definition.js'
import { ImportPayloadSchema, runParticipantImport } from './participants.import.js'

// the worker's watch hands unfinished imports over again (jobs/registry.ts)
export { resumeImports } from './participants.import.js'

/** What the `work` queue's worker gives these jobs. */
export type ParticipantJobDeps = { db: Kysely<DB> }
const participantJob = defineJob<ParticipantJobDeps>()

export const participantJobs = jobMap([
  // a CSV import, in batches that each commit (participants.import.ts)
  participantJob({
    name: 'participant-import',
    schema: ImportPayloadSchema,
    process: (deps, payload) => runParticipantImport(deps.db, payload),
  }),
])
