import type {
  ArrangeTouchpointsBody,
  CreatePersonaBodySchema,
  CreateStageBodySchema,
  CreateTouchpointBodySchema,
  JourneyModel,
  UpdatePersonaBodySchema,
  UpdateStageBodySchema,
  UpdateTouchpointBodySchema,
} from '@klantreis/shared/journey'
import type { Kysely } from 'kysely'
import type { z } from 'zod'
import type { DB } from '../../db/schema.js'
import { decodeCursor, pageFrom } from '../../lib/pagination.js'
import { requireRole } from '../../lib/roles.js'
import type { Analyst } from '../../lib/actors.js'
import type { StudiesService } from '../studies/studies.service.js'
import { StudyNotFoundError } from '../studies/studies.errors.js'
import {
  PersonaNotFoundError,
  ReorderMismatchError,
  StageNotEmptyError,
  StageNotFoundError,
  TouchpointNotFoundError,
} from './journey.errors.js'
import { toPersona, toStage, toTouchpoint } from './journey.mappers.js'
import {
  arrangeTouchpoints,
  type ChildTable,
  deleteChild,
  findChild,
  insertPersona,
  insertStage,
  insertTouchpoint,
  lastPositionIn,
  listChildIds,
  listChildren,
  listModel,
  listTouchpointStages,
  setPositions,
  updateChild,
} from './journey.queries.js'

type Deps = { db: Kysely<DB>; studies: StudiesService }
type PageQ = { limit: number; cursor?: string }

const NOT_FOUND = { persona: PersonaNotFoundError, stage: StageNotFoundError, touchpoint: TouchpointNotFoundError }
const isFkViolation = (err: unknown) => (err as { code?: string }).code === '23503'

/** Drop undefined keys and map camelCase fields to their columns. */
function columns(patch: Record<string, unknown>, names: Record<string, string>) {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(patch)) if (v !== undefined) out[names[k] ?? k] = v
  return out
}

