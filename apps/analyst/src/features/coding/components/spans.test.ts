import type { Code } from '@klantreis/shared/coding'
import { describe, expect, it } from 'vitest'
import { codeTree, descendantsOf } from './code-tree'
import { nextWordStart, prevWordStart, segments, trimSpan, wordEndAfter } from './spans'

const text = 'iDEAL failed twice, and I did not know.'

describe('word steps of the keyboard selection', () => {
  it('moves the caret from word to word', () => {
    expect(nextWordStart(text, 0)).toBe(6)
    expect(nextWordStart(text, 13)).toBe(20)
    expect(prevWordStart(text, 20)).toBe(13)
    expect(prevWordStart(text, 3)).toBe(0)
    expect(nextWordStart(text, text.length)).toBe(text.length)
  })

  it('extends to the end of a word without the punctuation after it', () => {
    expect(text.slice(0, wordEndAfter(text, 0))).toBe('iDEAL')
    expect(text.slice(0, wordEndAfter(text, 12))).toBe('iDEAL failed twice')
  })

  it('trims white space and orders the ends', () => {
    expect(trimSpan(text, { start: 12, end: 5 })).toEqual({ start: 6, end: 12 })
    expect(trimSpan(text, { start: 5, end: 6 })).toBeNull()
  })
})

describe('segments of the highlighted text', () => {
  it('cuts at every edge and keeps one mark per coding', () => {
    const segs = segments(
      text,
      [
        { id: 'a', start: 0, end: 12 },
        { id: 'b', start: 6, end: 18 },
      ],
      null,
    )
    expect(segs.map((s) => [s.text, s.ids])).toEqual([
      ['iDEAL ', ['a']],
      ['failed', ['a', 'b']],
      [' twice', ['b']],
      [', and I did not know.', []],
    ])
    expect(segs.map((s) => s.text).join('')).toBe(text)
  })

  it('clips a stale span to the text and marks the selection and the caret', () => {
    const segs = segments('short', [{ id: 'a', start: 2, end: 40 }], { start: 0, end: 2 }, null)
    expect(segs.map((s) => [s.text, s.ids, s.selected])).toEqual([
      ['sh', [], true],
      ['ort', ['a'], false],
    ])
    expect(segments('one two', [], null, 4).map((s) => [s.text, s.caret])).toEqual([
      ['one ', false],
      ['two', true],
    ])
  })
})

const code = (id: string, parentId: string | null, position: number): Code => ({
  id,
  parentId,
  name: id,
  description: '',
  colour: '#000000',
  shortcut: null,
  position,
  uses: 0,
  version: 1,
})

describe('the codebook tree', () => {
  it('puts children under their parents, in order', () => {
    const codes = [code('b', null, 2), code('a1', 'a', 1), code('a', null, 1), code('a0', 'a', 0)]
    expect(codeTree(codes).map(({ code: c, depth }) => `${depth}:${c.id}`)).toEqual(['0:a', '1:a0', '1:a1', '0:b'])
    expect([...descendantsOf(codes, 'a')].sort()).toEqual(['a', 'a0', 'a1'])
  })
})
