import { parse } from 'csv-parse/sync'
import { describe, expect, it } from 'vitest'
import { csvField, csvText, guardFormula, unguardFormula } from './csv.js'

const STARTS = ['=', '+', '-', '@', '\t', '\r']
const SAMPLES = [
  '',
  "'",
  "''",
  '-',
  '-1',
  '-1.5',
  '=1+1',
  "'=1+1",
  "''=x",
  "'''@",
  "'abc",
  "'",
  'abc',
  ' lead',
  'trail ',
  '\ttab',
  '\rcr',
  '\r\n',
  'line\nbreak',
  '"quoted"',
  'a;b',
  'a,b',
  '😀 emoji',
  '=😀',
  "x'=y",
  ...STARTS.flatMap((s) => [s, `${s}x`, `'${s}`, `''${s}x`, `x${s}`]),
]

describe('guardFormula', () => {
  it('prefixes a text a spreadsheet would run as a formula with one quote', () => {
    for (const s of STARTS) expect(guardFormula(`${s}SUM(A1)`)).toBe(`'${s}SUM(A1)`)
    expect(guardFormula('=1+1')).toBe("'=1+1")
    expect(guardFormula('-1')).toBe("'-1")
  })

  it('adds one more quote to a text that already starts with quotes before a formula start', () => {
    expect(guardFormula("'=1+1")).toBe("''=1+1")
    expect(guardFormula("''@x")).toBe("'''@x")
  })

  it('leaves other texts alone, a leading quote before anything else included', () => {
    for (const s of ['', "'", "'abc", 'abc', 'a=b', ' =x', '😀', "''"]) expect(guardFormula(s)).toBe(s)
  })
})

describe('unguardFormula', () => {
  it('is the exact inverse of guardFormula for every sample', () => {
    for (const s of SAMPLES) expect(unguardFormula(guardFormula(s)), JSON.stringify(s)).toBe(s)
  })

  it('is the exact inverse over every short string of the characters that matter', () => {
    const alphabet = ["'", '=', '+', '-', '@', '\t', '\r', 'a', ' ']
    let strings = ['']
    for (let len = 1; len <= 4; len++) {
      strings = strings.flatMap((s) => alphabet.map((c) => s + c))
      for (const s of strings) expect(unguardFormula(guardFormula(s)), JSON.stringify(s)).toBe(s)
    }
  })

  it('removes exactly one quote, and only before a formula start', () => {
    expect(unguardFormula("'=1+1")).toBe('=1+1')
    expect(unguardFormula("''=1+1")).toBe("'=1+1")
    expect(unguardFormula("'abc")).toBe("'abc")
    expect(unguardFormula("'")).toBe("'")
    expect(unguardFormula('=x')).toBe('=x')
  })
})

describe('csvField', () => {
  it('quotes a field holding the separator, a quote, CR or LF, or leading or trailing whitespace', () => {
    expect(csvField('a,b', ',')).toBe('"a,b"')
    expect(csvField('a,b', ';')).toBe('a,b')
    expect(csvField('a;b', ';')).toBe('"a;b"')
    expect(csvField('a\tb', '\t')).toBe('"a\tb"')
    expect(csvField('say "hi"', ',')).toBe('"say ""hi"""')
    expect(csvField('a\nb', ',')).toBe('"a\nb"')
    expect(csvField('a\rb', ',')).toBe('"a\rb"')
    expect(csvField(' a', ',')).toBe('" a"')
    expect(csvField('a ', ',')).toBe('"a "')
    expect(csvField('plain', ',')).toBe('plain')
    expect(csvField('', ',')).toBe('')
    expect(csvField('plain', ',', true)).toBe('"plain"')
  })

  it('reads back with csv-parse (trimming, as our imports do) to the same text, for every separator', () => {
    for (const sep of [',', ';', '\t'] as const) {
      const line = SAMPLES.map((s) => csvText(s, sep)).join(sep)
      const [row] = parse(`${line}\r\n`, { delimiter: sep, trim: true, relax_quotes: false }) as string[][]
      expect(row!.map(unguardFormula)).toEqual(SAMPLES)
    }
  })
})
