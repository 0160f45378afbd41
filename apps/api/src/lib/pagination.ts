import type { z } from 'zod'
import { InvalidCursorError } from './errors.js'
import { textProblem } from './safe-text.js'

/** Opaque keyset cursor: the sort key of the last row on the page. */
export const encodeCursor = (key: readonly (string | number)[]) =>
  Buffer.from(JSON.stringify(key)).toString('base64url')

/**
 * What each part of a sort key may be. A cursor comes back from the client, so every part is
 * checked as strictly as the column it is compared with: a forged cursor must be a 400, never a
 * cast error from PostgreSQL (a 500).
 */
export type CursorPart = 'timestamp' | 'uuid' | 'text' | 'int' | z.ZodType<string>
type PartValue<P extends CursorPart> = P extends 'int' ? number : string

// timestamptz as PostgreSQL prints it (`::text`), which keeps the microseconds a JS Date would lose
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(\.\d{1,6})?[+-]\d{2}(:\d{2}){0,2}$/
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

function partIsValid(part: CursorPart, v: unknown): boolean {
  if (typeof part !== 'string') return typeof v === 'string' && textProblem(v) === null && part.safeParse(v).success
  switch (part) {
    case 'int':
      return typeof v === 'number' && Number.isInteger(v) && Math.abs(v) <= 2_147_483_647
    case 'uuid':
      return typeof v === 'string' && UUID.test(v)
    case 'text':
      return typeof v === 'string' && v.length <= 200 && textProblem(v) === null
    case 'timestamp': {
      const m = typeof v === 'string' ? TIMESTAMP.exec(v) : null
      if (!m) return false
      const [, y, mo, d, h, mi, s] = m.map(Number) as number[]
      const date = new Date(Date.UTC(y!, mo! - 1, d!, h!, mi!, s!))
      return y! >= 1 && date.getUTCMonth() === mo! - 1 && date.getUTCDate() === d! && h! < 24 && mi! < 60 && s! < 60
    }
  }
}

export function decodeCursor<const T extends readonly CursorPart[]>(cursor: string | undefined, shape: T) {
  if (cursor === undefined) return undefined
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
    if (Array.isArray(key) && key.length === shape.length && key.every((v, i) => partIsValid(shape[i]!, v))) {
      return key as { -readonly [K in keyof T]: PartValue<T[K]> }
    }
  } catch {
    // fall through to the error below
  }
  throw new InvalidCursorError()
}

/** Fetch limit + 1 rows; the extra one only says whether another page exists. */
export function pageFrom<R, D>(rows: R[], limit: number, toDto: (r: R) => D, keyOf: (r: R) => (string | number)[]) {
  const items = rows.slice(0, limit)
  const last = items[items.length - 1]
  return { items: items.map(toDto), nextCursor: rows.length > limit && last ? encodeCursor(keyOf(last)) : null }
}
