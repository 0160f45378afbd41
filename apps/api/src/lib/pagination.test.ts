import { describe, expect, it } from 'vitest'
import { decodeCursor, encodeCursor, pageFrom } from './pagination.js'

describe('keyset cursors', () => {
  it('round-trips the sort key', () => {
    const id = '0b6f0c1e-2a4b-4c8e-9d1f-3a5b7c9d1e2f'
    const c = encodeCursor(['2026-11-22 10:00:00.123456+00', id])
    expect(decodeCursor(c, ['timestamp', 'uuid'])).toEqual(['2026-11-22 10:00:00.123456+00', id])
    expect(decodeCursor(encodeCursor([3, id]), ['int', 'uuid'])).toEqual([3, id])
    expect(decodeCursor(encodeCursor(['1970-01-01 00:00:00+00', 'entry:x']), ['timestamp', 'text'])).toEqual([
      '1970-01-01 00:00:00+00',
      'entry:x',
    ])
    expect(decodeCursor(undefined, ['int'])).toBeUndefined()
  })

  it('rejects tampered or mistyped cursors with a validation error', () => {
    const id = '0b6f0c1e-2a4b-4c8e-9d1f-3a5b7c9d1e2f'
    const bad = [
      '%%%',
      encodeCursor(['x']),
      encodeCursor([1, 2]),
      Buffer.from('{"a":1}').toString('base64url'),
      // well-typed JSON whose parts PostgreSQL would refuse to cast: these were 500s
      encodeCursor(['not a time', id]),
      encodeCursor(['2026-13-45 10:00:00+00', id]),
      encodeCursor(['2026-11-22 10:00:00+00', 'not-a-uuid']),
      encodeCursor(['2026-11-22 10:00:00+00', `${id}\u0000`]),
    ]
    for (const c of bad)
      expect(() => decodeCursor(c, ['timestamp', 'uuid']), c).toThrowError(expect.objectContaining({ statusCode: 400 }))
    for (const c of [encodeCursor([1e12, id]), encodeCursor([1.5, id])])
      expect(() => decodeCursor(c, ['int', 'uuid'])).toThrowError(expect.objectContaining({ statusCode: 400 }))
    for (const c of [
      encodeCursor(['2026-11-22 10:00:00+00', 'a\ud800']),
      encodeCursor(['2026-11-22 10:00:00+00', 'x'.repeat(201)]),
    ])
      expect(() => decodeCursor(c, ['timestamp', 'text'])).toThrowError(expect.objectContaining({ statusCode: 400 }))
  })

  it('builds a page from limit + 1 rows', () => {
    const rows = [1, 2, 3].map((n) => ({ n }))
    expect(
      pageFrom(
        rows,
        2,
        (r) => r.n,
        (r) => [r.n],
      ),
    ).toEqual({ items: [1, 2], nextCursor: encodeCursor([2]) })
    expect(
      pageFrom(
        rows,
        3,
        (r) => r.n,
        (r) => [r.n],
      ),
    ).toEqual({ items: [1, 2, 3], nextCursor: null })
  })
})
