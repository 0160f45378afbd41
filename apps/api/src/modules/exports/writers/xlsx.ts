import { PassThrough, type Writable } from 'node:stream'
import { finished } from 'node:stream/promises'
import { XLSX_MAX_ROWS } from '@klantreis/shared/exports'
import ExcelJS from 'exceljs'
import type { Cell, ColumnType, ExportTable, OnRow } from '../exports.table.js'
import { asDate, asDay, drained, nextTurn, NUMERIC_TEXT } from './values.js'

/** Rows between two looks at the output's back-pressure, with a turn of the event loop for the ZIP. */
const CHECK_EVERY = 512

/** How much zip input may wait before the writer waits too: bounded, yet not a wait every few rows. */
const BACKLOG_BYTES = 1024 * 1024

const NO_STYLE: Partial<ExcelJS.Style> = {}
const NUMBER_FORMATS: Partial<Record<ColumnType, string>> = {
  datetime: 'yyyy-mm-dd hh:mm:ss',
  date: 'yyyy-mm-dd',
}

/**
 * Tables as one XLSX workbook, one sheet each, with exceljs's streaming writer (rows are committed as
 * they come, no shared-string table, so memory stays flat however long the table). The header row (the
 * column keys) is bold and frozen. Values:
 * - text is a string cell: never a formula, so it needs no guard and is exact (see ooxmlText) up to
 *   the 32,767 characters Excel holds in a cell;
 * - numbers are numbers, booleans 1 and 0 as in the CSV, datetimes real dates (UTC) with a date-time
 *   format, dates dates at midnight, null an empty cell (an empty text is an empty string cell);
 * - a table with more rows than a sheet holds (`maxRows`, the header row included) continues on a sheet
 *   "<name> (2)", and so on.
 * `out` is left open.
 */
export async function writeXlsx(
  tables: ExportTable[],
  out: Writable,
  onRow: OnRow,
  maxRows: number = XLSX_MAX_ROWS,
): Promise<void> {
  // exceljs ends the stream it writes to: it writes into this one, which is piped on without ending `out`
  const zipped = new PassThrough()
  zipped.pipe(out, { end: false })
  // a failing output unpipes itself: fail the ZIP too, or the wait for its last bytes would never end
  const outFailed = (e: Error) => zipped.destroy(e)
  out.once('error', outFailed)
  const through = finished(zipped)
  through.catch(() => undefined)
  // exceljs and archiver wait for their streams without watching for errors: every wait races this
  const failed = new Promise<never>((_, reject) => zipped.once('error', reject))
  failed.catch(() => undefined)
  const orFail = <T>(p: Promise<T>) => Promise.race([p, failed])
  try {
    await writeSheets(tables, zipped, out, onRow, maxRows, orFail)
    await through
  } finally {
    out.off('error', outFailed)
  }
  // the last bytes went into `out`'s buffer; a caller that ends it next finishes after them
}

async function writeSheets(
  tables: ExportTable[],
  zipped: PassThrough,
  out: Writable,
  onRow: OnRow,
  maxRows: number,
  orFail: <T>(p: Promise<T>) => Promise<T>,
) {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: zipped, useStyles: true, useSharedStrings: false })
  const names = sheetNamer()
  let n = 0
  for (const table of tables) {
    const types = table.columns.map((c) => c.type)
    // one style object per column, the same for every row: exceljs looks a style up by its object, and
    // the fresh object it gives each new cell would cost a full style lookup per cell (half the time)
    const styles = types.map((type) => (NUMBER_FORMATS[type] ? { numFmt: NUMBER_FORMATS[type] } : NO_STYLE))
    let sheet = startSheet(wb, names(table.name, 1), table)
    let part = 1
    let rowsOnSheet = 1
    for await (const row of table.rows()) {
      if (rowsOnSheet >= maxRows) {
        sheet.commit()
        sheet = startSheet(wb, names(table.name, ++part), table)
        rowsOnSheet = 1
      }
      const added = sheet.addRow(types.map((type, i) => xlsxValue(row[i] ?? null, type)))
      added.eachCell((cell, col) => {
        cell.style = styles[col - 1]!
      })
      added.commit()
      rowsOnSheet++
      onRow()
      const backlog = sheetBacklog(sheet)
      if (backlog) await orFail(drained(backlog))
      else if (++n % CHECK_EVERY === 0) {
        if (zipped.writableNeedDrain) await orFail(drained(zipped))
        if (out.writableNeedDrain) await orFail(drained(out))
        // rows that come without any I/O of their own would otherwise starve the ZIP of turns
        await orFail(nextTurn())
      }
    }
    sheet.commit()
  }
  if (!tables.length) startSheet(wb, 'Sheet1', { name: 'Sheet1', columns: [], count: 0, rows: empty }).commit()
  await orFail(wb.commit())
}

