import { type Kysely, sql } from 'kysely'
import type { DB } from '../../db/schema.js'

const LIVE = ['queued', 'running'] as const

/** The columns a job's answer needs: the row and the asker's address. */
const jobColumns = (db: Kysely<DB>) =>
  db
    .selectFrom('export_job as e')
    .leftJoin('account as a', 'a.id', 'e.requested_by')
    .selectAll('e')
    .select('a.email as requested_by_email')

export type ExportJobRow = NonNullable<Awaited<ReturnType<typeof findExport>>>

/**
 * A new job, or nothing when the same asker's same spec is already queued or running (the partial
 * unique index export_job_one_running decides, so two requests at once make one job).
 */
export const insertExport = (
  db: Kysely<DB>,
  v: { studyId: string; requestedBy: string; spec: unknown; specKey: string },
) =>
  db
    .insertInto('export_job')
    .values({ study_id: v.studyId, requested_by: v.requestedBy, spec: JSON.stringify(v.spec), spec_key: v.specKey })
    .onConflict((oc) =>
      oc
        .columns(['study_id', 'requested_by', 'spec_key'])
        .where('status', 'in', [...LIVE])
        .doNothing(),
    )
    .returning('id')
    .executeTakeFirst()

/** The same asker's same spec while it is queued or running. */
export const findLiveExport = (db: Kysely<DB>, studyId: string, requestedBy: string, specKey: string) =>
  jobColumns(db)
    .where('e.study_id', '=', studyId)
    .where('e.requested_by', '=', requestedBy)
    .where('e.spec_key', '=', specKey)
    .where('e.status', 'in', [...LIVE])
    .executeTakeFirst()

export const findExport = (db: Kysely<DB>, studyId: string, exportId: string) =>
  jobColumns(db).where('e.study_id', '=', studyId).where('e.id', '=', exportId).executeTakeFirst()

/** One asker's exports of a study, newest first. */
export const listExports = (db: Kysely<DB>, studyId: string, requestedBy: string, limit: number) =>
  jobColumns(db)
    .where('e.study_id', '=', studyId)
    .where('e.requested_by', '=', requestedBy)
    .orderBy('e.created_at', 'desc')
    .orderBy('e.id', 'desc')
    .limit(limit)
    .execute()

export const deleteExport = (db: Kysely<DB>, exportId: string) =>
  db.deleteFrom('export_job').where('id', '=', exportId).returning('file_path').executeTakeFirst()

/**
 * The job takes its run: only the current generation, only while queued or running (a running one is a
 * retried attempt after a crash, which starts over). Nothing comes back when the export was deleted,
 * re-run by an erasure (a newer generation) or already finished.
 */
export const claimExport = (db: Kysely<DB>, exportId: string, generation: number) =>
  db
    .updateTable('export_job')
    .set({ status: 'running', started_at: sql`now()`, rows_done: 0 })
    .where('id', '=', exportId)
    .where('generation', '=', generation)
    .where('status', 'in', [...LIVE])
    .returningAll()
    .executeTakeFirst()

/** The job's snapshot reads only: a read-only transaction may not write by mistake. */
export const readOnly = (trx: Kysely<DB>) => sql`set transaction read only`.execute(trx)

/** The study's title and organization, for the scope and the file name. */
export const studyOfExport = (db: Kysely<DB>, studyId: string) =>
  db.selectFrom('study').select(['organization_id', 'title']).where('id', '=', studyId).executeTakeFirst()

export const setRowsTotal = (db: Kysely<DB>, exportId: string, generation: number, rowsTotal: number) =>
  db
    .updateTable('export_job')
    .set({ rows_total: rowsTotal })
    .where('id', '=', exportId)
    .where('generation', '=', generation)
    .where('status', '=', 'running')
    .executeTakeFirst()

/** Progress; 0 rows updated means the run is no longer wanted (deleted or re-run by an erasure). */
export const setRowsDone = (db: Kysely<DB>, exportId: string, generation: number, rowsDone: number) =>
  db
    .updateTable('export_job')
    .set({ rows_done: rowsDone })
    .where('id', '=', exportId)
    .where('generation', '=', generation)
    .where('status', '=', 'running')
    .executeTakeFirst()

