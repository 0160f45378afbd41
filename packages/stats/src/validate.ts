// Input checks shared by the agreement statistics. Internal: not re-exported from ./index.ts.

/** A code a coder gave a unit: a category label or a (finite) number. */
export type Code = string | number

export function describe(value: unknown): string {
  if (value === null) return 'null'
  if (value === undefined) return 'undefined'
  if (Array.isArray(value)) return 'an array'
  if (typeof value === 'number' || typeof value === 'string')
    return `${typeof value} ${JSON.stringify(value) ?? String(value)}`
  return typeof value
}

export function assertArray(value: unknown, what: string): asserts value is unknown[] {
  if (!Array.isArray(value)) throw new TypeError(`${what} must be an array, got ${describe(value)}`)
}

/**
 * A code cell: a string, a finite number, or null (= not coded). `undefined` and holes are
 * rejected so that a forgotten value is not silently read as "missing".
 */
export function checkCode(value: unknown, where: string): Code | null {
  if (value === null || typeof value === 'string') return value
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`${where} must be a finite number, got ${String(value)}`)
    return value
  }
  throw new TypeError(`${where} must be a string, a finite number or null (for missing), got ${describe(value)}`)
}

/** Codes that mix strings and numbers (1 vs "1") would never match each other: refuse them. */
export class CodeKinds {
  private readonly seen = new Set<'string' | 'number'>()
  add(code: Code | null): void {
    if (code !== null) this.seen.add(typeof code === 'string' ? 'string' : 'number')
  }
  assertSingle(what: string): void {
    if (this.seen.size > 1) {
      throw new TypeError(
        `${what} mixes string and number codes (e.g. 1 and "1" never match); use one type for all codes`,
      )
    }
  }
}

/** Sorts codes of one kind: numbers ascending, strings by code unit (locale independent). */
export function compareCodes(a: Code, b: Code): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b
  const x = String(a)
  const y = String(b)
  return x < y ? -1 : x > y ? 1 : 0
}

/**
 * A rectangular matrix of counts (non-negative safe integers). Returns the number of columns
 * (0 for an empty matrix).
 */
export function checkCountMatrix(matrix: unknown, what: string): number {
  assertArray(matrix, what)
  let width = -1
  matrix.forEach((row, i) => {
    assertArray(row, `${what}[${i}]`)
    if (width === -1) width = row.length
    else if (row.length !== width) {
      throw new RangeError(`${what} is ragged: row 0 has ${width} columns but row ${i} has ${row.length}`)
    }
    row.forEach((cell, j) => {
      if (typeof cell !== 'number') throw new TypeError(`${what}[${i}][${j}] must be a number, got ${describe(cell)}`)
      if (!Number.isSafeInteger(cell) || cell < 0) {
        throw new RangeError(`${what}[${i}][${j}] must be a non-negative integer count, got ${String(cell)}`)
      }
    })
  })
  return Math.max(width, 0)
}

// ---- Checks for the verification statistics (docs/analysis.md §2) ----

/** A count: a non-negative safe integer. */
export function checkCount(value: unknown, what: string): number {
  if (typeof value !== 'number') throw new TypeError(`${what} must be a number, got ${describe(value)}`)
  if (!Number.isSafeInteger(value) || value < 0)
    throw new RangeError(`${what} must be a non-negative integer count, got ${String(value)}`)
  return value
}

/** successes ≤ n, both counts. */
export function checkSuccesses(successes: unknown, n: unknown, what = 'successes'): { k: number; n: number } {
  const k = checkCount(successes, what)
  const total = checkCount(n, 'n')
  if (k > total) throw new RangeError(`${what} (${k}) cannot exceed n (${total})`)
  return { k, n: total }
}

/** A confidence level strictly between 0 and 1 (0.95, not 95). */
export function checkConfidence(value: unknown): number {
  if (typeof value !== 'number') throw new TypeError(`confidence must be a number, got ${describe(value)}`)
  if (!(value > 0 && value < 1))
    throw new RangeError(`confidence must be strictly between 0 and 1 (e.g. 0.95), got ${String(value)}`)
  return value
}

/** A probability in [0, 1]. */
export function checkProbability(value: unknown, what: string): number {
  if (typeof value !== 'number') throw new TypeError(`${what} must be a number, got ${describe(value)}`)
  if (!(value >= 0 && value <= 1)) throw new RangeError(`${what} must be a probability in [0, 1], got ${String(value)}`)
  return value
}

/** A positive finite number. */
export function checkPositive(value: unknown, what: string): number {
  if (typeof value !== 'number') throw new TypeError(`${what} must be a number, got ${describe(value)}`)
  if (!(Number.isFinite(value) && value > 0))
    throw new RangeError(`${what} must be a positive finite number, got ${String(value)}`)
  return value
}

/** An array of finite numbers (holes and non-numbers rejected). Returns a copy. */
export function checkSample(value: unknown, what: string): number[] {
  assertArray(value, what)
  return Array.from(value, (v, i) => {
    if (typeof v !== 'number') throw new TypeError(`${what}[${i}] must be a number, got ${describe(v)}`)
    if (!Number.isFinite(v)) throw new RangeError(`${what}[${i}] must be a finite number, got ${String(v)}`)
    return v
  })
}

/** Options must be a plain object (or omitted); a boolean option must be a boolean. */
export function checkOptions(value: unknown, what = 'options'): Record<string, unknown> {
  if (value === undefined) return {}
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new TypeError(`${what} must be an object, got ${describe(value)}`)
  return value as Record<string, unknown>
}

export function checkBoolean(value: unknown, what: string, fallback: boolean): boolean {
  if (value === undefined) return fallback
  if (typeof value !== 'boolean') throw new TypeError(`${what} must be a boolean, got ${describe(value)}`)
  return value
}

export function checkChoice<T extends string>(value: unknown, what: string, choices: readonly T[], fallback: T): T {
  if (value === undefined) return fallback
  if (typeof value !== 'string' || !(choices as readonly string[]).includes(value)) {
    throw new RangeError(`${what} must be one of ${choices.map((c) => `'${c}'`).join(', ')}, got ${describe(value)}`)
  }
  return value as T
}
