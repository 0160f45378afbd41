import { randomBytes } from 'node:crypto'
import fsp from 'node:fs/promises'
import path from 'node:path'
import { EXPORT_TTL_HOURS, type ExportJob, type ExportSpec } from '@klantreis/shared/exports'
import type { Queue } from 'bullmq'
import type { Kysely, Transaction } from 'kysely'
import type { DB } from '../../db/schema.js'
import type { Analyst } from '../../lib/actors.js'
import { ForbiddenError } from '../../lib/errors.js'
import { seesContactDetails } from '../../lib/roles.js'
import { recordAnalystAudit, studySubject } from '../audit/audit.service.js'
import type { StudiesService } from '../studies/studies.service.js'
import type { Datasets } from './exports.datasets.js'
import { ExportExpiredError, ExportNotFoundError, ExportNotReadyError } from './exports.errors.js'
import {
  CONTENT_TYPES,
  exportsDir,
  fileKind,
  kindOfFile,
  offeredFileName,
  removeExportFiles,
  writeExportFile,
} from './exports.files.js'
import { canonicalSpec, specKey, specOf, toExportJob } from './exports.mappers.js'
import {
  claimExport,
  deleteExport,
  expireExports,
  failExport,
  findExport,
  findLiveExport,
  finishExport,
  insertExport,
  invalidateStudyExports,
  listExports,
  liveExportFiles,
  readOnly,
  setRowsDone,
  setRowsTotal,
  staleQueuedExports,
  studyExportFiles,
  studyOfExport,
} from './exports.queries.js'

/** The job's name on the work queue (exports.jobs.ts) and its id: one BullMQ job per run (generation). */
export const EXPORT_JOB = 'export'
export const exportJobId = (exportId: string, generation: number) => `export-${exportId}-${generation}`

/** How often the job writes its progress at most. */
const PROGRESS_MS = 500
/** A `.part` file this young may belong to a run in progress; an orphaned final file too (it is renamed before its row says so). */
const ORPHAN_AGE_MS = 60 * 60 * 1000
/** A queued export older than this whose job may have been lost is handed to the queue again. */
const REQUEUE_AFTER_MINUTES = 5
const LIST_LIMIT = 50

/** Thrown from the row callback to stop a run nobody wants any more (deleted, or re-run by an erasure). */
class RunGone extends Error {}

/** What an erasure hands back to do after its commit: the old files to remove and the runs to start. */
export type InvalidatedExports = { files: (string | null)[]; reruns: { id: string; generation: number }[] }

type Log = {
  info: (obj: object, msg: string) => void
  warn: (obj: object, msg: string) => void
  error: (obj: object, msg: string) => void
}

/**
 * Study exports (issue 15; docs/architecture.md "Exports"): a member asks for datasets in a format, a job
 * on the work queue streams the rows of one snapshot into a file under DATA_DIR/exports, the member
 * downloads it until it expires. Each member sees only their own exports: a file with names that an
 * admin made must not reach a viewer.
 */
