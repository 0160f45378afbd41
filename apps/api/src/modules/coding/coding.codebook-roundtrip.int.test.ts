import { CodebookFileSchema, CodeSchema, ImportCodebookResultSchema } from '@klantreis/shared/coding'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type Client, login, type TestApp } from '../../../test/build-test-app.js'
import { collector } from '../../../test/export-table.js'
import { makeMember, makeOrganization, makeStudyWithModel } from '../../../test/factories.js'
import type { ExportTable } from '../exports/exports.table.js'
import { writeCsv } from '../exports/writers/csv.js'

// Issue 15: what we export imports to the very same codebook. Names and descriptions that a
// spreadsheet would run as formulas are guarded with a ' in the CSV, and the import takes it off again.

let t: TestApp
let ann: Client
let orgId: string

beforeAll(async () => {
  t = await buildTestApp()
  const org = await makeOrganization(t.db, 'Heen en terug')
  orgId = org.id
  const a = await makeMember(t.db, org.id, 'researcher')
  ann = await login(t.app, a.email, a.password)
})
afterAll(() => t?.close())

/** Codes whose names and descriptions have broken CSV round trips, some nested under others. */
const CODES: { name: string; description: string; colour: string; shortcut: string | null; parent?: string }[] = [
  { name: '=1+1', description: '+31 6 1234 5678', colour: '#112233', shortcut: 'a' },
  { name: '+31 6', description: '-minus first', colour: '#aabbcc', shortcut: 'b', parent: '=1+1' },
  { name: '-minus', description: '@at first', colour: '#1d5c57', shortcut: null },
  { name: '@at', description: '=HYPERLINK("http://x","y")', colour: '#123abc', shortcut: '1', parent: '-minus' },
  { name: "'=quoted", description: "''=x", colour: '#000000', shortcut: null, parent: '+31 6' },
  { name: '"quotes"', description: 'say "hi", then; go', colour: '#ffffff', shortcut: 'q' },
  { name: 'a;b', description: 'x;y', colour: '#1d5c57', shortcut: null, parent: '"quotes"' },
  { name: 'a,b', description: 'x,y', colour: '#1d5c57', shortcut: null, parent: 'a;b' },
  { name: 'line\nbreak', description: 'multi\nline\r\ndescription', colour: '#1d5c57', shortcut: null },
  { name: '😀 emoji', description: '👩‍👩‍👧 family', colour: '#1d5c57', shortcut: 'e', parent: 'line\nbreak' },
  { name: "'abc", description: "'", colour: '#1d5c57', shortcut: null },
]

const codebook = async (studyId: string) =>
  CodebookFileSchema.parse((await ann.get(`/api/v1/studies/${studyId}/codebook`)).json()).codes

const importCsv = async (studyId: string, csv: string) => {
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/v1/studies/${studyId}/codebook.csv`,
    headers: { cookie: ann.cookie, 'x-csrf-token': ann.me.csrfToken, 'content-type': 'text/csv' },
    payload: csv,
  })
  expect(res.statusCode, res.body).toBe(200)
  return ImportCodebookResultSchema.parse(res.json())
}

describe('the codebook round trip', () => {
  let sourceStudy: string
  let original: Awaited<ReturnType<typeof codebook>>

  beforeAll(async () => {
    sourceStudy = (await makeStudyWithModel(t.db, orgId)).studyId
    const ids = new Map<string, string>()
    for (const c of CODES) {
      const res = await ann.post(`/api/v1/studies/${sourceStudy}/codes`, {
        name: c.name,
        description: c.description,
        colour: c.colour,
        shortcut: c.shortcut,
        parentId: c.parent ? ids.get(c.parent)! : null,
      })
      expect(res.statusCode, res.body).toBe(201)
      ids.set(c.name, CodeSchema.parse(res.json()).id)
    }
    original = await codebook(sourceStudy)
    // every code as it was typed (the factory's "Waiting" besides)
    for (const c of CODES)
      expect(original).toContainEqual({
        name: c.name,
        description: c.description,
        colour: c.colour,
        shortcut: c.shortcut,
        parent: c.parent ?? '',
      })
  })

  it('exports as CSV with every formula-like cell guarded, and imports into another study exactly', async () => {
    const csv = (await ann.get(`/api/v1/studies/${sourceStudy}/codebook.csv`)).body
    for (const guarded of ["'=1+1", "'+31 6", "'-minus", "'@at", "''=quoted", "'''=x", "'=HYPERLINK"])
      expect(csv).toContain(guarded)
    const target = (await makeStudyWithModel(t.db, orgId)).studyId
    expect(await importCsv(target, csv)).toEqual({
      created: CODES.length,
      skipped: [{ name: 'Waiting', reason: 'already in the codebook' }],
    })
    expect(await codebook(target)).toEqual(original)
  })

  for (const separator of [';', '\t'] as const)
    it(`imports the codebook as the exports write it (BOM, CRLF, separator ${JSON.stringify(separator)}) exactly`, async () => {
      const keys = ['name', 'description', 'colour', 'shortcut', 'parent'] as const
      const table: ExportTable = {
        name: 'codebook',
        columns: keys.map((key) => ({ key, label: key, type: 'text' as const })),
        count: original.length,
        rows: async function* () {
          for (const c of original) yield keys.map((k) => c[k])
        },
      }
      const { out, bytes } = collector()
      await writeCsv(table, out, { separator, decimal: ',' }, () => {})
      const csv = bytes().toString('utf8')
      expect(csv).toContain(`${separator}'+31 6 1234 5678${separator}`)
      const target = (await makeStudyWithModel(t.db, orgId)).studyId
      expect((await importCsv(target, csv)).created).toBe(CODES.length)
      expect(await codebook(target)).toEqual(original)
    })
})
