import type { FastifyBaseLogger } from 'fastify'
import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.js'
import type { ErasureService } from '../erasure/erasure.service.js'
import { retentionEnd } from './retention.js'
import { listClosedStudiesWithRetention, participantIdsToErase } from './studies.queries.js'

/** How many participants one look-up hands the sweep; each is erased in its own transaction. */
const BATCH = 100

/**
 * The retention job (issue 14; jobs/registry.ts schedules it daily on the `work` queue): the participants
 * of every closed study whose period (its own, else its organization's default) has run out since it
 * closed are erased through the erasure service, each in its own transaction, with the reason
 * 'retention'. One that fails is logged and skipped (the next run tries it again); an erased
 * participant's row is gone, so a second run finds nothing. A running study is never erased.
 * The clock is a parameter, so a test moves it.
 */
export function createRetentionService({
  db,
  erasure,
  log,
}: {
  db: Kysely<DB>
  erasure: Pick<ErasureService, 'eraseBySystem'>
  log: FastifyBaseLogger
}) {
  return {
    async sweep(now: Date) {
      let studies = 0
      let erased = 0
      let failed = 0
      for (const s of await listClosedStudiesWithRetention(db)) {
        const end = retentionEnd({ status: s.status, closedAt: s.closed_at }, s.months)
        if (!end || end > now) continue
        studies++
        const skip: string[] = []
        for (;;) {
          const batch = await participantIdsToErase(db, s.id, skip, BATCH)
          if (batch.length === 0) break
          for (const { id } of batch) {
            try {
              await erasure.eraseBySystem(s.organization_id, s.id, id, 'retention')
              erased++
            } catch (err) {
              failed++
              skip.push(id)
              log.warn({ err, studyId: s.id, participantId: id }, 'retention: could not erase a participant')
            }
          }
        }
      }
      if (erased || failed) log.info({ studies, erased, failed }, 'retention sweep')
      return { studies, erased, failed }
    },
  }
}
export type RetentionService = ReturnType<typeof createRetentionService>
