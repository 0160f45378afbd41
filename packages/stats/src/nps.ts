// Net Promoter Score with its margin of error (docs/analysis.md §2.3, §2.9), on the −1…+1 scale
// (multiply by 100 for display).
import { zCritical } from './distributions.js'
import { sampleSizeFor, type SampleSizeResult } from './proportions.js'
import {
  checkChoice,
  checkConfidence,
  checkCount,
  checkOptions,
  checkPositive,
  checkProbability,
  describe,
} from './validate.js'

export interface NpsCounts {
  promoters: number
  passives: number
  detractors: number
}

export type NpsMethod = 'wald' | 'adjusted-wald'
export const NPS_METHODS: readonly NpsMethod[] = ['wald', 'adjusted-wald']

export interface NpsIntervalResult {
  /** Observed NPS = (P − D)/n on −1…+1; NaN when n = 0. */
  nps: number
  /**
   * The point the interval is centred on: equal to `nps` for Wald; for adjusted-Wald the
   * adjusted NPS′ = (P + ¾ − D − ¾)/(n + 3) (Rocks 2016).
   */
  center: number
  /** Standard error of `center`: sqrt((p + d − (p − d)²)/n) with the (adjusted) p, d and n. */
  se: number
  /** CI limits, clipped to [−1, 1]. */
  lower: number
  upper: number
  /** Observed number of valid answers P + A + D. */
  n: number
  confidence: number
  method: NpsMethod
  reason?: string
}

/**
 * NPS confidence interval (§2.3, §8 #5). Wald: NPS ± z·sqrt((p + d − (p − d)²)/n), the trinomial
 * variance. Adjusted-Wald (Rocks 2016, the better-covering default to show): add ¾ to promoters
 * and detractors and 3 to n, then apply the same formula.
 *
 * Degenerate cases: n = 0 → NaN with a `reason`. With Wald, when everyone is a promoter (or a
 * detractor, or passive) the SE is 0 and the interval collapses to a point; a `reason` says so
 * (use adjusted-Wald, which stays informative).
 */
export function npsInterval(
  counts: NpsCounts,
  options: { method?: NpsMethod; confidence?: number } = {},
): NpsIntervalResult {
  if (counts === null || typeof counts !== 'object' || Array.isArray(counts)) {
    throw new TypeError(`counts must be an object { promoters, passives, detractors }, got ${describe(counts)}`)
  }
  const P = checkCount(counts.promoters, 'counts.promoters')
  const A = checkCount(counts.passives, 'counts.passives')
  const D = checkCount(counts.detractors, 'counts.detractors')
  const opts = checkOptions(options)
  const method = checkChoice(opts.method, 'options.method', NPS_METHODS, 'wald')
  const confidence = opts.confidence === undefined ? 0.95 : checkConfidence(opts.confidence)
  const n = P + A + D
  if (n === 0) {
    const nan = Number.NaN
    return {
      nps: nan,
      center: nan,
      se: nan,
      lower: nan,
      upper: nan,
      n: 0,
      confidence,
      method,
      reason: 'no valid answers (n = 0)',
    }
  }
  const nps = (P - D) / n
  const add = method === 'adjusted-wald' ? 0.75 : 0
  const nn = n + 4 * add
  const p = (P + add) / nn
  const d = (D + add) / nn
  const center = p - d
  const se = Math.sqrt(Math.max(0, p + d - center * center) / nn)
  const z = zCritical(confidence)
  const result: NpsIntervalResult = {
    nps,
    center,
    se,
    lower: Math.max(-1, center - z * se),
    upper: Math.min(1, center + z * se),
    n,
    confidence,
    method,
  }
  if (se === 0) result.reason = 'all answers fall in one category: the Wald standard error is 0 (use adjusted-wald)'
  return result
}

/**
 * Answers needed for a ± marginOfError CI on NPS (§2.9, §8 #27). marginOfError is on the
 * −1…+1 scale (0.05 = ±5 points). Expected shares default to the worst case (V = 1, e.g.
 * half promoters, half detractors); with p = d = ⅓, ±5 points needs 1,025.
 */
export function npsSampleSize(
  marginOfError: number,
  options: { promoterShare?: number; detractorShare?: number; confidence?: number; population?: number } = {},
): SampleSizeResult {
  const e = checkPositive(marginOfError, 'marginOfError')
  if (e >= 2) throw new RangeError(`marginOfError is on the −1…+1 scale (0.05 = ±5 points), got ${String(e)}`)
  const opts = checkOptions(options)
  const confidence = opts.confidence === undefined ? 0.95 : checkConfidence(opts.confidence)
  let variance = 1
  if (opts.promoterShare !== undefined || opts.detractorShare !== undefined) {
    if (opts.promoterShare === undefined || opts.detractorShare === undefined) {
      throw new TypeError('give both options.promoterShare and options.detractorShare, or neither (worst case)')
    }
    const p = checkProbability(opts.promoterShare, 'options.promoterShare')
    const d = checkProbability(opts.detractorShare, 'options.detractorShare')
    if (p + d > 1 + 1e-12) throw new RangeError(`promoterShare + detractorShare must be ≤ 1, got ${String(p + d)}`)
    variance = p + d - (p - d) ** 2
  }
  return sampleSizeFor(variance, e, confidence, opts.population as number | undefined)
}
