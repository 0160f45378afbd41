import type { Writable } from 'node:stream'
import type { CsvSeparator, DecimalMark } from '@klantreis/shared/exports'
import { csvField, csvText } from '../../../lib/csv.js'
import type { Cell, ColumnType, ExportTable, OnRow } from '../exports.table.js'
import { asDate, asDay, drained, NUMERIC_TEXT } from './values.js'

export type CsvDialect = {
  separator: CsvSeparator
  decimal: DecimalMark
  /**
   * 'space' writes each line break in a text (CRLF, CR or LF) as one space: SPSS ends a case at a line
   * break even inside quotes, so the CSV of an SPSS export needs it. Default 'keep' (exact).
   */
  lineBreaks?: 'keep' | 'space'
}

/** Bytes gathered before a write: one write per row would cost more than the formatting. */
const CHUNK = 64 * 1024

/**
 * One table as CSV: UTF-8 with a BOM (Excel then reads it as UTF-8), a header of the column keys, CRLF
 * line ends, fields quoted as RFC 4180 says (lib/csv). Values:
 * - text: formula-guarded (a leading ' before = + - @, tab or CR; lib/csv undoes it on import);
 * - numbers: JavaScript's shortest text that reads back to the same number (String(n)), with the
 *   decimal comma when asked; a non-finite number (never stored) is left empty;
 * - booleans: 1 and 0, as SPSS and R read them as numbers (XLSX writes the same);
 * - datetimes: ISO 8601 in UTC (2026-12-07T10:00:00.000Z); dates: YYYY-MM-DD; null: empty.
 * Rows are written as they come, waiting for the output to drain when it is full; `out` is left open.
 */
export async function writeCsv(table: ExportTable, out: Writable, dialect: CsvDialect, onRow: OnRow): Promise<void> {
  const { separator } = dialect
  const types = table.columns.map((c) => c.type)
  let buf = `\uFEFF${table.columns.map((c) => csvText(c.key, separator)).join(separator)}\r\n`
  for await (const row of table.rows()) {
    let line = ''
    for (let i = 0; i < types.length; i++) {
      if (i) line += separator
      line += csvCell(row[i] ?? null, types[i]!, dialect)
    }
    buf += `${line}\r\n`
    if (buf.length >= CHUNK) {
      const room = out.write(buf, 'utf8')
      buf = ''
      if (!room) await drained(out)
    }
    onRow()
  }
  if (buf && !out.write(buf, 'utf8')) await drained(out)
}

/** One cell's text (see writeCsv). */
export function csvCell(cell: Cell, type: ColumnType, { separator, decimal, lineBreaks }: CsvDialect): string {
  if (cell === null) return ''
  if (typeof cell === 'boolean') return cell ? '1' : '0'
  if (typeof cell === 'number') {
    if (type === 'datetime') return asDate(cell)?.toISOString() ?? ''
    if (type === 'date') return asDay(cell) ?? ''
    return numberText(cell, separator, decimal)
  }
  if ((type === 'number' || type === 'integer') && NUMERIC_TEXT.test(cell))
    return csvField(decimal === ',' ? cell.replace('.', ',') : cell, separator)
  if (type === 'datetime') {
    const d = asDate(cell)
    if (d) return d.toISOString()
  }
  if (type === 'date') {
    const day = asDay(cell)
    if (day) return day
  }
  return csvText(lineBreaks === 'space' ? cell.replace(/\r\n|\r|\n/g, ' ') : cell, separator)
}

function numberText(n: number, separator: CsvSeparator, decimal: DecimalMark): string {
  if (!Number.isFinite(n)) return ''
  const s = String(n)
  // with a comma as both decimal mark and separator the field is quoted
  return decimal === ',' ? csvField(s.replace('.', ','), separator) : s
}
