// Two-coder agreement: percent agreement and Cohen's κ (docs/analysis.md §3, §3.1).
import { assertArray, checkCode, checkCountMatrix, CodeKinds, compareCodes, type Code } from './validate.js'

export type { Code }

export interface PercentAgreementResult {
  /** agreements / n; NaN when n = 0 (see `reason`). */
  agreement: number
  /** Units on which both coders coded and gave the same code. */
  agreements: number
  /** Units both coders coded (neither value null). */
  n: number
  reason?: string
}

function checkPair(a: unknown, b: unknown): { a: (Code | null)[]; b: (Code | null)[] } {
  assertArray(a, 'coder A codes')
  assertArray(b, 'coder B codes')
  if (a.length !== b.length) {
    throw new RangeError(`coder A and coder B must code the same units: got ${a.length} and ${b.length} codes`)
  }
  const kinds = new CodeKinds()
  // Array.from visits holes too, so a sparse array fails as `undefined` instead of being skipped.
  const ca = Array.from(a, (v, i) => checkCode(v, `coder A code [${i}]`))
  const cb = Array.from(b, (v, i) => checkCode(v, `coder B code [${i}]`))
  ca.forEach((v) => kinds.add(v))
  cb.forEach((v) => kinds.add(v))
  kinds.assertSingle('the codes of coder A and coder B')
  return { a: ca, b: cb }
}

/**
 * Share of units on which two coders agree, over the units **both** coded.
 *
 * Nulls: `null` means "this coder did not code this unit" (e.g. the unit is outside the
 * double-coded sample). A unit with a null on either side is left out of both the numerator
 * and `n`; it is not counted as a disagreement. For per-code present/absent reliability
 * (§3), code "absent" as a value (0, 'absent', …), not as null. No units coded by both →
 * `agreement` NaN with a `reason`.
 */
export function percentAgreement(a: (Code | null)[], b: (Code | null)[]): PercentAgreementResult {
  const codes = checkPair(a, b)
  let n = 0
  let agreements = 0
  codes.a.forEach((x, i) => {
    const y = codes.b[i]
    if (x === null || y === null || y === undefined) return
    n += 1
    if (x === y) agreements += 1
  })
  if (n === 0) return { agreement: Number.NaN, agreements: 0, n: 0, reason: 'no unit was coded by both coders (n = 0)' }
  return { agreement: agreements / n, agreements, n }
}

export interface CohensKappaResult {
  /** (po − pe) / (1 − pe); NaN when n = 0; 1 when both coders used one and the same category only (see `reason`). */
  kappa: number
  /** Observed agreement: diagonal / n. */
  po: number
  /** Chance agreement from each coder's own marginals: Σ_k p_A,k · p_B,k. */
  pe: number
  /** Units in the table. */
  n: number
  /** Set for the degenerate cases (n = 0, or pe = 1). */
  reason?: string
}

/**
 * Cohen's κ for a k × k contingency table of counts: rows are coder A's categories, columns
 * coder B's, in the same order; table[i][j] = units A put in category i and B in category j.
 *
 * Degenerate cases: an empty table (n = 0) gives κ, po, pe = NaN with a `reason`. When both
 * coders put every unit in the same single category, pe = 1 and the formula is 0/0; κ is then
 * reported as 1 (perfect, but uninformative, agreement) with a `reason` so the UI can say so.
 * This mirrors krippendorffAlpha's "no variation" case.
 */
export function cohensKappa(table: number[][]): CohensKappaResult {
  const width = checkCountMatrix(table, 'contingency table')
  const k = table.length
  if (width !== k) throw new RangeError(`contingency table must be square (k × k): got ${k} rows and ${width} columns`)
  const rowSums = new Array<number>(k).fill(0)
  const colSums = new Array<number>(k).fill(0)
  let n = 0
  let diagonal = 0
  table.forEach((row, i) => {
    row.forEach((count, j) => {
      rowSums[i] = rowSums[i]! + count
      colSums[j] = colSums[j]! + count
      n += count
      if (i === j) diagonal += count
    })
  })
  if (n === 0)
    return { kappa: Number.NaN, po: Number.NaN, pe: Number.NaN, n: 0, reason: 'the contingency table is empty (n = 0)' }
  const po = diagonal / n
  let chance = 0
  for (let i = 0; i < k; i++) chance += rowSums[i]! * colSums[i]!
  const pe = chance / (n * n)
  if (rowSums.some((r, i) => r === n && colSums[i] === n)) {
    return {
      kappa: 1,
      po,
      pe,
      n,
      reason: 'both coders put every unit in the same single category (pe = 1): κ is 0/0 and is reported as 1',
    }
  }
  return { kappa: (po - pe) / (1 - pe), po, pe, n }
}

export interface ContingencyTable {
  /** Category of each row/column, sorted (numbers ascending, strings by code unit). */
  categories: Code[]
  /** table[i][j] = units coder A put in categories[i] and coder B in categories[j]. */
  table: number[][]
  /** Units left out because either coder's code is null. */
  skipped: number
}

/**
 * Builds the k × k contingency table from two parallel code arrays. Units where either code is
 * null are skipped; the categories are those used on the remaining units.
 */
export function contingencyTable(a: (Code | null)[], b: (Code | null)[]): ContingencyTable {
  const codes = checkPair(a, b)
  const pairs: [Code, Code][] = []
  let skipped = 0
  codes.a.forEach((x, i) => {
    const y = codes.b[i]
    if (x === null || y === null || y === undefined) skipped += 1
    else pairs.push([x, y])
  })
  const categories = [...new Set(pairs.flat())].sort(compareCodes)
  const index = new Map(categories.map((c, i) => [c, i]))
  const table = categories.map(() => new Array<number>(categories.length).fill(0))
  for (const [x, y] of pairs) {
    const row = table[index.get(x)!]!
    const j = index.get(y)!
    row[j] = row[j]! + 1
  }
  return { categories, table, skipped }
}

/** Cohen's κ from two parallel code arrays (units where either code is null are skipped). */
export function cohensKappaFromCodes(a: (Code | null)[], b: (Code | null)[]): CohensKappaResult & ContingencyTable {
  const built = contingencyTable(a, b)
  return { ...cohensKappa(built.table), ...built }
}
