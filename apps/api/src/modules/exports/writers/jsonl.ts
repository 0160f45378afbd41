import type { Writable } from 'node:stream'
import type { Cell, ColumnType, ExportTable, OnRow } from '../exports.table.js'
import { asDate, asDay, drained, NUMERIC_TEXT } from './values.js'

const CHUNK = 64 * 1024

/**
 * One table as JSON Lines: one object per row keyed by column key, in column order. Values are exact:
 * text as it is (no formula guard: JSON is not opened by spreadsheets), numbers and booleans as JSON
 * numbers and booleans, datetimes as ISO 8601 text in UTC, dates as YYYY-MM-DD, null as null. The
 * object text is built by hand from JSON.stringify'd keys, so a key like "__proto__" is an ordinary key.
 * `out` is left open.
 */
export async function writeJsonl(table: ExportTable, out: Writable, onRow: OnRow): Promise<void> {
  const keys = table.columns.map((c, i) => `${i ? ',' : '{'}${JSON.stringify(c.key)}:`)
  const types = table.columns.map((c) => c.type)
  let buf = ''
  for await (const row of table.rows()) {
    let line = ''
    for (let i = 0; i < keys.length; i++) line += keys[i]! + JSON.stringify(jsonValue(row[i] ?? null, types[i]!))
    buf += keys.length ? `${line}}\n` : '{}\n'
    if (buf.length >= CHUNK) {
      const room = out.write(buf, 'utf8')
      buf = ''
      if (!room) await drained(out)
    }
    onRow()
  }
  if (buf && !out.write(buf, 'utf8')) await drained(out)
}

/** One cell's JSON value (see writeJsonl). */
export function jsonValue(cell: Cell, type: ColumnType): Cell {
  if (cell === null || typeof cell === 'boolean') return cell
  if (type === 'datetime') return asDate(cell)?.toISOString() ?? (typeof cell === 'string' ? cell : null)
  if (type === 'date') return asDay(cell) ?? (typeof cell === 'string' ? cell : null)
  if (typeof cell === 'number') return Number.isFinite(cell) ? cell : null
  if ((type === 'number' || type === 'integer') && NUMERIC_TEXT.test(cell)) return Number(cell)
  return cell
}
