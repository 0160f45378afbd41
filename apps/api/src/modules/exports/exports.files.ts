// How an export becomes one file under DATA_DIR/exports: which kind of file, its offered name, and the
// writing itself (the writers stream each table; a ZIP streams its entries one after another).
import { once } from 'node:events'
import fs from 'node:fs'
import fsp from 'node:fs/promises'
import path from 'node:path'
import { PassThrough, Readable, type Writable } from 'node:stream'
import { finished } from 'node:stream/promises'
import type { ExportDataset, ExportSpec } from '@klantreis/shared/exports'
import yazl from 'yazl'
import type { Photo } from './exports.datasets.js'
import type { ExportTable, OnRow } from './exports.table.js'
import { spssSyntax, writeCsv, writeJsonl, writeXlsx } from './writers/index.js'

export type FileKind = 'csv' | 'jsonl' | 'xlsx' | 'zip'

export const CONTENT_TYPES: Record<FileKind, string> = {
  csv: 'text/csv; charset=utf-8',
  jsonl: 'application/x-ndjson',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  zip: 'application/zip',
}

/** The folder of the export files (DATA_DIR/exports). */
export const exportsDir = (dataDir: string) => path.join(dataDir, 'exports')

/**
 * One table without photos is one file of its format; an XLSX workbook holds every table as a sheet;
 * anything else (several CSV or JSON Lines tables, SPSS's data and syntax pairs, photos) is a ZIP.
 */
export function fileKind(spec: Pick<ExportSpec, 'format' | 'includePhotos'>, tables: number): FileKind {
  if (spec.includePhotos) return 'zip'
  if (spec.format === 'csv' && tables === 1) return 'csv'
  if (spec.format === 'jsonl' && tables === 1) return 'jsonl'
  if (spec.format === 'xlsx') return 'xlsx'
  return 'zip'
}

/** The file's kind from its name (for the download's content type). */
export const kindOfFile = (name: string): FileKind => {
  const ext = path.extname(name).slice(1)
  return ext === 'csv' || ext === 'jsonl' || ext === 'xlsx' ? ext : 'zip'
}

/** ASCII letters and digits of a title, joined by '-' (accents dropped), for a file name. */
export function slug(title: string): string {
  const s = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '')
  return s || 'study'
}

/** klantreis-<study title slug>-<yyyymmdd-hhmm>.<ext>, the time in UTC. */
export function offeredFileName(title: string, madeAt: Date, kind: FileKind): string {
  const iso = madeAt.toISOString()
  const stamp = `${iso.slice(0, 10).replaceAll('-', '')}-${iso.slice(11, 16).replace(':', '')}`
  return `klantreis-${slug(title)}-${stamp}.${kind}`
}

/**
 * content-disposition for a download: an ASCII name for old clients (anything else, and quotes and
 * backslashes, become '_') and the real name as RFC 5987 UTF-8.
 */
