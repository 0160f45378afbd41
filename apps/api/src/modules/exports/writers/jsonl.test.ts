import { describe, expect, it } from 'vitest'
import { collector, COLUMNS, hardRows, tableOf } from '../../../../test/export-table.js'
import type { Cell } from '../exports.table.js'
import { writeJsonl } from './jsonl.js'

async function lines(rows: Cell[][], columns = COLUMNS) {
  const { out, bytes } = collector()
  let seen = 0
  await writeJsonl(tableOf(rows, columns), out, () => seen++)
  const text = bytes().toString('utf8')
  return {
    text,
    seen,
    objects: text
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Record<string, Cell>),
  }
}

describe('writeJsonl', () => {
  it('writes one object per row, keyed by column, with the exact values (no formula guard)', async () => {
    const rows = hardRows()
    const { objects, seen, text } = await lines(rows)
    expect(seen).toBe(rows.length)
    expect(text.endsWith('\n')).toBe(true)
    expect(objects).toHaveLength(rows.length)
    objects.forEach((o, r) => {
      expect(Object.keys(o)).toEqual(COLUMNS.map((c) => c.key))
      expect(Object.values(o)).toEqual(rows[r])
    })
  })

  it('writes numbers as numbers and datetimes as ISO 8601 text in UTC', async () => {
    const { objects } = await lines([['x', '12.50', '7', false, '2026-12-07T11:00:00+01:00', '2026-12-07T05:00:00Z']])
    expect(objects[0]).toEqual({
      text: 'x',
      number: 12.5,
      integer: 7,
      boolean: false,
      datetime: '2026-12-07T10:00:00.000Z',
      date: '2026-12-07',
    })
  })

  it('takes a key like __proto__ as an ordinary key', async () => {
    const { objects } = await lines(
      [['a', 'b']],
      [
        { key: '__proto__', label: 'x', type: 'text' },
        { key: 'constructor', label: 'y', type: 'text' },
      ],
    )
    expect(Object.getOwnPropertyNames(objects[0])).toEqual(['__proto__', 'constructor'])
    expect(Object.getOwnPropertyDescriptor(objects[0], '__proto__')?.value).toBe('a')
  })

  it('writes an empty file for a table without rows, and survives a NUL or a lone surrogate', async () => {
    expect((await lines([])).text).toBe('')
    const { objects } = await lines([
      ['nul \u0000', null, null, null, null, null],
      ['lone \ud800', null, null, null, null, null],
    ])
    expect(objects.map((o) => o.text)).toEqual(['nul \u0000', 'lone \ud800'])
  })
})
