import { Writable } from 'node:stream'
import type { Cell, Column, ExportTable } from '../src/modules/exports/exports.table.js'

/** Texts that have broken CSV and spreadsheet files: separators, quotes, line breaks, formula starts. */
export const HARD_TEXTS = [
  'plain',
  '',
  'line\nbreak',
  'crlf\r\ninside',
  'say "hi"',
  'a;b',
  'a,b',
  'tab\tinside',
  '😀 emoji 👩‍👩‍👧',
  '=1+1',
  '+31 6 1234',
  '-minus',
  '@at',
  '\tleading tab',
  '\rleading cr',
  "'=quoted",
  "''=x",
  "'",
  "'abc",
  ' leading space',
  'trailing space ',
  '_x0041_ literal escape',
  'control \u0001 and DEL \u007f',
  '=HYPERLINK("http://x","y")',
]

export const COLUMNS: Column[] = [
  { key: 'text', label: 'A text', type: 'text' },
  { key: 'number', label: 'A number', type: 'number' },
  { key: 'integer', label: 'An integer', type: 'integer' },
  { key: 'boolean', label: 'Yes or no', type: 'boolean' },
  { key: 'datetime', label: 'When', type: 'datetime' },
  { key: 'date', label: 'Day', type: 'date' },
]

const NUMBERS = [1.5, -2.25, 0.1 + 0.2, 123456789.123, 1e-7, 0, -7, 42]
const INTEGERS = [0, -3, 2147483647, 5, -1, 12, 7, 1]

/** One row per hard text, the other columns cycling through numbers, booleans and moments, with nulls. */
export function hardRows(): Cell[][] {
  return HARD_TEXTS.map((text, i) => [
    text,
    i % 9 === 8 ? null : NUMBERS[i % NUMBERS.length]!,
    i % 7 === 6 ? null : INTEGERS[i % INTEGERS.length]!,
    i % 5 === 4 ? null : i % 2 === 0,
    i % 6 === 5 ? null : new Date(Date.UTC(2026, 11, 7, 10, i, i, i * 7)).toISOString(),
    i % 4 === 3 ? null : `2026-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`,
  ])
}

export function tableOf(rows: Cell[][], columns: Column[] = COLUMNS, name = 'table'): ExportTable {
  return {
    name,
    columns,
    count: rows.length,
    rows: async function* () {
      for (const r of rows) yield r
    },
  }
}

/** A Writable that keeps what it is given. */
export function collector() {
  const chunks: Buffer[] = []
  const out = new Writable({
    write(chunk: Buffer, _enc, cb) {
      chunks.push(chunk)
      cb()
    },
  })
  return { out, bytes: () => Buffer.concat(chunks) }
}
