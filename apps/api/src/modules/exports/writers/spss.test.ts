import { describe, expect, it } from 'vitest'
import { tableOf } from '../../../../test/export-table.js'
import type { Column } from '../exports.table.js'
import { spssNames, spssString, spssSyntax } from './spss.js'

const COLUMNS: Column[] = [
  { key: 'response_id', label: 'Response', type: 'text' },
  {
    key: 'q1 (how likely?)',
    label: "Customer's score",
    type: 'integer',
    valueLabels: [
      { value: 0, label: "Won't" },
      { value: 10, label: 'Surely' },
    ],
  },
  { key: 'Q1 how likely', label: 'Clash after renaming', type: 'number' },
  { key: '2nd', label: 'Starts with a digit', type: 'text', valueLabels: [{ value: 'a', label: "It's A" }] },
  { key: 'and', label: 'Reserved word', type: 'boolean' },
  { key: 'submitted_at', label: 'Submitted', type: 'datetime' },
  { key: 'day', label: 'Day', type: 'date' },
  { key: 'x'.repeat(80), label: 'Long', type: 'text' },
]

describe('spssNames', () => {
  it('makes valid, unique SPSS names', () => {
    const names = spssNames(COLUMNS.map((c) => c.key))
    expect(names).toEqual([
      'response_id',
      'q1_how_likely',
      'Q1_how_likely_2',
      'nd',
      'and_v',
      'submitted_at',
      'day',
      'x'.repeat(64),
    ])
    for (const n of names) expect(n).toMatch(/^[A-Za-z][A-Za-z0-9_.]{0,63}$/)
    expect(new Set(names.map((n) => n.toUpperCase())).size).toBe(names.length)
    expect(spssNames(['😀', '', '_'])).toEqual(['v', 'v_2', 'v_3'])
  })
})

describe('spssString', () => {
  it('quotes with doubled quotes, flattens line breaks, cuts at a byte limit and splits long texts with +', () => {
    expect(spssString("It's\nhere")).toBe("'It''s here'")
    const long = `${"a'".repeat(60)}${'😀'.repeat(100)}`
    const literal = spssString(long, 255)
    const lines = literal.split('\r\n')
    expect(lines.length).toBeGreaterThan(2)
    for (const line of lines) expect(Buffer.byteLength(line)).toBeLessThan(200)
    // read back as SPSS does: the pieces joined, quotes undoubled
    const text = [...literal.matchAll(/'((?:[^']|'')*)'/g)].map((m) => m[1]!.replace(/''/g, "'")).join('')
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(255)
    expect(long.startsWith(text)).toBe(true)
    expect(text.endsWith('😀')).toBe(true)
  })
})

describe('spssSyntax', () => {
  const syntax = spssSyntax(tableOf([], COLUMNS, 'responses-wide'), 'responses-wide.csv', {
    separator: ';',
    decimal: ',',
  })

  it('reads the CSV with its delimiter, decimal mark, encoding and header line', () => {
    expect(syntax).toContain('SET DECIMAL=COMMA.')
    expect(syntax).toContain("/FILE='responses-wide.csv'")
    expect(syntax).toContain("/ENCODING='UTF8'")
    expect(syntax).toContain('/DELIMITERS=";"')
    expect(syntax).toContain(`/QUALIFIER='"'`)
    expect(syntax).toContain('/FIRSTCASE=2')
    expect(syntax.trimEnd().endsWith('EXECUTE.')).toBe(true)
    const comma = spssSyntax(tableOf([], COLUMNS), 'x.csv', { separator: ',', decimal: '.' })
    expect(comma).toContain('SET DECIMAL=DOT.')
    expect(comma).toContain('/DELIMITERS=","')
    expect(spssSyntax(tableOf([], COLUMNS), 'x.csv', { separator: '\t', decimal: '.' })).toContain('/DELIMITERS="\\t"')
  })

  it('names every column in the file order, with a format per type', () => {
    const vars = syntax
      .slice(syntax.indexOf('/VARIABLES='))
      .split('\r\n')
      .slice(1, COLUMNS.length + 1)
    expect(vars.map((v) => v.trim().replace(/\.$/, ''))).toEqual([
      'response_id A2000',
      'q1_how_likely F12.0',
      'Q1_how_likely_2 F16.6',
      'nd A2000',
      'and_v F1.0',
      'submitted_at_text A30',
      'day SDATE10',
      `${'x'.repeat(64)} A2000`,
    ])
    expect(syntax).toContain('COMPUTE submitted_at = NUMBER(SUBSTR(submitted_at_text, 1, 10), SDATE10)')
    expect(syntax).toContain('FORMATS submitted_at (DATETIME25.3) day (SDATE10).')
    expect(syntax).toContain(
      `MATCH FILES /FILE=* /KEEP=response_id q1_how_likely Q1_how_likely_2 nd and_v submitted_at day ${'x'.repeat(64)}.`,
    )
  })

  it('labels every variable, with the original key when renamed, quotes doubled', () => {
    expect(syntax).toContain("  response_id 'Response'\r\n")
    expect(syntax).toContain("  q1_how_likely 'Customer''s score [q1 (how likely?)]'\r\n")
    expect(syntax).toContain("  nd 'Starts with a digit [2nd]'\r\n")
    expect(syntax).toContain(`  ${'x'.repeat(64)} 'Long [${'x'.repeat(74)}' +\r\n      '${'x'.repeat(6)}]'.`)
  })

  it('writes value labels, numbers bare and text quoted, and 1/0 for booleans', () => {
    const block = syntax.slice(syntax.indexOf('VALUE LABELS'), syntax.indexOf('EXECUTE.'))
    expect(block).toBe(
      [
        'VALUE LABELS',
        '  q1_how_likely',
        "    0 'Won''t'",
        "    10 'Surely'",
        '  /nd',
        "    'a' 'It''s A'",
        '  /and_v',
        "    1 'true'",
        "    0 'false'.",
        '',
      ].join('\r\n'),
    )
  })

  it('undoes the formula guard in the text variables', () => {
    expect(syntax).toContain(`DO REPEAT s = response_id nd ${'x'.repeat(64)}.`)
  })
})
