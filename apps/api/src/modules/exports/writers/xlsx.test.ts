import { Writable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import * as XLSX from 'xlsx'
import { collector, COLUMNS, hardRows, tableOf } from '../../../../test/export-table.js'
import { unzip } from '../../../../test/zip.js'
import type { Cell, ExportTable } from '../exports.table.js'
import { writeXlsx } from './xlsx.js'

async function workbook(tables: ExportTable[], maxRows?: number) {
  const { out, bytes } = collector()
  let seen = 0
  await writeXlsx(tables, out, () => seen++, maxRows)
  const buf = bytes()
  return { buf, seen, wb: XLSX.read(buf, { type: 'buffer', cellFormula: true, cellNF: true, cellText: false }) }
}

/** Excel's serial day number (1900 system) as epoch milliseconds. */
const serialToMs = (serial: number) => Math.round((serial - 25569) * 86_400_000)

describe('writeXlsx', () => {
  it('writes every value with its cell type, text exactly and never as a formula', async () => {
    const rows = hardRows()
    const { wb, seen, buf } = await workbook([tableOf(rows, COLUMNS, 'responses-wide')])
    expect(seen).toBe(rows.length)
    expect(wb.SheetNames).toEqual(['responses-wide'])
    const sheet = wb.Sheets['responses-wide']!
    expect(sheet['!ref']).toBe(`A1:F${rows.length + 1}`)
    COLUMNS.forEach((c, i) => expect(sheet[XLSX.utils.encode_cell({ r: 0, c: i })]).toMatchObject({ t: 's', v: c.key }))
    rows.forEach((row, r) =>
      row.forEach((want, i) => {
        const cell = sheet[XLSX.utils.encode_cell({ r: r + 1, c: i })] as XLSX.CellObject | undefined
        const where = `${COLUMNS[i]!.key} of row ${r + 2} (${JSON.stringify(want)})`
        expect(cell?.f, where).toBeUndefined()
        if (want === null) return expect(cell?.v ?? null, where).toBeNull()
        switch (COLUMNS[i]!.type) {
          case 'text':
            return expect(cell, where).toMatchObject({ t: 's', v: want })
          case 'number':
          case 'integer':
            return expect(cell, where).toMatchObject({ t: 'n', v: want })
          case 'boolean':
            return expect(cell, where).toMatchObject({ t: 'n', v: want ? 1 : 0 })
          case 'datetime':
            expect(cell?.t, where).toBe('n')
            expect(cell?.z, where).toBe('yyyy-mm-dd hh:mm:ss')
            return expect(serialToMs(cell!.v as number), where).toBe(new Date(want as string).getTime())
          case 'date':
            expect(cell?.z, where).toBe('yyyy-mm-dd')
            return expect(new Date(serialToMs(cell!.v as number)).toISOString().slice(0, 10), where).toBe(want)
        }
      }),
    )
    // no formula anywhere, the header bold and frozen
    const files = await unzip(buf)
    const xml = files.get('xl/worksheets/sheet1.xml')!.toString('utf8')
    expect(xml).not.toMatch(/<f[ >]/)
    expect(xml).toMatch(/<pane [^>]*ySplit="1"[^>]*state="frozen"|<pane [^>]*state="frozen"[^>]*ySplit="1"/)
    const headerStyle = Number(/<c r="A1"[^>]* s="(\d+)"/.exec(xml)?.[1])
    const styles = files.get('xl/styles.xml')!.toString('utf8')
    const xfs = [...styles.slice(styles.indexOf('<cellXfs')).matchAll(/<xf [^>]*fontId="(\d+)"/g)].map((m) =>
      Number(m[1]),
    )
    const fonts = [
      ...styles.slice(styles.indexOf('<fonts'), styles.indexOf('</fonts>')).matchAll(/<font>(.*?)<\/font>/gs),
    ]
    expect(fonts[xfs[headerStyle]!]?.[1]).toContain('<b/>')
  })

  it('puts each table on its own sheet, with names Excel takes', async () => {
    const one: Cell[][] = [['a', 1, 1, true, null, null]]
    const { wb } = await workbook([
      tableOf(one, COLUMNS, 'codings'),
      tableOf(one, COLUMNS, 'Codings'),
      tableOf(one, COLUMNS, 'what? [a/b] \\ c: *'),
      tableOf(one, COLUMNS, 'dashboard-chart-with-a-very-long-name-indeed'),
    ])
    expect(wb.SheetNames).toEqual(['codings', 'Codings (2)', 'what_ _a_b_ _ c_ _', 'dashboard-chart-with-a-very-lon'])
    for (const name of wb.SheetNames) expect(wb.Sheets[name]!.B2).toMatchObject({ t: 'n', v: 1 })
  })

  it('continues a table longer than a sheet on "<name> (2)", each with the header', async () => {
    const rows = Array.from({ length: 7 }, (_, i): Cell[] => [`row ${i}`, i, i, null, null, null])
    const { wb, seen } = await workbook([tableOf(rows, COLUMNS, 'diary')], 4)
    expect(seen).toBe(7)
    expect(wb.SheetNames).toEqual(['diary', 'diary (2)', 'diary (3)'])
    const read = wb.SheetNames.map((n) => XLSX.utils.sheet_to_json<Record<string, unknown>>(wb.Sheets[n]!))
    expect(read.map((r) => r.map((x) => x.text))).toEqual([
      ['row 0', 'row 1', 'row 2'],
      ['row 3', 'row 4', 'row 5'],
      ['row 6'],
    ])
  })

  it('writes a valid workbook with only the header for a table without rows', async () => {
    const { wb } = await workbook([tableOf([], COLUMNS, 'findings')])
    expect(wb.SheetNames).toEqual(['findings'])
    expect(wb.Sheets.findings!['!ref']).toBe('A1:F1')
  })

  it('survives a NUL or a lone surrogate', async () => {
    const { wb } = await workbook([
      tableOf([
        ['nul \u0000', null, null, null, null, null],
        ['lone \ud800', null, null, null, null, null],
      ]),
    ])
    expect(wb.Sheets.table!.A2!.v).toBe('nul \u0000')
    expect(wb.Sheets.table!.A3!.v).toBe('lone \ufffd')
  })

  it('fails, instead of waiting for ever, when the output fails', async () => {
    const out = new Writable({
      write(_chunk, _enc, cb) {
        cb(new Error('disk full'))
      },
    })
    out.on('error', () => undefined)
    const rows = Array.from({ length: 5000 }, (_, i): Cell[] => [`row ${i}`, i, i, true, null, null])
    await expect(writeXlsx([tableOf(rows)], out, () => undefined)).rejects.toThrow('disk full')
  })

  it('cuts a text longer than a cell holds, never through an emoji', async () => {
    const long = `${'x'.repeat(32_766)}😀 and more`
    const { wb } = await workbook([tableOf([[long, null, null, null, null, null]])])
    expect(wb.Sheets.table!.A2!.v).toBe('x'.repeat(32_766))
  })
})
