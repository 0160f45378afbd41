// Fleiss' κ: m ≥ 2 raters per subject, the same number for every subject (docs/analysis.md §3.2).
import { checkCountMatrix } from './validate.js'

export interface FleissKappaResult {
  /** (P̄ − P̄e) / (1 − P̄e); NaN for no subjects, 1 when every rating is in one category (see `reason`). */
  kappa: number
  /** Mean per-subject agreement P̄ = (1/N) Σ_i P_i. */
  pBar: number
  /** Chance agreement P̄e = Σ_j p_j². */
  peBar: number
  /** Number of subjects N (the sample size, as `n` is elsewhere in this module). */
  n: number
  /** Raters per subject (the `n` of the formula in §3.2). */
  raters: number
  /** p_j: share of all ratings in category j. */
  pj: number[]
  reason?: string
}

/**
 * Fleiss' κ. `counts[i][j]` = number of raters who put subject i in category j. Every subject
 * must have the same number of raters (≥ 2); the raters themselves may differ between subjects.
 *
 * Degenerate cases: no subjects → NaN with a `reason`. When every rating of every subject is
 * in one category, P̄e = 1 and κ is 0/0; it is reported as 1 with a `reason` (as in cohensKappa).
 */
export function fleissKappa(counts: number[][]): FleissKappaResult {
  const k = checkCountMatrix(counts, 'counts')
  const subjects = counts.length
  if (subjects === 0) {
    return {
      kappa: Number.NaN,
      pBar: Number.NaN,
      peBar: Number.NaN,
      n: 0,
      raters: 0,
      pj: [],
      reason: 'no subjects (N = 0)',
    }
  }
  const sums = counts.map((row) => row.reduce((s, c) => s + c, 0))
  const raters = sums[0]!
  const other = sums.findIndex((s) => s !== raters)
  if (other !== -1) {
    throw new RangeError(
      `Fleiss' κ needs the same number of raters for every subject: subject 0 has ${raters} ratings but subject ${other} has ${sums[other]}`,
    )
  }
  if (raters < 2) throw new RangeError(`Fleiss' κ needs at least 2 raters per subject, got ${raters}`)

  const columnSums = new Array<number>(k).fill(0)
  let sumP = 0
  for (const row of counts) {
    let squares = 0
    row.forEach((c, j) => {
      squares += c * c
      columnSums[j] = columnSums[j]! + c
    })
    sumP += (squares - raters) / (raters * (raters - 1))
  }
  const total = subjects * raters
  const pj = columnSums.map((s) => s / total)
  const pBar = sumP / subjects
  const peBar = pj.reduce((s, p) => s + p * p, 0)
  if (columnSums.some((s) => s === total)) {
    return {
      kappa: 1,
      pBar,
      peBar,
      n: subjects,
      raters,
      pj,
      reason: 'every rating is in the same single category (P̄e = 1): κ is 0/0 and is reported as 1',
    }
  }
  return { kappa: (pBar - peBar) / (1 - peBar), pBar, peBar, n: subjects, raters, pj }
}
