import { Writable } from 'node:stream'
import { parse } from 'csv-parse/sync'
import { describe, expect, it } from 'vitest'
import { collector, COLUMNS, hardRows, tableOf } from '../../../../test/export-table.js'
import { unguardFormula } from '../../../lib/csv.js'
import type { Cell } from '../exports.table.js'
import { writeCsv } from './csv.js'

const DIALECTS = [
  { separator: ',', decimal: '.' },
  { separator: ',', decimal: ',' },
  { separator: ';', decimal: ',' },
  { separator: ';', decimal: '.' },
  { separator: '\t', decimal: ',' },
] as const

async function written(rows: Cell[][], dialect: (typeof DIALECTS)[number]) {
  const { out, bytes } = collector()
  let seen = 0
  await writeCsv(tableOf(rows), out, dialect, () => seen++)
  return { text: bytes().toString('utf8'), seen }
}

/** What a cell of the table is expected to read back as, from its CSV text. */
function readBack(text: string, type: string, decimal: string): Cell {
  if (text === '') return null
  if (type === 'text') return unguardFormula(text)
  if (type === 'number' || type === 'integer') return Number(decimal === ',' ? text.replace(',', '.') : text)
  if (type === 'boolean') return text === '1' ? true : text === '0' ? false : text
  return text
}

describe('writeCsv', () => {
  for (const dialect of DIALECTS)
    it(`reads back with csv-parse to every value, separator ${JSON.stringify(dialect.separator)}, decimal ${dialect.decimal}`, async () => {
      const rows = hardRows()
      const { text, seen } = await written(rows, dialect)
      expect(seen).toBe(rows.length)
      expect(text.startsWith('\uFEFF')).toBe(true)
      expect(text.endsWith('\r\n')).toBe(true)
      const records = parse(text, { bom: true, delimiter: dialect.separator }) as string[][]
      expect(records[0]).toEqual(COLUMNS.map((c) => c.key))
      expect(records).toHaveLength(rows.length + 1)
      records.slice(1).forEach((rec, r) => {
        const want = rows[r]!.map((cell, i) => (COLUMNS[i]!.type === 'text' && cell === '' ? null : cell))
        expect(
          rec.map((t, i) => readBack(t, COLUMNS[i]!.type, dialect.decimal)),
          JSON.stringify(rows[r]),
        ).toEqual(want)
      })
      // formula-safe: no text cell starts like a formula as a spreadsheet reads it
      for (const rec of records.slice(1)) expect(rec[0]).not.toMatch(/^[=+\-@\t\r]/)
    })

  it('writes numbers in plain notation with the decimal mark asked, and datetimes as ISO 8601 in UTC', async () => {
    const rows: Cell[][] = [['x', 1234.5, 3, true, '2026-12-07T11:00:00+01:00', '2026-12-07T00:00:00.000Z']]
    expect((await written(rows, DIALECTS[2])).text.split('\r\n')[1]).toBe(
      'x;1234,5;3;1;2026-12-07T10:00:00.000Z;2026-12-07',
    )
    expect((await written(rows, DIALECTS[1])).text.split('\r\n')[1]).toBe(
      'x,"1234,5",3,1,2026-12-07T10:00:00.000Z,2026-12-07',
    )
  })

  it('writes a header-only file for a table without rows', async () => {
    expect((await written([], DIALECTS[0])).text).toBe('\uFEFFtext,number,integer,boolean,datetime,date\r\n')
  })

  it('writes line breaks in text as spaces when asked (for SPSS), and nothing else differs', async () => {
    const { out, bytes } = collector()
    await writeCsv(
      tableOf([['a\r\nb\nc\rd', 1, 1, false, null, null]]),
      out,
      { separator: ',', decimal: '.', lineBreaks: 'space' },
      () => {},
    )
    expect(bytes().toString('utf8').split('\r\n')[1]).toBe('a b c d,1,1,0,,')
  })

  it('does not crash on a NUL or a lone surrogate', async () => {
    const { text } = await written(
      [
        ['nul \u0000 here', null, null, null, null, null],
        ['lone \ud800', null, null, null, null, null],
      ],
      DIALECTS[0],
    )
    expect(text).toContain('nul \u0000 here')
    expect(text).toContain('lone \ufffd')
  })

  it('waits for a slow output to drain instead of piling rows up in its buffer', async () => {
    let peak = 0
    let total = 0
    const out = new Writable({
      highWaterMark: 16 * 1024,
      write(chunk: Buffer, _enc, cb) {
        total += chunk.length
        setImmediate(cb)
      },
    })
    const row: Cell[] = ['x'.repeat(200), 1, 2, true, null, null]
    const rows = Array.from({ length: 10_000 }, () => row)
    let n = 0
    await writeCsv(tableOf(rows), out, DIALECTS[0], () => {
      n++
      peak = Math.max(peak, out.writableLength)
    })
    expect(n).toBe(rows.length)
    expect(total).toBeGreaterThan(2_000_000)
    // one chunk (64 KiB) at most is waiting: without the drain, megabytes would be
    expect(peak).toBeLessThan(200 * 1024)
  })
})