async function* empty(): AsyncIterable<Cell[]> {}

/**
 * Where a sheet's XML waits to be zipped, when it is full. exceljs's sheet stream (a StreamBuf) writes into the ZIP
 * entry without heeding back-pressure, so a producer faster than the ZIP piles the whole sheet up there
 * (measured: 1 GB for 1M rows x 20 columns); the writer waits for this stream to drain instead. It is
 * exceljs's inside (hence the exact version in package.json): should it change, the writer falls back
 * to the checks every CHECK_EVERY rows.
 */
function sheetBacklog(sheet: ExcelJS.Worksheet): Writable | undefined {
  // archiver's streams are readable-stream 3, which keeps the buffered length only in _writableState
  type Target = Writable & { _writableState?: { length: number; highWaterMark: number } }
  const target = (sheet as unknown as { stream?: { pipes?: Target[] } }).stream?.pipes?.[0]
  const state = target?._writableState
  return state && typeof target.on === 'function' && state.length >= BACKLOG_BYTES ? target : undefined
}

function startSheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, name: string, table: ExportTable) {
  const sheet = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] })
  sheet.columns = table.columns.map((c) => ({
    width: Math.min(60, Math.max(c.type === 'datetime' ? 20 : 10, c.key.length + 2)),
  }))
  // keys are names we give (no control characters): plain string cells, which every reader takes as text
  const header = sheet.addRow(table.columns.map((c) => ooxmlText(c.key)))
  header.font = { bold: true }
  header.commit()
  return sheet
}

/** One cell's value as exceljs takes it (see writeXlsx). */
export function xlsxValue(cell: Cell, type: ColumnType): ExcelJS.CellRichTextValue | number | Date | null {
  if (cell === null) return null
  if (typeof cell === 'boolean') return cell ? 1 : 0
  if (type === 'datetime') {
    const d = asDate(cell)
    if (d) return d
  } else if (type === 'date') {
    const day = asDay(cell)
    if (day) return new Date(`${day}T00:00:00.000Z`)
  }
  if (typeof cell === 'number') return Number.isFinite(cell) ? cell : null
  if ((type === 'number' || type === 'integer') && NUMERIC_TEXT.test(cell)) return Number(cell)
  return inlineText(fitCell(cell))
}

/**
 * A text as an inline string (<is><t>): the one place every reader decodes the _xHHHH_ escapes of
 * ooxmlText (LibreOffice leaves them as they are in the <v> of exceljs's plain string cells).
 */
const inlineText = (text: string): ExcelJS.CellRichTextValue => ({ richText: [{ text: ooxmlText(text) }] })

/** Excel holds at most 32,767 characters in a cell and calls a file with more damaged. */
export const XLSX_MAX_CELL_TEXT = 32_767

/** A text cut to what a cell holds (never through an emoji); the API takes no text that long today. */
function fitCell(text: string) {
  if (text.length <= XLSX_MAX_CELL_TEXT) return text
  const cut = text.slice(0, XLSX_MAX_CELL_TEXT)
  return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut
}

/**
 * Text as OOXML carries it exactly. XML 1.0 cannot hold most control characters (exceljs drops them)
 * and reads a CR as a line feed, so those are written as the escape Excel itself uses, _xHHHH_; a text
 * that holds such an escape literally has its underscore escaped (_x005F_), so it is not decoded.
 */
export const ooxmlText = (text: string) =>
  text
    .replace(/_(x[0-9a-fA-F]{4}_)/g, '_x005F_$1')
    .replace(
      /[\u0000-\u0008\u000b-\u001f\u007f]/g,
      (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`,
    )

/** Sheet names as Excel takes them: at most 31 characters, none of [ ] : * ? / \, unique regardless of case. */
function sheetNamer() {
  const used = new Set<string>()
  return (base: string, part: number) => {
    let clean = base.replace(/[[\]:*?/\\]/g, '_').replace(/^'+|'+$/g, '')
    if (!clean.trim() || clean.toLowerCase() === 'history') clean = `${clean.trim() || 'Sheet'}_`
    for (let k = part; ; k++) {
      const suffix = k > 1 ? ` (${k})` : ''
      let head = clean.slice(0, 31 - suffix.length)
      // never cut an emoji (a surrogate pair) in half
      if (/[\uD800-\uDBFF]$/.test(head)) head = head.slice(0, -1)
      const name = head + suffix
      if (!used.has(name.toLowerCase())) {
        used.add(name.toLowerCase())
        return name
      }
    }
  }
}