export function attachmentHeader(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, '_')
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`
}

const DATASET_TEXT: Record<ExportDataset, string> = {
  'responses-wide': 'one row per response, one column per question of every version',
  'responses-long': 'one row per answer',
  diary: 'one row per diary moment',
  codings: 'one row per coding, its codes joined',
  codebook: "the study's codes, as the codebook import reads them",
  findings: 'one row per finding (measures, estimates, intervals, p values, verdict)',
  dashboard: 'the figures behind one chart of the dashboard',
}
const datasetOf = (table: string) =>
  table === 'findings-evidence'
    ? 'one row per evidence quote of a finding'
    : (DATASET_TEXT[table as ExportDataset] ?? DATASET_TEXT.dashboard)

type ReadmeInput = { studyTitle: string; madeAt: Date; spec: ExportSpec; files: { name: string; table: string }[] }

/** README.txt of an archive: what each file is, the CSV dialect, the filters and when it was made. */
export function readme({ studyTitle, madeAt, spec, files }: ReadmeInput): string {
  const f = spec.filters
  const filters = [
    f.personaId ? `persona ${f.personaId}` : null,
    f.segment ? `segment ${f.segment.key} = ${f.segment.value}` : null,
    f.from ? `from ${f.from}` : null,
    f.to ? `to ${f.to}` : null,
    f.surveyId ? `survey (wave) ${f.surveyId}` : null,
  ].filter(Boolean)
  const sep = spec.separator === '\t' ? 'tab' : `'${spec.separator}'`
  const lines = [
    `Klantreis export of the study "${studyTitle}"`,
    `Made ${madeAt.toISOString()} (UTC).`,
    '',
    'Files:',
    ...files.map((x) => `- ${x.name}: ${datasetOf(x.table)}`),
    ...(spec.includePhotos ? ['- photos/: the diary photos, named as in the diary table'] : []),
    '',
    spec.format === 'csv' || spec.format === 'spss'
      ? `CSV: UTF-8 with a byte order mark, separator ${sep}, decimal mark '${spec.decimal}'. Text that begins with = + - @, a tab or a carriage return is quoted so spreadsheets do not run it as a formula.`
      : spec.format === 'jsonl'
        ? 'JSON Lines: one JSON object per line, UTF-8.'
        : 'XLSX: one sheet per table.',
    ...(spec.format === 'spss'
      ? [
          'SPSS: open the .sps file of a table in SPSS; it reads the .csv beside it and labels its variables and values. Line breaks inside a text are written as spaces, as SPSS ends a case at a line break.',
        ]
      : []),
    '',
    `Filters: ${filters.length ? filters.join(', ') : 'none'}.`,
    `Responses still in progress: ${spec.includeInProgress ? "included (see each row's state)" : 'left out'}.`,
    `Names and e-mail addresses: ${spec.includeContactDetails ? 'included' : 'left out (pseudonyms only)'}.`,
    '',
  ]
  return lines.join('\r\n')
}

type WriteInput = {
  kind: FileKind
  spec: ExportSpec
  tables: ExportTable[]
  photos: AsyncIterable<Photo> | null
  studyTitle: string
  madeAt: Date
  onRow: OnRow
}

/** Write a table into an archive entry: a stream yazl reads when the entry's turn comes. */
async function entry(
  zip: yazl.ZipFile,
  name: string,
  mtime: Date,
  write: (out: Writable) => Promise<void>,
  compress = true,
) {
  const out = new PassThrough()
  zip.addReadStream(out, name, { mtime, compress })
  await write(out)
  if (!out.writableEnded) out.end()
}

async function writeZip(zip: yazl.ZipFile, x: WriteInput) {
  const dialect = { separator: x.spec.separator, decimal: x.spec.decimal }
  const mtime = x.madeAt
  const files =
    x.spec.format === 'xlsx'
      ? [{ name: 'export.xlsx', table: x.tables.map((t) => t.name).join(', ') }]
      : x.tables.flatMap((t) =>
          x.spec.format === 'jsonl'
            ? [{ name: `${t.name}.jsonl`, table: t.name }]
            : x.spec.format === 'spss'
              ? [
                  { name: `${t.name}.csv`, table: t.name },
                  { name: `${t.name}.sps`, table: t.name },
                ]
              : [{ name: `${t.name}.csv`, table: t.name }],
        )
  const text = readme({ studyTitle: x.studyTitle, madeAt: x.madeAt, spec: x.spec, files })
  zip.addBuffer(Buffer.from(text, 'utf8'), 'README.txt', { mtime })
  // an XLSX file is a ZIP already: stored, not compressed twice
  if (x.spec.format === 'xlsx')
    await entry(zip, 'export.xlsx', mtime, (out) => writeXlsx(x.tables, out, x.onRow), false)
  else
    for (const t of x.tables) {
      if (x.spec.format === 'jsonl') await entry(zip, `${t.name}.jsonl`, mtime, (out) => writeJsonl(t, out, x.onRow))
      // SPSS ends a case at a line break even inside quotes: its CSV has them as spaces (writers/spss.ts)
      else
        await entry(zip, `${t.name}.csv`, mtime, (out) =>
          writeCsv(t, out, x.spec.format === 'spss' ? { ...dialect, lineBreaks: 'space' } : dialect, x.onRow),
        )
      if (x.spec.format === 'spss')
        zip.addBuffer(Buffer.from(spssSyntax(t, `${t.name}.csv`, dialect), 'utf8'), `${t.name}.sps`, { mtime })
    }
  if (x.photos)
    for await (const p of x.photos) {
      // one photo in flight at a time: the next is read once yazl has taken this one
      const bytes = Readable.from([p.bytes])
      // photos are compressed already: stored as they are
      zip.addReadStream(bytes, `photos/${p.fileName}`, { mtime, compress: false })
      await once(bytes, 'end')
      x.onRow()
    }
  zip.end()
}

/**
 * Write the export to `filePath` (created or overwritten) and wait until it is on disk. On an error,
 * also one thrown by `onRow` to stop the run, the file is left for the caller to remove.
 */
export async function writeExportFile(filePath: string, x: WriteInput): Promise<void> {
  await fsp.mkdir(path.dirname(filePath), { recursive: true })
  const file = fs.createWriteStream(filePath)
  const written = finished(file)
  // observed below; an early failure must not surface as an unhandled rejection meanwhile
  written.catch(() => undefined)
  try {
    const dialect = { separator: x.spec.separator, decimal: x.spec.decimal }
    const [first] = x.tables
    if (x.kind === 'zip') {
      const zip = new yazl.ZipFile()
      zip.outputStream.on('error', (e: Error) => file.destroy(e))
      zip.outputStream.pipe(file)
      await writeZip(zip, x)
    } else {
      if (x.kind === 'xlsx') await writeXlsx(x.tables, file, x.onRow)
      else if (x.kind === 'jsonl') await writeJsonl(first!, file, x.onRow)
      else await writeCsv(first!, file, dialect, x.onRow)
      if (!file.writableEnded) file.end()
    }
    await written
  } catch (err) {
    file.destroy()
    throw err
  }
}

/** Remove files under DATA_DIR/exports by the names the rows hold (a missing one is already gone). */
export async function removeExportFiles(dataDir: string, names: readonly (string | null)[]) {
  const dir = exportsDir(dataDir)
  await Promise.all(names.flatMap((n) => (n ? [fsp.rm(path.join(dir, path.basename(n)), { force: true })] : [])))
}
