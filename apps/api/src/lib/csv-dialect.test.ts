import { describe, expect, it } from 'vitest'
import { detectDelimiter } from './csv-dialect.js'

describe('detectDelimiter', () => {
  it('reads the separator from the header line', () => {
    expect(detectDelimiter('email,name,language\na@b.nl,An,nl')).toBe(',')
    expect(detectDelimiter('\uFEFFemail;name;language\r\na@b.nl;Jansen, Piet;nl\r\n')).toBe(';')
    expect(detectDelimiter('email\tname\na@b.nl\tAn')).toBe('\t')
  })

  it('does not count separators inside quotes, nor on later lines', () => {
    expect(detectDelimiter('"e,mail";"na,me";x\n1,2,3,4,5,6')).toBe(';')
    expect(detectDelimiter('email,name\n"a;b;c;d";x')).toBe(',')
  })

  it('takes a one-column header as comma-separated', () => {
    expect(detectDelimiter('email\na@b.nl')).toBe(',')
    expect(detectDelimiter('')).toBe(',')
  })
})
