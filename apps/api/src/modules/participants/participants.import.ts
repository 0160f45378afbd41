import type { Queue } from 'bullmq'
import { CreateParticipantBodySchema, SEGMENT_COLUMN_PREFIX } from '@klantreis/shared/participants'
import { parse } from 'csv-parse/sync'
import type { Kysely } from 'kysely'
import { z } from 'zod'
import type { DB } from '../../db/schema.js'
import { unguardFormula } from '../../lib/csv.js'
import { detectDelimiter } from '../../lib/csv-dialect.js'
import { recordAudit, studySubject } from '../audit/audit.service.js'
import {
  findImport,
  finishImport,
  insertImportedParticipants,
  listParticipantEmails,
  listPersonaNames,
  listUnfinishedImports,
  updateImport,
  updateImportProgress,
} from './participants.queries.js'

export const IMPORT_BATCH = 500
export const ImportPayloadSchema = z.strictObject({ importId: z.uuid() })

/**
 * The key a header is read by: known columns lower-case with spaces and dashes as '_' ("External ref"
 * → external_ref); a `segment:<key>` column keeps its key as written, since segment names are case-sensitive.
 */
const columnKey = (header: string) => {
  const h = header.trim()
  if (h.toLowerCase().startsWith(SEGMENT_COLUMN_PREFIX))
    return SEGMENT_COLUMN_PREFIX + h.slice(SEGMENT_COLUMN_PREFIX.length).trim()
  const key = h.toLowerCase().replace(/[\s-]+/g, '_')
  return COLUMN_ALIASES[key] ?? key
}
/** Headers as a Dutch list names them, and "E-mail" as either language writes it. */
const COLUMN_ALIASES: Record<string, string> = {
  e_mail: 'email',
  e_mailadres: 'email',
  emailadres: 'email',
  naam: 'name',
  taal: 'language',
  klantnummer: 'external_ref',
}

/** The segment attributes of one record: its non-empty `segment:<key>` cells. */
export const segmentsOf = (rec: Record<string, string>) =>
  Object.fromEntries(
    Object.entries(rec)
      .filter(([k, v]) => k.startsWith(SEGMENT_COLUMN_PREFIX) && v?.trim())
      .map(([k, v]) => [k.slice(SEGMENT_COLUMN_PREFIX.length), v]),
  )

/**
 * CSV text → records keyed by column (see columnKey); BOM, CRLF and blank lines tolerated, and the
 * separator as the file has it (`;` from Dutch Excel, `,`, or tab).
 */
export function parseParticipantCsv(csv: string): Record<string, string>[] {
  return parse(csv, {
    bom: true,
    delimiter: detectDelimiter(csv),
    columns: (header: string[]) => header.map(columnKey),
    skip_empty_lines: true,
    trim: true,
    relax_column_count: true,
    // a list we exported has its formula-like texts (and headers) guarded with a ' (lib/csv): read back as written
    cast: (value) => unguardFormula(value),
  })
}

/**
 * One import job. Rows go in batches; each batch and the progress that covers it commit together,
 * so a retried job (worker killed, database restart) resumes after the last committed batch and
 * never imports a row twice.
 */
