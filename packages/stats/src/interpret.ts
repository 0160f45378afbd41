// Verbal bands for the coefficients (docs/analysis.md §3.1, §3.3).
import { describe } from './validate.js'

export const KAPPA_BANDS = ['poor', 'slight', 'fair', 'moderate', 'substantial', 'almost perfect'] as const
export type KappaBand = (typeof KAPPA_BANDS)[number]
export const ALPHA_VERDICTS = ['reliable', 'tentative', 'unreliable'] as const
export type AlphaVerdict = (typeof ALPHA_VERDICTS)[number]

/** Rounding slack at the band edges, so a computed 0.39999999999999997 is still "fair" like 0.40. */
const EDGE = 1e-9

function checkCoefficient(value: unknown, name: string): number {
  if (typeof value !== 'number') throw new TypeError(`${name} must be a number, got ${describe(value)}`)
  if (Number.isNaN(value))
    throw new RangeError(`${name} is NaN (undefined: see the result's reason) and cannot be interpreted`)
  if (!Number.isFinite(value)) throw new RangeError(`${name} must be finite, got ${value}`)
  if (value > 1 + EDGE) throw new RangeError(`${name} cannot exceed 1, got ${value}`)
  return value
}

/**
 * Landis & Koch (1977) band. Their table lists 0–.20, .21–.40, …; on a continuous scale each
 * band here includes its upper edge: κ < 0 poor, ≤ .20 slight, ≤ .40 fair, ≤ .60 moderate,
 * ≤ .80 substantial, ≤ 1 almost perfect (edges with 1e-9 slack for rounding).
 */
export function interpretKappa(kappa: number): KappaBand {
  const k = checkCoefficient(kappa, 'kappa')
  if (k < -1 - EDGE) throw new RangeError(`kappa cannot be below −1, got ${k}`)
  if (k < -EDGE) return 'poor'
  if (k <= 0.2 + EDGE) return 'slight'
  if (k <= 0.4 + EDGE) return 'fair'
  if (k <= 0.6 + EDGE) return 'moderate'
  if (k <= 0.8 + EDGE) return 'substantial'
  return 'almost perfect'
}

/**
 * Krippendorff (2004/2019): α ≥ .800 reliable; .667 ≤ α < .800 only tentative conclusions;
 * below .667 unreliable (edges with 1e-9 slack for rounding). NaN (undefined α) throws.
 */
export function interpretAlpha(alpha: number): AlphaVerdict {
  const a = checkCoefficient(alpha, 'alpha')
  if (a >= 0.8 - EDGE) return 'reliable'
  if (a >= 0.667 - EDGE) return 'tentative'
  return 'unreliable'
}