export function createExportsService({
  db,
  studies,
  datasets,
  workQueue,
  dataDir,
  log,
}: {
  db: Kysely<DB>
  studies: Pick<StudiesService, 'get'>
  datasets: Datasets
  workQueue: Pick<Queue, 'add'>
  dataDir: string
  log: Log
}) {
  const dir = exportsDir(dataDir)

  const enqueue = (id: string, generation: number) =>
    workQueue.add(
      EXPORT_JOB,
      { exportId: id, generation },
      // a crash mid-run is retried once (the run starts over); finished jobs need not stay in Redis
      { jobId: exportJobId(id, generation), attempts: 2, removeOnComplete: 100, removeOnFail: 100 },
    )

  /** The member's own export of the study, else a 404 (another member's, another study's or none). */
  async function own(a: Analyst, studyId: string, exportId: string) {
    await studies.get(a, studyId)
    const row = await findExport(db, studyId, exportId)
    if (!row || row.requested_by !== a.accountId) throw new ExportNotFoundError(exportId)
    return row
  }

  /**
   * One run of an export (the BullMQ job `export`, and the bench outside BullMQ): claim it, read every
   * table in one read-only repeatable-read snapshot, stream them into `<id>-<generation>-<run>.part`, rename it
   * and mark the export done. A run that finds its generation gone (deleted, or re-run by an erasure)
   * stops and removes its file.
   */
  async function runExport(exportId: string, generation: number): Promise<void> {
    const job = await claimExport(db, exportId, generation)
    if (!job) return
    const spec = specOf(job)
    const study = await studyOfExport(db, job.study_id)
    if (!study) return
    await fsp.mkdir(dir, { recursive: true })
    // a run's own name: a stalled run BullMQ retried while the first is still alive writes beside it, and
    // the one that finishes second removes only its own file
    const run = randomBytes(4).toString('hex')
    const part = path.join(dir, `${exportId}-${generation}-${run}.part`)
    const madeAt = new Date()
    let rows = 0
    let lastWrite = Date.now()
    let writing = false
    let gone = false
    const onRow = () => {
      if (gone) throw new RunGone()
      rows++
      const now = Date.now()
      if (writing || now - lastWrite < PROGRESS_MS) return
      lastWrite = now
      writing = true
      setRowsDone(db, exportId, generation, rows)
        .then((r) => {
          if (r.numUpdatedRows === 0n) gone = true
        })
        .catch((err: Error) => log.warn({ exportId, type: err.name }, 'could not write export progress'))
        .finally(() => {
          writing = false
        })
    }
    try {
      const kind = await db
        .transaction()
        .setIsolationLevel('repeatable read')
        .execute(async (trx) => {
          await readOnly(trx)
          const scope = {
            organizationId: study.organization_id,
            studyId: job.study_id,
            contactDetails: spec.includeContactDetails,
          }
          const tables = await datasets.tables(trx, scope, spec)
          const photos = spec.includePhotos ? await datasets.photoCount(trx, scope, spec) : 0
          const total = tables.reduce((n, t) => n + t.count, 0) + photos
          if ((await setRowsTotal(db, exportId, generation, total)).numUpdatedRows === 0n) throw new RunGone()
          const kind = fileKind(spec, tables.length)
          await writeExportFile(part, {
            kind,
            spec,
            tables,
            photos: spec.includePhotos ? datasets.photos(trx, scope, spec) : null,
            studyTitle: study.title,
            madeAt,
            onRow,
          })
          return kind
        })
      if (gone) throw new RunGone()
      const name = `${exportId}-${generation}-${run}.${kind}`
      const final = path.join(dir, name)
      await fsp.rename(part, final)
      const { size } = await fsp.stat(final)
      const fileName = offeredFileName(study.title, madeAt, kind)
      const done = await finishExport(db, exportId, generation, {
        filePath: name,
        fileName,
        fileBytes: size,
        ttlHours: EXPORT_TTL_HOURS,
      })
      // an erasure or a delete came in between: this file must not stay
      if (done.numUpdatedRows === 0n) await fsp.rm(final, { force: true })
    } catch (err) {
      await fsp.rm(part, { force: true })
      if (err instanceof RunGone) return
      const e = err as Error & { code?: string }
      // the message may quote a value (a participant's text): the log names the kind of error and where
      log.error(
        { exportId, generation, type: e.name, code: e.code, at: e.stack?.split('\n').slice(1, 6).join('\n') },
        'export failed',
      )
      await failExport(db, exportId, generation, 'internal')
    }
  }

  return {
    runExport,

    /**
     * Start an export (or find the same one queued or running: same member, same spec). Names and
     * addresses only for the roles that see them. Returns whether a new job was made.
     */
    async create(a: Analyst, studyId: string, body: ExportSpec, ip: string) {
      await studies.get(a, studyId)
      const spec = canonicalSpec(body)
      if (spec.includeContactDetails && !seesContactDetails(a))
        throw Object.assign(new ForbiddenError('export names and e-mail addresses'), {
          details: [
            {
              path: 'body.includeContactDetails',
              message: 'your role sees pseudonyms only; leave contact details out',
            },
          ],
        })
      const key = specKey(spec)
      // a finished twin between the insert's conflict and the look-up is no twin: try once more
      for (let attempt = 0; attempt < 3; attempt++) {
        const made = await db.transaction().execute(async (trx) => {
          const row = await insertExport(trx, { studyId, requestedBy: a.accountId, spec, specKey: key })
          if (row)
            await recordAnalystAudit(trx, a, ip, 'export.created', studySubject(studyId), {
              exportId: row.id,
              datasets: spec.datasets,
              format: spec.format,
            })
          return row
        })
        if (made) {
          await enqueue(made.id, 1)
          const row = await findExport(db, studyId, made.id)
          return { created: true, job: toExportJob(row!, seesContactDetails(a)) }
        }
        const twin = await findLiveExport(db, studyId, a.accountId, key)
        if (twin) {
          // its job may have been lost (a queue that was down when it was made): the id makes this a no-op otherwise
          if (twin.status === 'queued') await enqueue(twin.id, twin.generation)
          return { created: false, job: toExportJob(twin, seesContactDetails(a)) }
        }
      }
      throw new Error('export: could neither insert nor find the running twin')
    },

    /** The member's own exports of the study, newest first (the last 50). */
    async list(a: Analyst, studyId: string): Promise<{ items: ExportJob[] }> {
      await studies.get(a, studyId)
      const rows = await listExports(db, studyId, a.accountId, LIST_LIMIT)
      return { items: rows.map((r) => toExportJob(r, seesContactDetails(a))) }
    },

    async get(a: Analyst, studyId: string, exportId: string): Promise<ExportJob> {
      return toExportJob(await own(a, studyId, exportId), seesContactDetails(a))
    },

    /** The finished file as a stream; audited as a data download. */
    async download(a: Analyst, studyId: string, exportId: string, ip: string) {
      const row = await own(a, studyId, exportId)
      // a member whose role lost the contact details since asking (admin made viewer) loses the file with names too
      if (specOf(row).includeContactDetails && !seesContactDetails(a))
        throw new ForbiddenError('download an export with names and e-mail addresses')
      if (row.status === 'queued' || row.status === 'running') throw new ExportNotReadyError()
      if (row.status !== 'done' || !row.file_path || !row.file_name) throw new ExportExpiredError()
      const file = path.join(dir, path.basename(row.file_path))
      // opened before the audit, so a file the sweep removed a moment ago is a 410, not a broken download
      const handle = await fsp.open(file, 'r').catch((err: NodeJS.ErrnoException) => {
        if (err.code === 'ENOENT') throw new ExportExpiredError()
        throw err
      })
      const spec = specOf(row)
      await recordAnalystAudit(db, a, ip, 'export.downloaded', studySubject(studyId), {
        what: spec.datasets.join(', '),
        format: spec.format,
        exportId,
      })
      return {
        fileName: row.file_name,
        contentType: CONTENT_TYPES[kindOfFile(row.file_path)],
        stream: handle.createReadStream(),
        bytes: (await handle.stat()).size,
      }
    },

    /** Remove the export and its file; a run in progress finds its row gone and discards its file. */
    async remove(a: Analyst, studyId: string, exportId: string) {
      await own(a, studyId, exportId)
      const gone = await deleteExport(db, exportId)
      await removeExportFiles(dataDir, [gone?.file_path ?? null])
    },

    /**
     * An erasure in the study, inside its transaction: every export of the study that could hold the
     * participant runs again as a new generation. After the commit call `settleInvalidated` with the
     * answer (files removed, re-runs queued).
     */
    async invalidateStudy(trx: Kysely<DB> | Transaction<DB>, studyId: string): Promise<InvalidatedExports> {
      const rows = await invalidateStudyExports(trx, studyId)
      return {
        files: rows.map((r) => r.old_file_path),
        reruns: rows.filter((r) => r.status === 'queued').map((r) => ({ id: r.id, generation: r.generation })),
      }
    },

    async settleInvalidated(inv: InvalidatedExports) {
      await removeExportFiles(dataDir, inv.files)
      for (const r of inv.reruns) await enqueue(r.id, r.generation)
    },

    /** The files of a study's exports, read before the study is deleted (its rows go by cascade). */
    studyFiles: (trx: Kysely<DB>, studyId: string) => studyExportFiles(trx, studyId),
    removeFiles: (names: readonly string[]) => removeExportFiles(dataDir, names),

    /**
     * The scheduled sweep: finished exports past their time expire and lose their files; files under
     * DATA_DIR/exports that no row names (a crash's leftovers) go once they are an hour old; queued
     * exports whose job may have been lost are handed over again.
     */
    async sweep(now = new Date()) {
      const expired = await expireExports(db)
      await removeExportFiles(dataDir, expired)
      const live = await liveExportFiles(db)
      let orphans = 0
      const names = await fsp.readdir(dir).catch(() => [] as string[])
      for (const name of names) {
        if (live.has(name)) continue
        const stat = await fsp.stat(path.join(dir, name)).catch(() => undefined)
        if (!stat?.isFile() || now.getTime() - stat.mtimeMs < ORPHAN_AGE_MS) continue
        await fsp.rm(path.join(dir, name), { force: true })
        orphans++
      }
      const stale = await staleQueuedExports(db, REQUEUE_AFTER_MINUTES)
      for (const s of stale) await enqueue(s.id, s.generation)
      return { expired: expired.length, orphans, requeued: stale.length }
    },
  }
}
export type ExportsService = ReturnType<typeof createExportsService>
