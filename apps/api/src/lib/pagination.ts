import { InvalidCursorError } from './errors.js'

/** Opaque keyset cursor: the sort key of the last row on the page. */
export const encodeCursor = (key: readonly (string | number)[]) => Buffer.from(JSON.stringify(key)).toString('base64url')

export function decodeCursor<T extends readonly ('string' | 'number')[]>(cursor: string | undefined, shape: T) {
  if (cursor === undefined) return undefined
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
    if (Array.isArray(key) && key.length === shape.length && key.every((v, i) => typeof v === shape[i])) {
      return key as { [K in keyof T]: T[K] extends 'number' ? number : string }
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