export function createJourneyService({ db, studies }: Deps) {
  const write = (a: Analyst) => requireRole(a, 'researcher', 'change the journey model')

  async function list<T extends ChildTable>(a: Analyst, table: T, studyId: string, q: PageQ & { stageId?: string }) {
    await studies.get(a, studyId) // 404 for a foreign or missing study, rather than an empty list
    const after = decodeCursor(q.cursor, ['int', 'uuid'])
    return listChildren(db, table, a.organizationId, studyId, { limit: q.limit, after, stageId: q.stageId })
  }
  async function get<T extends ChildTable>(a: Analyst, table: T, studyId: string, id: string) {
    const row = await findChild(db, table, a.organizationId, studyId, id)
    if (!row) throw new NOT_FOUND[table](id)
    return row
  }
  async function update<T extends ChildTable>(
    a: Analyst,
    table: T,
    studyId: string,
    id: string,
    patch: Record<string, unknown>,
  ) {
    write(a)
    const row = await updateChild(db, table, a.organizationId, studyId, id, patch)
    if (!row) throw new NOT_FOUND[table](id)
    return row
  }
  async function remove(a: Analyst, table: ChildTable, studyId: string, id: string) {
    write(a)
    if (!(await deleteChild(db, table, a.organizationId, studyId, id))) throw new NOT_FOUND[table](id)
  }
  /** The body must name every child of the study exactly once: a stale client cannot drop one from the order. */
  async function reorder(a: Analyst, table: 'persona' | 'stage', studyId: string, ids: string[]) {
    write(a)
    return db.transaction().execute(async (trx) => {
      await studies.lock(trx, a, studyId)
      const current = await listChildIds(trx, table, studyId)
      const known = new Set(current)
      const unknown = ids.find((id) => !known.has(id))
      if (unknown) throw new NOT_FOUND[table](unknown)
      if (ids.length !== current.length)
        throw new ReorderMismatchError(`ids must list all ${current.length} ${table}s of the study`)
      await setPositions(trx, table, ids)
    })
  }

  return {
    async model(a: Analyst, studyId: string): Promise<JourneyModel> {
      const study = await studies.get(a, studyId)
      const m = await listModel(db, studyId)
      return {
        study,
        personas: m.personas.map(toPersona),
        stages: m.stages.map(toStage),
        touchpoints: m.touchpoints.map(toTouchpoint),
      }
    },

    personas: {
      list: async (a: Analyst, studyId: string, q: PageQ) =>
        pageFrom(await list(a, 'persona', studyId, q), q.limit, toPersona, (r) => [r.position, r.id]),
      get: async (a: Analyst, studyId: string, id: string) => toPersona(await get(a, 'persona', studyId, id)),
      async create(a: Analyst, studyId: string, body: z.output<typeof CreatePersonaBodySchema>) {
        write(a)
        const row = await insertPersona(db, a.organizationId, studyId, body)
        if (!row) throw new StudyNotFoundError(studyId)
        return toPersona(row)
      },
      update: async (a: Analyst, studyId: string, id: string, body: z.output<typeof UpdatePersonaBodySchema>) => {
        const { attributes, ...rest } = body
        const patch = columns(
          { ...rest, attributes: attributes && JSON.stringify(attributes) },
          { dmuRole: 'dmu_role' },
        )
        return toPersona(await update(a, 'persona', studyId, id, patch))
      },
      remove: (a: Analyst, studyId: string, id: string) => remove(a, 'persona', studyId, id),
      reorder: (a: Analyst, studyId: string, ids: string[]) => reorder(a, 'persona', studyId, ids),
    },

    stages: {
      list: async (a: Analyst, studyId: string, q: PageQ) =>
        pageFrom(await list(a, 'stage', studyId, q), q.limit, toStage, (r) => [r.position, r.id]),
      get: async (a: Analyst, studyId: string, id: string) => toStage(await get(a, 'stage', studyId, id)),
      async create(a: Analyst, studyId: string, body: z.output<typeof CreateStageBodySchema>) {
        write(a)
        const row = await insertStage(db, a.organizationId, studyId, body)
        if (!row) throw new StudyNotFoundError(studyId)
        return toStage(row)
      },
      update: async (a: Analyst, studyId: string, id: string, body: z.output<typeof UpdateStageBodySchema>) =>
        toStage(await update(a, 'stage', studyId, id, columns(body, {}))),
      async remove(a: Analyst, studyId: string, id: string) {
        try {
          await remove(a, 'stage', studyId, id)
        } catch (err) {
          // touchpoint(study_id, stage_id) has no cascade: a stage with touchpoints cannot vanish with them.
          if (isFkViolation(err)) throw new StageNotEmptyError()
          throw err
        }
      },
      reorder: (a: Analyst, studyId: string, ids: string[]) => reorder(a, 'stage', studyId, ids),
    },

    touchpoints: {
      list: async (a: Analyst, studyId: string, q: PageQ & { stageId?: string }) =>
        pageFrom(await list(a, 'touchpoint', studyId, q), q.limit, toTouchpoint, (r) => [r.position, r.id]),
      get: async (a: Analyst, studyId: string, id: string) => toTouchpoint(await get(a, 'touchpoint', studyId, id)),
      /** `executor` lets a caller make the touchpoint inside its own transaction. */
      async create(
        a: Analyst,
        studyId: string,
        body: z.output<typeof CreateTouchpointBodySchema>,
        executor: Kysely<DB> = db,
      ) {
        write(a)
        const row = await insertTouchpoint(executor, a.organizationId, studyId, body)
        if (row) return toTouchpoint(row)
        await studies.get(a, studyId) // tell a missing study from a missing stage
        throw new StageNotFoundError(body.stageId)
      },
      async update(a: Analyst, studyId: string, id: string, body: z.output<typeof UpdateTouchpointBodySchema>) {
        const patch = columns(body, {
          stageId: 'stage_id',
          ownerDepartment: 'owner_department',
          momentOfTruth: 'moment_of_truth',
        })
        if (body.stageId) {
          // moved by a plain edit: append at the end of the new stage
          patch.position = lastPositionIn(body.stageId, id)
        }
        patch.updated_at = new Date()
        try {
          return toTouchpoint(await update(a, 'touchpoint', studyId, id, patch))
        } catch (err) {
          if (isFkViolation(err)) throw new StageNotFoundError(body.stageId ?? '')
          throw err
        }
      },
      remove: (a: Analyst, studyId: string, id: string) => remove(a, 'touchpoint', studyId, id),

      /**
       * Moves and reorders in one call. Every touchpoint now in a named stage must be placed
       * somewhere in the body, so a client working from a stale view gets 409 rather than
       * silently scrambling positions it did not know about.
       */
      async arrange(a: Analyst, studyId: string, body: ArrangeTouchpointsBody) {
        write(a)
        return db.transaction().execute(async (trx) => {
          await studies.lock(trx, a, studyId)
          const stageIds = new Set(await listChildIds(trx, 'stage', studyId))
          const tps = await listTouchpointStages(trx, studyId)
          const stageOf = new Map(tps.map((t) => [t.id, t.stage_id]))
          const placements: { id: string; stageId: string; position: number }[] = []
          const seen = new Set<string>()
          for (const col of body.columns) {
            if (!stageIds.has(col.stageId)) throw new StageNotFoundError(col.stageId)
            col.touchpointIds.forEach((id, position) => {
              if (!stageOf.has(id)) throw new TouchpointNotFoundError(id)
              if (seen.has(id)) throw new ReorderMismatchError(`touchpoint ${id} is placed twice`)
              seen.add(id)
              placements.push({ id, stageId: col.stageId, position })
            })
          }
          const named = new Set(body.columns.map((c) => c.stageId))
          const left = tps.find((t) => named.has(t.stage_id) && !seen.has(t.id))
          if (left)
            throw new ReorderMismatchError(
              `touchpoint ${left.id} is in a named stage but missing from the body; reload the model`,
            )
          await arrangeTouchpoints(trx, placements)
          const m = await listModel(trx, studyId)
          return { items: m.touchpoints.map(toTouchpoint) }
        })
      },
    },

    /** Personas, stages and touchpoints in journey order, in the export job's transaction (issue 15). */
    modelForExport: (trx: Kysely<DB>, studyId: string) => listModel(trx, studyId),
  }
}
export type JourneyService = ReturnType<typeof createJourneyService>
