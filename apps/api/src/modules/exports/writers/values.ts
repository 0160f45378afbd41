import type { Writable } from 'node:stream'
import type { Cell } from '../exports.table.js'

// How the writers read a datetime or date cell. The datasets hand datetimes as ISO 8601 text (or epoch
// milliseconds) and dates as YYYY-MM-DD; whatever is not one is written as the text it is, never dropped.

/** A datetime cell as a Date, or null when it is not one. */
export function asDate(cell: Cell): Date | null {
  if (typeof cell !== 'string' && typeof cell !== 'number') return null
  const d = new Date(cell)
  return Number.isNaN(d.getTime()) ? null : d
}

const DAY = /^(\d{4}-\d{2}-\d{2})(?:$|T)/

/** A date cell as YYYY-MM-DD, or null when it is not one. */
export function asDay(cell: Cell): string | null {
  if (typeof cell === 'string') return DAY.exec(cell)?.[1] ?? null
  if (typeof cell === 'number') return asDate(cell)?.toISOString().slice(0, 10) ?? null
  return null
}

/** A number cell handed as text (PostgreSQL's numeric is read as a string): plain decimal notation. */
export const NUMERIC_TEXT = /^-?\d+(\.\d+)?$/

/**
 * Wait until `out` has room again (back-pressure: a write returned false). An output that closes or
 * fails meanwhile rejects, so a writer never waits for ever on a consumer that went away.
 */
export function drained(out: Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    const settle = (err?: Error) => {
      out.off('drain', onDrain)
      out.off('error', onError)
      out.off('close', onClose)
      if (err) reject(err)
      else resolve()
    }
    const onDrain = () => settle()
    const onError = (e: Error) => settle(e)
    const onClose = () => settle(new Error('the output closed before the export was written'))
    out.on('drain', onDrain)
    out.on('error', onError)
    out.on('close', onClose)
  })
}

/** Hand the event loop a turn: lets compression and I/O catch up when rows come without any I/O. */
export const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve))
