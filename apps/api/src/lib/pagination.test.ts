import { describe, expect, it } from 'vitest'
import { decodeCursor, encodeCursor, pageFrom } from './pagination.js'

describe('keyset cursors', () => {
  it('round-trips the sort key', () => {
    const c = encodeCursor(['2026-11-22 10:00:00.123456+00', 'a1b2'])
    expect(decodeCursor(c, ['string', 'string'] as const)).toEqual(['2026-11-22 10:00:00.123456+00', 'a1b2'])
    expect(decodeCursor(encodeCursor([3, 'x']), ['number', 'string'] as const)).toEqual([3, 'x'])
    expect(decodeCursor(undefined, ['number'] as const)).toBeUndefined()
  })

  it('rejects tampered or mistyped cursors with a validation error', () => {
    for (const bad of ['%%%', encodeCursor(['x']), encodeCursor([1, 2]), Buffer.from('{"a":1}').toString('base64url')]) {
      expect(() => decodeCursor(bad, ['string', 'string'] as const)).toThrowError(expect.objectContaining({ statusCode: 400 }))
    }
  })

  it('builds a page from limit + 1 rows', () => {
    const rows = [1, 2, 3].map((n) => ({ n }))
    expect(pageFrom(rows, 2, (r) => r.n, (r) => [r.n])).toEqual({ items: [1, 2], nextCursor: encodeCursor([2]) })
    expect(pageFrom(rows, 3, (r) => r.n, (r) => [r.n])).toEqual({ items: [1, 2, 3], nextCursor: null })
  })
})
