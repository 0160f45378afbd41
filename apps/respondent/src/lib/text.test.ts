import { describe, expect, it } from 'vitest'
import { hasUnstorable, splitUnstorable, stripUnstorable } from './text'

describe('characters the server cannot store', () => {
  it('drops NUL and lone surrogates, keeps whole pairs (emoji) and everything else', () => {
    expect(stripUnstorable('a\u0000b')).toBe('ab')
    expect(stripUnstorable('x\ud800y\udc00z')).toBe('xyz')
    expect(stripUnstorable('late again 😀\ud83d')).toBe('late again 😀')
    expect(stripUnstorable('tab\tand é ✓')).toBe('tab\tand é ✓')
    expect(hasUnstorable('😀')).toBe(false)
    expect(hasUnstorable('\ude00😀')).toBe(true)
  })
  it('splits the text around each unstorable character', () => {
    expect(splitUnstorable('a\u0000b')).toEqual(['a', null, 'b'])
    expect(splitUnstorable('\u0000😀\ud800')).toEqual([null, '😀', null])
    expect(splitUnstorable('plain')).toEqual(['plain'])
  })
})
