// Welch two-sample t-test for mean differences (docs/analysis.md §2.4, §8 #7).
import { tCdf, tQuantile } from './distributions.js'
import { checkConfidence, checkSample } from './validate.js'

export interface WelchTTestResult {
  /** (mean(a) − mean(b)) / sqrt(s²a/na + s²b/nb). */
  t: number
  /** Welch–Satterthwaite degrees of freedom. */
  df: number
  /** Two-sided p. */
  p: number
  /** mean(a) − mean(b). */
  difference: number
  /** CI for mean(a) − mean(b). */
  lower: number
  upper: number
  confidence: number
  reason?: string
}

function meanVar(x: number[]): { mean: number; variance: number } {
  const mean = x.reduce((s, v) => s + v, 0) / x.length
  const variance = x.reduce((s, v) => s + (v - mean) ** 2, 0) / (x.length - 1)
  return { mean, variance }
}

/**
 * Welch's unequal-variance t-test (R `t.test(a, b)` default), two-sided, with the CI of the
 * mean difference.
 *
 * Degenerate cases (NaN with a `reason`, where R stops with an error): fewer than 2 values in a
 * group; both groups constant. If both are constant with the same value, t = 0 and p = 1 (no
 * difference), with the difference and a zero-width CI.
 */
export function welchTTest(a: number[], b: number[], confidence = 0.95): WelchTTestResult {
  const x = checkSample(a, 'a')
  const y = checkSample(b, 'b')
  const level = checkConfidence(confidence)
  const nan = Number.NaN
  if (x.length < 2 || y.length < 2) {
    return {
      t: nan,
      df: nan,
      p: nan,
      difference: nan,
      lower: nan,
      upper: nan,
      confidence: level,
      reason: 'each group needs at least 2 values',
    }
  }
  const ma = meanVar(x)
  const mb = meanVar(y)
  const difference = ma.mean - mb.mean
  const va = ma.variance / x.length
  const vb = mb.variance / y.length
  const se2 = va + vb
  if (!(se2 > 0)) {
    if (difference === 0)
      return {
        t: 0,
        df: nan,
        p: 1,
        difference,
        lower: 0,
        upper: 0,
        confidence: level,
        reason: 'all values are identical: no difference to test',
      }
    return {
      t: nan,
      df: nan,
      p: nan,
      difference,
      lower: nan,
      upper: nan,
      confidence: level,
      reason: 'both groups are constant: the t statistic is undefined',
    }
  }
  const se = Math.sqrt(se2)
  const t = difference / se
  const df = (se2 * se2) / ((va * va) / (x.length - 1) + (vb * vb) / (y.length - 1))
  const p = Math.min(1, 2 * tCdf(-Math.abs(t), df))
  const q = tQuantile(1 - (1 - level) / 2, df)
  return { t, df, p, difference, lower: difference - q * se, upper: difference + q * se, confidence: level }
}
