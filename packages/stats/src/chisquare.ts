// Pearson χ² test of independence for an r × c table of counts (docs/analysis.md §2.5, §8 #10–#11).
import { chiSquareSf } from './distributions.js'
import { checkBoolean, checkCountMatrix, checkOptions } from './validate.js'

export interface ChiSquareResult {
  chiSquare: number
  df: number
  p: number
  /** Expected counts R_i·C_j/N (rows/columns with a zero total are dropped first). */
  expected: number[][]
  /** Smallest expected count; < 5 means Cochran's rule fails (see `warning`). */
  minExpected: number
  /** True when Yates' correction was applied (only 2 × 2 with `yates`). */
  yates: boolean
  reason?: string
  warning?: string
}

/**
 * χ² = Σ(O − E)²/E with df = (r − 1)(c − 1). Rows or columns whose total is 0 are removed
 * before testing (they carry no information; SciPy refuses them instead). `yates` (default
 * false, unlike SciPy's `correction=True`) applies Yates' correction to a 2 × 2 table, capped
 * so it never overshoots |O − E|.
 * Degenerate cases: N = 0 or fewer than 2 non-empty rows/columns → χ² 0, df 0, p 1 with a
 * `reason` (nothing to compare).
 */
export function chiSquareIndependence(table: number[][], options: { yates?: boolean } = {}): ChiSquareResult {
  checkCountMatrix(table, 'table')
  const useYates = checkBoolean(checkOptions(options).yates, 'options.yates', false)
  const rowsKept = table.filter((row) => row.reduce((s, v) => s + v, 0) > 0)
  const width = rowsKept[0]?.length ?? 0
  const colKeep = Array.from({ length: width }, (_, j) => rowsKept.some((row) => row[j]! > 0))
  const obs = rowsKept.map((row) => row.filter((_, j) => colKeep[j]))
  const r = obs.length
  const c = obs[0]?.length ?? 0
  if (r < 2 || c < 2) {
    return {
      chiSquare: 0,
      df: 0,
      p: 1,
      expected: [],
      minExpected: Number.NaN,
      yates: false,
      reason: 'fewer than 2 non-empty rows or columns: nothing to compare',
    }
  }
  const rowSums = obs.map((row) => row.reduce((s, v) => s + v, 0))
  const colSums = obs[0]!.map((_, j) => obs.reduce((s, row) => s + row[j]!, 0))
  const N = rowSums.reduce((s, v) => s + v, 0)
  const expected = rowSums.map((R) => colSums.map((C) => (R * C) / N))
  const yates = useYates && r === 2 && c === 2
  let chiSquare = 0
  let minExpected = Number.POSITIVE_INFINITY
  obs.forEach((row, i) =>
    row.forEach((o, j) => {
      const e = expected[i]![j]!
      minExpected = Math.min(minExpected, e)
      const dev = yates ? Math.max(0, Math.abs(o - e) - 0.5) : o - e
      chiSquare += (dev * dev) / e
    }),
  )
  const df = (r - 1) * (c - 1)
  const result: ChiSquareResult = { chiSquare, df, p: chiSquareSf(chiSquare, df), expected, minExpected, yates }
  if (minExpected < 5)
    result.warning = `smallest expected count is ${minExpected.toFixed(2)} (< 5): use an exact or permutation test`
  return result
}
