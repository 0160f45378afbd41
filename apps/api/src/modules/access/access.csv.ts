import { csvText } from '../../lib/csv.js'

/**
 * CSV as RFC 4180 says (comma, CRLF, a field quoted when it holds a comma, quote or line break, quotes
 * doubled), guarded against formula injection (lib/csv). Numbers are written as numbers: a feeling of
 * -2 is a value, not a formula.
 */
export function csvCell(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return ''
  if (typeof v === 'number') return String(v)
  return csvText(v, ',')
}

/** A whole file: a header row, then one row per record; a byte-order mark so spreadsheet programs read it as UTF-8. */
export const csvFile = (header: string[], rows: (string | number | null | undefined)[][]) =>
  `\uFEFF${[header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`
