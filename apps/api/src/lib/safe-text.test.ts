import { describe, expect, it } from 'vitest'
import { decodeUtf8Body, findUnstorableText, MAX_DEPTH, textProblem } from './safe-text.js'

describe('text PostgreSQL can store', () => {
  it('accepts ordinary text, emoji (surrogate pairs) included', () => {
    for (const ok of ['', 'Bezorging was te laat', 'Tevreden 😀👍🏽', 'é\tñ\n']) expect(textProblem(ok), ok).toBeNull()
  })

  it('refuses a NUL and unpaired surrogates', () => {
    expect(textProblem('a\u0000b')).toMatch(/NUL/)
    for (const bad of ['\ud800', 'x\udc00', '\udc00\ud800', 'a\ud83d'])
      expect(textProblem(bad), JSON.stringify(bad)).toMatch(/surrogate/)
  })

  it('names every bad field and key with its path', () => {
    const body = { text: 'ok', answers: { q1: 'a\u0000', q2: ['fine', '\ud800'] }, ['k\u0000']: 1 }
    expect(findUnstorableText(body, 'body').map((p) => p.path)).toEqual([
      'body."k\\u0000"',
      'body.answers.q1',
      'body.answers.q2.1',
    ])
    expect(findUnstorableText({ text: 'fine' }, 'body')).toEqual([])
    expect(findUnstorableText(undefined, 'body')).toEqual([])
  })

  it('stops at a depth no body needs, without recursing', () => {
    let deep: unknown = 'x'
    for (let i = 0; i < 100_000; i++) deep = [deep]
    const problems = findUnstorableText(deep, 'body')
    expect(problems).toHaveLength(1)
    expect(problems[0]!.message).toMatch(String(MAX_DEPTH))
  })

  it('refuses bytes that are not UTF-8 instead of replacing them', () => {
    expect(decodeUtf8Body(Buffer.from('{"a":"é"}'))).toBe('{"a":"é"}')
    expect(() => decodeUtf8Body(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]))).toThrowError(
      expect.objectContaining({ statusCode: 400, details: [{ path: 'body', message: 'is not valid UTF-8' }] }),
    )
  })
})
