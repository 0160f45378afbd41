/**
 * What the datasets hand to the file writers (issue 15): a table whose columns are known before its
 * rows and whose rows arrive one at a time from a database cursor, so no export holds a whole table.
 */

/** How a cell is written: text is formula-guarded in CSV, numbers take the decimal mark, datetimes are ISO 8601 (UTC) in CSV and JSON Lines and real dates in XLSX. */
export type ColumnType = 'text' | 'integer' | 'number' | 'boolean' | 'datetime' | 'date'

export type Column = {
  /** The column's name in the file header, the XLSX header row and the JSON key; unique within the table. */
  key: string
  /** A readable label: SPSS VARIABLE LABELS, nothing else. */
  label: string
  type: ColumnType
  /** Codes and their labels (choice options, rating anchors): SPSS VALUE LABELS. */
  valueLabels?: { value: string | number; label: string }[]
}

export type Cell = string | number | boolean | null

export type ExportTable = {
  /** File name without extension (responses-wide), sheet name (at most 31 characters), SPSS dataset name. */
  name: string
  columns: Column[]
  /** How many rows `rows` will give (a count in the same snapshot): the progress bar's total. */
  count: number
  /** The rows, each in `columns` order; iterated once. */
  rows: () => AsyncIterable<Cell[]>
}

/** Called after each row is written, so the job can report progress (it throttles the database writes). */
export type OnRow = () => void
