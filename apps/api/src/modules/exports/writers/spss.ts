import type { Column, ExportTable } from '../exports.table.js'
import type { CsvDialect } from './csv.js'

// No maintained JavaScript .sav writer exists on npm (sav-writer: one release, years old), so an SPSS
// export is the CSV plus this syntax file, which reads it with its labels. Checked with PSPP 1.6.
//
// What SPSS cannot read, and how the pair deals with it:
// - a line break inside a quoted field ends the case in SPSS (and PSPP): the CSV of an SPSS export is
//   written with `lineBreaks: 'space'` (see writeCsv), so a line break in a text reads as a space;
// - it has no input format for ISO 8601 text: a datetime is read as text and turned into a DATETIME;
// - the CSV guards formula-like texts with a leading ' (lib/csv); SPSS runs no formulas, so the syntax
//   removes that ' again for texts that start with = + - or @ (a text that starts with a tab or CR keeps
//   it: there is no portable way to write those characters in syntax).

/** Bytes per text variable: SPSS stores strings at full width, so generous but not the 32767 maximum. */
export const SPSS_TEXT_WIDTH = 2000
const RESERVED = new Set(['ALL', 'AND', 'BY', 'EQ', 'GE', 'GT', 'LE', 'LT', 'NE', 'NOT', 'OR', 'TO', 'WITH'])
const MAX_NAME_BYTES = 64

/** SPSS's limits: a variable label holds 256 bytes, a value label 120. */
export const SPSS_LABEL_BYTES = { variable: 255, value: 120 } as const
/** Bytes of text per quoted piece, so no syntax line comes near the 256 bytes older SPSS reads. */
const PIECE_BYTES = 80

const utf8Bytes = (s: string) => Buffer.byteLength(s, 'utf8')

/**
 * A text as an SPSS string literal: in ' with ' doubled, line breaks and tabs as spaces, cut to
 * `maxBytes` of UTF-8 (never inside a character), in pieces of at most 80 bytes joined with + across
 * lines, as SPSS and PSPP both read.
 */
export function spssString(text: string, maxBytes = Number.POSITIVE_INFINITY): string {
  const pieces: string[] = []
  let piece = ''
  let total = 0
  for (const ch of text.replace(/[\r\n\t]+/g, ' ')) {
    const n = utf8Bytes(ch)
    if (total + n > maxBytes) break
    total += n
    if (utf8Bytes(piece) + n > PIECE_BYTES) {
      pieces.push(piece)
      piece = ''
    }
    piece += ch
  }
  pieces.push(piece)
  return pieces.map((p) => `'${p.replace(/'/g, "''")}'`).join(' +\r\n      ')
}

/**
 * SPSS variable names for the column keys: letters, digits, _ and . only, starting with a letter, not
 * ending in _ or ., at most 64 bytes, not a reserved word, unique regardless of case.
 */
export function spssNames(keys: string[], taken = new Set<string>()): string[] {
  return keys.map((key) => {
    let base = key
      .normalize('NFKD')
      .replace(/[^A-Za-z0-9_.]+/g, '_')
      .replace(/_+/g, '_')
      .replace(/^[^A-Za-z]+/, '')
      .replace(/[_.]+$/, '')
    if (!base) base = 'v'
    if (RESERVED.has(base.toUpperCase())) base = `${base}_v`
    for (let k = 1; ; k++) {
      const suffix = k > 1 ? `_${k}` : ''
      const name = base.slice(0, MAX_NAME_BYTES - suffix.length).replace(/[_.]+$/, '') + suffix
      if (!taken.has(name.toUpperCase())) {
        taken.add(name.toUpperCase())
        return name
      }
    }
  })
}

function inputFormat(c: Column): string {
  switch (c.type) {
    case 'integer':
      return 'F12.0'
    case 'number':
      return 'F16.6'
    case 'boolean':
      return 'F1.0'
    case 'date':
      return 'SDATE10'
    case 'datetime':
      return 'A30'
    case 'text':
      return `A${SPSS_TEXT_WIDTH}`
  }
}

/** A value label's value: a number for numeric variables, a string literal for text ones (null: not one). */
function labelValue(c: Column, value: string | number): string | null {
  if (c.type === 'text') return spssString(String(value), SPSS_TEXT_WIDTH)
  const n = typeof value === 'number' ? value : Number(value)
  return String(value).trim() !== '' && Number.isFinite(n) ? String(n) : null
}

/**
 * The SPSS syntax that reads `csvFileName` as writeCsv wrote it (with `lineBreaks: 'space'`): the
 * delimiter and decimal mark, a format per column, VARIABLE LABELS from the labels (and the original key
 * when the name had to change), VALUE LABELS from the columns' value labels (1 true / 0 false for
 * booleans), then EXECUTE. The variables keep the table's column order.
 */
