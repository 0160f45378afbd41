// Distribution functions used by the verification statistics (docs/analysis.md §7: individual,
// pinned @stdlib packages; pure JavaScript, no Node-only APIs, so safe for the analyst bundle).
// Internal helpers: the public API re-exports only `zCritical`.
import betaQuantileImpl from '@stdlib/stats-base-dists-beta-quantile'
import chiSquareCdfImpl from '@stdlib/stats-base-dists-chisquare-cdf'
import normalCdfImpl from '@stdlib/stats-base-dists-normal-cdf'
import normalQuantileImpl from '@stdlib/stats-base-dists-normal-quantile'
import tCdfImpl from '@stdlib/stats-base-dists-t-cdf'
import tQuantileImpl from '@stdlib/stats-base-dists-t-quantile'
import { checkConfidence } from './validate.js'

/** Standard normal CDF Φ(x). */
export function normalCdf(x: number): number {
  return normalCdfImpl(x, 0, 1)
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

export function tQuantile(p: number, df: number): number {
  return tQuantileImpl(p, df)
}

/** Upper tail P(χ²_df ≥ x). */
export function chiSquareSf(x: number, df: number): number {
  return 1 - chiSquareCdfImpl(x, df)
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
