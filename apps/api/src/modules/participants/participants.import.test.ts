import { describe, expect, it } from 'vitest'
import { csvText } from '../../lib/csv.js'
import { parseParticipantCsv } from './participants.import.js'

describe('parseParticipantCsv', () => {
  it('reads a list written with the formula guard back to the values that were written', () => {
    const names = ['=Jansen', '+31 6 1234', '-Piet', '@home', "'=already quoted", "'abc", 'Jansen, Piet', 'gewoon']
    for (const sep of [',', ';'] as const) {
      const csv = `\uFEFF${['email', 'name', 'segment:=regio'].map((h) => csvText(h, sep)).join(sep)}\r\n${names
        .map((n, i) => [`p${i}@example.nl`, n, n].map((v) => csvText(v, sep)).join(sep))
        .join('\r\n')}\r\n`
      const rows = parseParticipantCsv(csv)
      expect(rows.map((r) => r.name)).toEqual(names)
      expect(rows.map((r) => r['segment:=regio'])).toEqual(names)
    }
  })
})