export function spssSyntax(table: ExportTable, csvFileName: string, dialect: CsvDialect): string {
  const cols = table.columns
  if (!cols.length) return '* This table has no columns: there is nothing for SPSS to read.\r\n'
  const names = spssNames(cols.map((c) => c.key))
  // datetimes are read into a text variable first; its name must not clash with any real one
  const taken = new Set(names.map((n) => n.toUpperCase()))
  const datetimes = cols.flatMap((c, i) => (c.type === 'datetime' ? [i] : []))
  const rawNames = spssNames(
    datetimes.map((i) => `${names[i]}_text`),
    taken,
  )
  const raw = new Map(datetimes.map((i, k) => [i, rawNames[k]!]))
  const delimiter = dialect.separator === '\t' ? '"\\t"' : `"${dialect.separator}"`
  const lines: string[] = [
    '* Encoding: UTF-8.',
    `* Reads ${csvFileName.replace(/[\r\n]/g, ' ')} as Klantreis exported it.`,
    '* Open this file from the folder that holds the CSV, or write its full path after /FILE.',
    `SET DECIMAL=${dialect.decimal === ',' ? 'COMMA' : 'DOT'}.`,
    'GET DATA',
    '  /TYPE=TXT',
    `  /FILE=${spssString(csvFileName)}`,
    "  /ENCODING='UTF8'",
    '  /DELCASE=LINE',
    `  /DELIMITERS=${delimiter}`,
    `  /QUALIFIER='"'`,
    '  /ARRANGEMENT=DELIMITED',
    '  /FIRSTCASE=2',
    '  /VARIABLES=',
    ...cols.map((c, i) => `    ${raw.get(i) ?? names[i]} ${inputFormat(c)}`),
  ]
  lines[lines.length - 1] += '.'

  for (const i of datetimes) {
    const r = raw.get(i)!
    // 2026-12-07T10:00:00.000Z: the date, the time of day and the milliseconds (UTC)
    lines.push(
      `COMPUTE ${names[i]} = NUMBER(SUBSTR(${r}, 1, 10), SDATE10) + NUMBER(SUBSTR(${r}, 12, 8), TIME8)` +
        ` + NUMBER(SUBSTR(${r}, 21, 3), F3.0) / 1000.`,
    )
  }
  const formats = cols.flatMap((c, i) =>
    c.type === 'datetime' ? [`${names[i]} (DATETIME25.3)`] : c.type === 'date' ? [`${names[i]} (SDATE10)`] : [],
  )
  if (formats.length) lines.push(`FORMATS ${formats.join(' ')}.`)

  const texts = cols.flatMap((c, i) => (c.type === 'text' ? [names[i]!] : []))
  if (texts.length)
    lines.push(
      '* Undo the CSV formula guard: one leading quote less before = + - or @.',
      `DO REPEAT s = ${texts.join(' ')}.`,
      '  COMPUTE #n = 1.',
      `  LOOP IF SUBSTR(s, #n, 1) = "'".`,
      '    COMPUTE #n = #n + 1.',
      '  END LOOP.',
      `  IF #n > 1 AND INDEX("=+-@", SUBSTR(s, #n, 1)) > 0 s = SUBSTR(s, 2).`,
      'END REPEAT.',
    )
  if (datetimes.length) lines.push(`MATCH FILES /FILE=* /KEEP=${names.join(' ')}.`)

  const labels = cols.flatMap((c, i) => {
    const label = c.label || c.key
    const text = names[i] === c.key ? label : label === c.key ? c.key : `${label} [${c.key}]`
    return [`  ${names[i]} ${spssString(text, SPSS_LABEL_BYTES.variable)}`]
  })
  if (labels.length) lines.push('VARIABLE LABELS', ...labels.map((l, i) => (i === labels.length - 1 ? `${l}.` : l)))

  const valueLabels = cols.flatMap((c, i) => {
    const pairs =
      c.valueLabels?.flatMap((v) => {
        const value = labelValue(c, v.value)
        return value === null ? [] : [`    ${value} ${spssString(v.label, SPSS_LABEL_BYTES.value)}`]
      }) ?? (c.type === 'boolean' ? ["    1 'true'", "    0 'false'"] : [])
    return pairs.length ? [`  /${names[i]}`, ...pairs] : []
  })
  if (valueLabels.length) {
    valueLabels[0] = valueLabels[0]!.replace('  /', '  ')
    lines.push('VALUE LABELS', ...valueLabels.map((l, i) => (i === valueLabels.length - 1 ? `${l}.` : l)))
  }
  lines.push('EXECUTE.', '')
  return lines.join('\r\n')
}
