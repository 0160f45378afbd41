import { type Kysely, sql } from 'kysely'
import type { DB, PersonaRow, StageRow, TouchpointRow } from '../../db/schema.js'

/** The three ordered children of a study. Every query also names the organization: a foreign id finds nothing. */
export type ChildTable = 'persona' | 'stage' | 'touchpoint'
type RowOf<T extends ChildTable> = T extends 'persona' ? PersonaRow : T extends 'stage' ? StageRow : TouchpointRow

const ownedStudy = (organizationId: string, studyId: string) =>
  sql<boolean>`study_id = ${studyId}::uuid and exists (select 1 from study s where s.id = ${studyId}::uuid and s.organization_id = ${organizationId}::uuid)`

export const listChildren = <T extends ChildTable>(
  db: Kysely<DB>,
  table: T,
  organizationId: string,
  studyId: string,
  q: { limit: number; after?: readonly [number, string]; stageId?: string },
) =>
  db
    .selectFrom(table as 'stage')
    .selectAll()
    .where(ownedStudy(organizationId, studyId))
    .$if(!!q.stageId, (b) => b.where(sql<boolean>`stage_id = ${q.stageId}::uuid`))
    .$if(!!q.after, (b) => b.where(sql<boolean>`(position, id) > (${q.after![0]}::int, ${q.after![1]}::uuid)`))
    .orderBy('position')
    .orderBy('id')
    .limit(q.limit + 1)
    .execute() as Promise<RowOf<T>[]>

export const findChild = <T extends ChildTable>(
  db: Kysely<DB>,
  table: T,
  organizationId: string,
  studyId: string,
  id: string,
) =>
  db
    .selectFrom(table as 'stage')
    .selectAll()
    .where('id', '=', id)
    .where(ownedStudy(organizationId, studyId))
    .executeTakeFirst() as Promise<RowOf<T> | undefined>

export const updateChild = <T extends ChildTable>(
  db: Kysely<DB>,
  table: T,
  organizationId: string,
  studyId: string,
  id: string,
  patch: Record<string, unknown>,
) =>
  db
    .updateTable(table as 'stage')
    .set(patch)
    .where('id', '=', id)
    .where(ownedStudy(organizationId, studyId))
    .returningAll()
    .executeTakeFirst() as Promise<RowOf<T> | undefined>

export const deleteChild = (db: Kysely<DB>, table: ChildTable, organizationId: string, studyId: string, id: string) =>
  db
    .deleteFrom(table as 'stage')
    .where('id', '=', id)
    .where(ownedStudy(organizationId, studyId))
    .returning('id')
    .executeTakeFirst()

export const listChildIds = async (db: Kysely<DB>, table: ChildTable, studyId: string) =>
  (
    await db
      .selectFrom(table as 'stage')
      .select('id')
      .where('study_id', '=', studyId)
      .execute()
  ).map((r) => r.id)

/** Positions 0..n-1 in the given order (callers have locked the study and checked the ids). */
export const setPositions = (db: Kysely<DB>, table: 'persona' | 'stage', ids: string[]) =>
  ids.length === 0
    ? Promise.resolve()
    : sql`update ${sql.table(table)} t set position = v.pos
          from unnest(${ids}::uuid[]) with ordinality as v(id, pos) where t.id = v.id`.execute(db)

export const listTouchpointStages = (db: Kysely<DB>, studyId: string) =>
  db.selectFrom('touchpoint').select(['id', 'stage_id']).where('study_id', '=', studyId).execute()

/** A position after every other touchpoint of the stage, for a touchpoint moved there. */
export const lastPositionIn = (stageId: string, touchpointId: string) =>
  sql<number>`(select coalesce(max(position) + 1, 0) from touchpoint where stage_id = ${stageId}::uuid and id <> ${touchpointId}::uuid)`

export const arrangeTouchpoints = (db: Kysely<DB>, placements: { id: string; stageId: string; position: number }[]) =>
  placements.length === 0
    ? Promise.resolve()
    : sql`update touchpoint t set stage_id = v.stage_id, position = v.pos, updated_at = now()
          from unnest(${placements.map((p) => p.id)}::uuid[], ${placements.map((p) => p.stageId)}::uuid[], ${placements.map((p) => p.position)}::int[])
            as v(id, stage_id, pos)
          where t.id = v.id`.execute(db)

const nextPosition = (table: ChildTable, scope: 'study_id' | 'stage_id', id: string) =>
  sql<number>`(select coalesce(max(position) + 1, 0) from ${sql.table(table)} where ${sql.ref(scope)} = ${id}::uuid)`

/** One statement: the study's organization is checked by the SELECT, so a foreign study inserts nothing. */
export const insertPersona = (
  db: Kysely<DB>,
  organizationId: string,
  studyId: string,
  p: { name: string; description: string; attributes: Record<string, string>; dmuRole: string | null },
) =>
  sql<PersonaRow>`insert into persona (study_id, name, description, attributes, dmu_role, position)
    select s.id, ${p.name}, ${p.description}, ${JSON.stringify(p.attributes)}::jsonb, ${p.dmuRole}::text, ${nextPosition('persona', 'study_id', studyId)}
    from study s where s.id = ${studyId}::uuid and s.organization_id = ${organizationId}::uuid
    returning *`
    .execute(db)
    .then((r) => r.rows[0])

export const insertStage = (
  db: Kysely<DB>,
  organizationId: string,
  studyId: string,
  s: { name: string; description: string },
) =>
  sql<StageRow>`insert into stage (study_id, name, description, position)
    select s.id, ${s.name}, ${s.description}, ${nextPosition('stage', 'study_id', studyId)}
    from study s where s.id = ${studyId}::uuid and s.organization_id = ${organizationId}::uuid
    returning *`
    .execute(db)
    .then((r) => r.rows[0])

/** The hot write of the model editor (bench P1): study ownership and stage membership checked in the same statement. */
export const insertTouchpoint = (
  db: Kysely<DB>,
  organizationId: string,
  studyId: string,
  t: {
    stageId: string
    name: string
    description: string
    channel: string
    kind: string
    ownerDepartment: string
    momentOfTruth: boolean
    origin: string
  },
) =>
  sql<TouchpointRow>`insert into touchpoint (study_id, stage_id, name, description, channel, kind, owner_department, moment_of_truth, origin, position)
    select st.study_id, st.id, ${t.name}, ${t.description}, ${t.channel}, ${t.kind}, ${t.ownerDepartment}, ${t.momentOfTruth}::boolean, ${t.origin},
      ${nextPosition('touchpoint', 'stage_id', t.stageId)}
    from stage st join study s on s.id = st.study_id
    where st.id = ${t.stageId}::uuid and st.study_id = ${studyId}::uuid and s.organization_id = ${organizationId}::uuid
    returning *`
    .execute(db)
    .then((r) => r.rows[0])

export const listModel = async (db: Kysely<DB>, studyId: string) => {
  const [personas, stages, touchpoints] = await Promise.all([
    db.selectFrom('persona').selectAll().where('study_id', '=', studyId).orderBy('position').orderBy('id').execute(),
    db.selectFrom('stage').selectAll().where('study_id', '=', studyId).orderBy('position').orderBy('id').execute(),
    db
      .selectFrom('touchpoint as t')
      .innerJoin('stage as s', 's.id', 't.stage_id')
      .selectAll('t')
      .where('t.study_id', '=', studyId)
      .orderBy('s.position')
      .orderBy('t.position')
      .orderBy('t.id')
      .execute(),
  ])
  return { personas, stages, touchpoints }
}
