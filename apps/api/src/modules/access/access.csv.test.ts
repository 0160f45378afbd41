import { parse } from 'csv-parse/sync'
import { describe, expect, it } from 'vitest'
import { csvCell, csvFile } from './access.csv.js'

describe('export CSV', () => {
  it('guards cells a spreadsheet would run as a formula', () => {
    for (const v of ['=1+1', '+31 6', '-2 days', '@SUM(A1)', '\tx', '\rx']) expect(csvCell(v)).toMatch(/^"?'/)
    expect(csvCell('fine')).toBe('fine')
    expect(csvCell(-2)).toBe('-2')
  })
  it('quotes commas, quotes and line breaks, and a real parser reads back what went in', () => {
    const tricky = ['a,b', 'say "hi"', 'two\nlines', 'crlf\r\nhere', '=HYPERLINK("x")', 'ü ë 🙂', '']
    const file = csvFile(
      ['value'],
      tricky.map((t) => [t]),
    )
    expect(file.endsWith('\r\n')).toBe(true)
    const rows = parse(file, { bom: true, columns: true }) as { value: string }[]
    expect(rows.map((r) => r.value)).toEqual(tricky.map((t) => (/^[=+\-@\t\r]/.test(t) ? `'${t}` : t)))
  })
})
