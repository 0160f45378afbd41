import type { CreateStudyBodySchema, Study, UpdateStudyBodySchema } from '@klantreis/shared/studies'
import type { Kysely } from 'kysely'
import type { z } from 'zod'
import type { DB } from '../../db/schema.js'
import { decodeCursor, pageFrom } from '../../lib/pagination.js'
import { requireRole } from '../../lib/roles.js'
import type { Analyst } from '../../lib/actors.js'
import { StudyNotFoundError } from './studies.errors.js'
import { toStudy } from './studies.mappers.js'
import {
  deleteStudy,
  findStudy,
  findStudyForParticipant,
  insertStudy,
  listStudies,
  lockStudy,
  updateStudy,
} from './studies.queries.js'

/**
 * Whether a member may see this study at all: a member limited to some studies sees only those. Every
 * study-scoped service reaches a study through get or lock below, so this one check answers 404 for
 * the rest, as if the study did not exist (a stakeholder learns nothing of the others).
 */
const inScope = (a: Analyst, studyId: string) => a.studyIds === null || a.studyIds.includes(studyId)

export function createStudiesService({ db }: { db: Kysely<DB> }) {
  return {
    async list(a: Analyst, q: { limit: number; cursor?: string; status?: Study['status'] }) {
      const after = decodeCursor(q.cursor, ['timestamp', 'uuid'])
      const rows = await listStudies(db, a.organizationId, {
        limit: q.limit,
        after,
        status: q.status,
        only: a.studyIds,
      })
      return pageFrom(rows, q.limit, toStudy, (r) => [r.created_key, r.id])
    },

    async get(a: Analyst, studyId: string): Promise<Study> {
      const row = inScope(a, studyId) ? await findStudy(db, a.organizationId, studyId) : undefined
      if (!row) throw new StudyNotFoundError(studyId)
      return toStudy(row)
    },

    /**
     * Throws 404 for a study outside the member's studies. routes/analyst.ts runs it before every route
     * with a `:studyId`, so a route whose service reaches its rows without `get` is held too.
     */
    assertInScope(a: Analyst, studyId: string) {
      if (!inScope(a, studyId)) throw new StudyNotFoundError(studyId)
    },

    getForParticipant: (studyId: string) => findStudyForParticipant(db, studyId),

    /** Holds the study's row until `trx` ends, so changes to its model run one after another. */
    async lock(trx: Kysely<DB>, a: Analyst, studyId: string) {
      if (!inScope(a, studyId) || !(await lockStudy(trx, a.organizationId, studyId)))
        throw new StudyNotFoundError(studyId)
    },

    async create(a: Analyst, body: z.output<typeof CreateStudyBodySchema>): Promise<Study> {
      requireRole(a, 'researcher', 'create studies')
      return toStudy(await insertStudy(db, a.organizationId, body))
    },

    async update(a: Analyst, studyId: string, body: z.output<typeof UpdateStudyBodySchema>): Promise<Study> {
      requireRole(a, 'researcher', 'change studies')
      if (!inScope(a, studyId)) throw new StudyNotFoundError(studyId)
      const row = await updateStudy(db, a.organizationId, studyId, {
        title: body.title,
        goal: body.goal,
        loyalty_metrics: body.loyaltyMetrics,
        scope: body.scope,
        customer_job: body.customerJob,
        languages: body.languages,
        status: body.status,
      })
      if (!row) throw new StudyNotFoundError(studyId)
      return toStudy(row)
    },

    async remove(a: Analyst, studyId: string) {
      requireRole(a, 'researcher', 'delete studies')
      if (!inScope(a, studyId) || !(await deleteStudy(db, a.organizationId, studyId)))
        throw new StudyNotFoundError(studyId)
    },
  }
}
export type StudiesService = ReturnType<typeof createStudiesService>