export async function runParticipantImport(db: Kysely<DB>, payload: { importId: string }) {
  const { importId } = ImportPayloadSchema.parse(payload)
  const job = await findImport(db, importId)
  if (!job || job.status === 'done') return
  let records: Record<string, string>[]
  try {
    records = parseParticipantCsv(job.csv)
  } catch (err) {
    await updateImport(db, importId, {
      status: 'failed',
      errors: JSON.stringify([{ row: 0, message: `Not a readable CSV file: ${(err as Error).message}` }]),
      finished_at: new Date(),
    })
    return
  }
  if (!records.length || !('email' in records[0]!)) {
    await updateImport(db, importId, {
      status: 'failed',
      errors: JSON.stringify([{ row: 1, message: 'The first line must name the columns, with at least "email"' }]),
      finished_at: new Date(),
    })
    return
  }
  await updateImport(db, importId, { status: 'running', total: records.length })
  const personas = await listPersonaNames(db, job.study_id)
  const personaByName = new Map(personas.map((p) => [p.name.trim().toLowerCase(), p.id]))
  // duplicates across the whole file, not only within a batch: the first occurrence counts
  const firstIndex = new Map<string, number>()
  records.forEach((r, i) => {
    const email = (r.email ?? '').trim().toLowerCase()
    if (email && !firstIndex.has(email)) firstIndex.set(email, i)
  })

  for (let start = job.processed; start < records.length; start += IMPORT_BATCH) {
    const batch = records.slice(start, start + IMPORT_BATCH)
    await db.transaction().execute(async (trx) => {
      const errors: { row: number; message: string }[] = []
      const valid: {
        row: number
        email: string
        name: string
        language: string
        persona_id: string | null
        external_ref: string
        segments: Record<string, string>
      }[] = []
      batch.forEach((rec, i) => {
        const row = start + i + 2 // the header is line 1
        // every problem of the row, so one correction of the file fixes it
        const problems: string[] = []
        const personaName = rec.persona?.trim()
        const personaId = personaName ? personaByName.get(personaName.toLowerCase()) : null
        if (personaName && !personaId) problems.push(`unknown persona "${personaName}"`)
        const parsed = CreateParticipantBodySchema.safeParse({
          email: rec.email ?? '',
          name: rec.name ?? '',
          language: rec.language ? rec.language.toLowerCase() : undefined,
          personaId: personaId ?? null,
          externalRef: rec.external_ref ?? '',
          segments: segmentsOf(rec),
        })
        for (const issue of parsed.success ? [] : parsed.error.issues) {
          // a segment is named by its column, so the message says which one
          const field =
            issue.path[0] === 'segments' && issue.path.length > 1
              ? `${SEGMENT_COLUMN_PREFIX}${String(issue.path[1])}`
              : String(issue.path[0] ?? 'row')
          problems.push(`${field}: ${issue.path[0] === 'email' ? 'not a valid email address' : issue.message}`)
        }
        if (problems.length || !parsed.success)
          return void errors.push(...problems.map((message) => ({ row, message })))
        valid.push({
          row,
          email: parsed.data.email,
          name: parsed.data.name,
          language: parsed.data.language,
          persona_id: parsed.data.personaId,
          external_ref: parsed.data.externalRef,
          segments: parsed.data.segments,
        })
      })
      const unique = valid.filter((v) => {
        const first = firstIndex.get(v.email)!
        if (first + 2 < v.row)
          return void errors.push({ row: v.row, message: `duplicate of row ${first + 2} (${v.email})` })
        return true
      })
      const earlier = unique.length
        ? await listParticipantEmails(
            trx,
            job.study_id,
            unique.map((u) => u.email),
          )
        : []
      const existing = new Set(earlier.map((e) => e.email))
      const fresh = unique.filter((u) =>
        existing.has(u.email) ? void errors.push({ row: u.row, message: `already takes part (${u.email})` }) : true,
      )
      const inserted = fresh.length
        ? await insertImportedParticipants(
            trx,
            job.study_id,
            fresh.map(({ row: _row, ...v }) => v),
          )
        : []
      errors.sort((a, b) => a.row - b.row)
      await updateImportProgress(trx, importId, { processed: start + batch.length, imported: inserted.length, errors })
    })
  }
  // the audit event carries who started the import (its account; no request, so no ip) and the counts
  await db.transaction().execute(async (trx) => {
    const done = await finishImport(trx, importId, new Date())
    if (done)
      await recordAudit(trx, {
        organizationId: done.organization_id,
        actorId: done.created_by,
        actorEmail: null,
        action: 'participant.imported',
        subject: studySubject(done.study_id),
        detail: { importId, imported: done.imported, rejected: done.rejected, rows: done.total },
      })
  })
}

/** The job id of an import: the same every time, so handing an import over twice queues it once. */
export const importJobId = (importId: string) => `import-${importId}`

/**
 * The import's row is the truth and its job only a messenger: a job store that lost its jobs (a
 * Redis restarted empty) would leave an import queued or half-done for good. Every unfinished import
 * older than a minute is handed over again; while its job still exists that is a no-op, and a job
 * that runs again resumes after the batches already committed.
 */
export async function resumeImports(db: Kysely<DB>, workQueue: Queue, now = new Date()) {
  const rows = await listUnfinishedImports(db, new Date(now.getTime() - 60_000))
  for (const r of rows) await workQueue.add('participant-import', { importId: r.id }, { jobId: importJobId(r.id) })
  return rows.length
}
