// zod-free: front ends read these without pulling in validation.

/**
 * What an export can hold, each one table (a CSV file, a sheet, a .jsonl file) except `dashboard`,
 * which is one table per chart:
 * - responses-wide: one row per response, one column per question of every version;
 * - responses-long: one row per answer;
 * - diary: one row per diary moment (photos go into the archive when `includePhotos`);
 * - codings: one row per coding (codes joined), and `codebook`: the study's codes as the codebook import reads them;
 * - findings: one row per finding with its measures, estimates, intervals, p values and verdict, and
 *   findings-evidence one row per evidence quote;
 * - dashboard: the figures behind each chart of the dashboard, with the same filters.
 */
export const EXPORT_DATASETS = [
  'responses-wide',
  'responses-long',
  'diary',
  'codings',
  'codebook',
  'findings',
  'dashboard',
] as const
export type ExportDataset = (typeof EXPORT_DATASETS)[number]

/** csv: UTF-8 with BOM; xlsx: one sheet per table; spss: CSV plus an SPSS syntax file with labels; jsonl: JSON Lines. */
export const EXPORT_FORMATS = ['csv', 'xlsx', 'spss', 'jsonl'] as const
export type ExportFormat = (typeof EXPORT_FORMATS)[number]

/** Dutch and Belgian Excel read `;` with a decimal comma; English Excel `,` with a decimal point. */
export const CSV_SEPARATORS = [',', ';', '\t'] as const
export type CsvSeparator = (typeof CSV_SEPARATORS)[number]
export const DECIMAL_MARKS = ['.', ','] as const
export type DecimalMark = (typeof DECIMAL_MARKS)[number]

export const EXPORT_STATUSES = ['queued', 'running', 'done', 'failed', 'expired'] as const
export type ExportStatus = (typeof EXPORT_STATUSES)[number]

/** Why an export failed, as the job records it (never a stack trace or a path). */
export const EXPORT_FAILURES = ['internal', 'too_many_rows'] as const

/** How long a finished export's file is kept for download. */
export const EXPORT_TTL_HOURS = 72

/** XLSX holds at most 1,048,576 rows a sheet: a longer table continues on a sheet named "<name> (2)". */
export const XLSX_MAX_ROWS = 1_048_576

/** The error codes the API answers with in this domain. */
export const EXPORTS_ERROR_CODES = ['EXPORT_NOT_FOUND', 'EXPORT_NOT_READY', 'EXPORT_EXPIRED'] as const