export const finishExport = (
  db: Kysely<DB>,
  exportId: string,
  generation: number,
  f: { filePath: string; fileName: string; fileBytes: number; ttlHours: number },
) =>
  db
    .updateTable('export_job')
    .set({
      status: 'done',
      file_path: f.filePath,
      file_name: f.fileName,
      file_bytes: f.fileBytes,
      rows_done: sql`rows_total`,
      finished_at: sql`now()`,
      expires_at: sql`now() + make_interval(hours => ${f.ttlHours})`,
    })
    .where('id', '=', exportId)
    .where('generation', '=', generation)
    .where('status', '=', 'running')
    .executeTakeFirst()

export const failExport = (db: Kysely<DB>, exportId: string, generation: number, failure: string) =>
  db
    .updateTable('export_job')
    .set({ status: 'failed', failure, finished_at: sql`now()`, file_path: null })
    .where('id', '=', exportId)
    .where('generation', '=', generation)
    .where('status', '=', 'running')
    .executeTakeFirst()

/**
 * An erasure in the study (inside its transaction): every queued, running or finished export is run
 * again as a new generation, so no file written before the erasure outlives it. Two runs of the same
 * asker's same spec must not both be queued (export_job_one_running), so of finished ones only the
 * newest per asker and spec is queued again, and only when none of that spec is queued or running;
 * the rest expire. Returns each row's old file and what became of it.
 */
export const invalidateStudyExports = async (db: Kysely<DB>, studyId: string) => {
  const r = await sql<{ id: string; generation: number; status: string; old_file_path: string | null }>`
    with old as (
      select id, status, requested_by, spec_key, created_at, file_path
      from export_job
      where study_id = ${studyId}::uuid and status in ('queued', 'running', 'done')
      for update
    ),
    rerun as (
      select id from old where status in ('queued', 'running')
      union all
      (select distinct on (o.requested_by, o.spec_key) o.id
       from old o
       where o.status = 'done'
         and not exists (
           select 1 from old l
           where l.status in ('queued', 'running')
             and l.requested_by is not distinct from o.requested_by
             and l.spec_key = o.spec_key
         )
       order by o.requested_by, o.spec_key, o.created_at desc)
    )
    update export_job e
    set generation = e.generation + 1,
        status = case when e.id in (select id from rerun) then 'queued' else 'expired' end,
        rows_done = 0,
        file_path = null,
        file_name = null,
        file_bytes = null,
        started_at = null,
        finished_at = null,
        expires_at = null
    from old
    where e.id = old.id
    returning e.id, e.generation, e.status, old.file_path as old_file_path
  `.execute(db)
  return r.rows
}

/** The files of a study's exports (before the study is deleted: the rows go by cascade). */
export const studyExportFiles = async (db: Kysely<DB>, studyId: string) =>
  (
    await db
      .selectFrom('export_job')
      .select('file_path')
      .where('study_id', '=', studyId)
      .where('file_path', 'is not', null)
      .execute()
  ).map((r) => r.file_path!)

/** Finished exports past their time: expired, and their files named so the sweep removes them. */
export const expireExports = async (db: Kysely<DB>) => {
  const r = await sql<{ old_file_path: string | null }>`
    with old as (
      select id, file_path from export_job where status = 'done' and expires_at <= now() for update skip locked
    )
    update export_job e set status = 'expired', file_path = null
    from old where e.id = old.id
    returning old.file_path as old_file_path
  `.execute(db)
  return r.rows.flatMap((x) => (x.old_file_path ? [x.old_file_path] : []))
}

/** Every file a row still names (done exports): anything else under DATA_DIR/exports is an orphan. */
export const liveExportFiles = async (db: Kysely<DB>) =>
  new Set(
    (await db.selectFrom('export_job').select('file_path').where('file_path', 'is not', null).execute()).map(
      (r) => r.file_path!,
    ),
  )

/** Exports queued for a while (their job may have been lost with the queue): handed over again. */
export const staleQueuedExports = (db: Kysely<DB>, olderThanMinutes: number) =>
  db
    .selectFrom('export_job')
    .select(['id', 'generation'])
    .where('status', '=', 'queued')
    .where(sql<boolean>`created_at < now() - make_interval(mins => ${olderThanMinutes})`)
    .execute()
