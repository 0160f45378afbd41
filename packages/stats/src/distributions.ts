// Distribution functions used by the verification statistics (docs/analysis.md §7: individual,
// pinned @stdlib packages; pure JavaScript, no Node-only APIs, so safe for the analyst bundle).
// Internal helpers: the public API re-exports only `zCritical`.
import gammainc from '@stdlib/math-base-special-gammainc'
import betaQuantileImpl from '@stdlib/stats-base-dists-beta-quantile'
import normalCdfImpl from '@stdlib/stats-base-dists-normal-cdf'
import normalQuantileImpl from '@stdlib/stats-base-dists-normal-quantile'
import tCdfImpl from '@stdlib/stats-base-dists-t-cdf'
import tQuantileImpl from '@stdlib/stats-base-dists-t-quantile'
import { checkConfidence } from './validate.js'

/** Standard normal CDF Φ(x). */
export function normalCdf(x: number): number {
  return normalCdfImpl(x, 0, 1)
}

/**
 * Upper tail P(Z ≥ x) = Φ(−x), computed in the lower tail: 1 − Φ(x) is exactly 0 once Φ(x) rounds
 * to 1 (x above about 8.3), which showed a true p of 1e-25 as 0.
 */
export function normalSf(x: number): number {
  return normalCdf(-x)
}

/** Standard normal quantile Φ⁻¹(p). */
export function normalQuantile(p: number): number {
  return normalQuantileImpl(p, 0, 1)
}

/** Two-sided normal p-value 2·Φ(−|z|) (computed in the lower tail for accuracy), capped at 1. */
export function normalTwoSided(z: number): number {
  return Math.min(1, 2 * normalCdf(-Math.abs(z)))
}

export function tCdf(t: number, df: number): number {
  return tCdfImpl(t, df)
}

/** Upper tail P(T_df ≥ t) = T_df(−t) by symmetry, for the same reason as normalSf. */
export function tSf(t: number, df: number): number {
  return tCdfImpl(-t, df)
}

export function tQuantile(p: number, df: number): number {
  return tQuantileImpl(p, df)
}

/**
 * Upper tail P(χ²_df ≥ x): the regularized upper incomplete gamma Q(df/2, x/2), computed as the upper
 * tail itself rather than 1 − CDF, which is 0 below about 1e-16.
 */
export function chiSquareSf(x: number, df: number): number {
  if (!(x > 0)) return 1
  return gammainc(x / 2, df / 2, true, true)
}

export function betaQuantile(p: number, a: number, b: number): number {
  return betaQuantileImpl(p, a, b)
}

/**
 * The two-sided critical value z₁₋α/₂ for a confidence level, e.g. 1.959963984540054 for 0.95.
 * Throws a RangeError unless 0 < confidence < 1.
 */
export function zCritical(confidence: number): number {
  const c = checkConfidence(confidence)
  return normalQuantile(1 - (1 - c) / 2)
}
