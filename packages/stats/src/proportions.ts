// Proportions (docs/analysis.md §2.2, §2.5, §2.6, §2.7, §2.9): Wilson (± continuity correction),
// Clopper–Pearson, the Newcombe hybrid-score difference, the pooled two-proportion z-test,
// McNemar, Cohen's h with power / sample size, and the precision sample size for a share.
import { betaQuantile, chiSquareSf, normalCdf, normalQuantile, normalTwoSided, zCritical } from './distributions.js'
import {
  checkBoolean,
  checkConfidence,
  checkCount,
  checkOptions,
  checkPositive,
  checkProbability,
  checkSuccesses,
  describe,
} from './validate.js'

export interface ProportionInterval {
  /** p̂ = successes / n; NaN when n = 0 (see `reason`). */
  estimate: number
  lower: number
  upper: number
  n: number
  confidence: number
  method: 'wilson' | 'wilson-cc' | 'clopper-pearson'
  reason?: string
}

const clamp01 = (x: number): number => Math.min(1, Math.max(0, x))

function emptyInterval(n: number, confidence: number, method: ProportionInterval['method']): ProportionInterval {
  return {
    estimate: Number.NaN,
    lower: Number.NaN,
    upper: Number.NaN,
    n,
    confidence,
    method,
    reason: 'no valid answers (n = 0)',
  }
}

/**
 * Wilson score interval for k successes out of n (§2.2), optionally with Newcombe's continuity
 * correction (method 4, SciPy `wilsoncc`). The limits are exactly 0 when k = 0 and exactly 1
 * when k = n, and always lie in [0, 1]. n = 0 → NaN estimate and limits with a `reason`.
 */
export function wilsonInterval(
  successes: number,
  n: number,
  confidence = 0.95,
  options: { continuity?: boolean } = {},
): ProportionInterval {
  const { k, n: total } = checkSuccesses(successes, n)
  const level = checkConfidence(confidence)
  const continuity = checkBoolean(checkOptions(options).continuity, 'options.continuity', false)
  const method = continuity ? 'wilson-cc' : 'wilson'
  if (total === 0) return emptyInterval(0, level, method)
  const z = zCritical(level)
  const z2 = z * z
  const p = k / total
  let lower: number
  let upper: number
  if (!continuity) {
    const denom = 1 + z2 / total
    const center = (p + z2 / (2 * total)) / denom
    const half = (z / denom) * Math.sqrt((p * (1 - p)) / total + z2 / (4 * total * total))
    lower = center - half
    upper = center + half
  } else {
    const denom = 2 * (total + z2)
    lower =
      (2 * total * p + z2 - 1 - z * Math.sqrt(Math.max(0, z2 - 2 - 1 / total + 4 * p * (total * (1 - p) + 1)))) / denom
    upper =
      (2 * total * p + z2 + 1 + z * Math.sqrt(Math.max(0, z2 + 2 - 1 / total + 4 * p * (total * (1 - p) - 1)))) / denom
  }
  lower = k === 0 ? 0 : Math.min(p, clamp01(lower))
  upper = k === total ? 1 : Math.max(p, clamp01(upper))
  return { estimate: p, lower, upper, n: total, confidence: level, method }
}

/**
 * Clopper–Pearson "exact" interval from beta quantiles (§2.2, §8 #4): conservative (coverage
 * ≥ nominal). Lower = 0 when k = 0, upper = 1 when k = n; n = 0 → NaN with a `reason`.
 */
export function clopperPearson(successes: number, n: number, confidence = 0.95): ProportionInterval {
  const { k, n: total } = checkSuccesses(successes, n)
  const level = checkConfidence(confidence)
  if (total === 0) return emptyInterval(0, level, 'clopper-pearson')
  const alpha = 1 - level
  const lower = k === 0 ? 0 : betaQuantile(alpha / 2, k, total - k + 1)
  const upper = k === total ? 1 : betaQuantile(1 - alpha / 2, k + 1, total - k)
  return { estimate: k / total, lower, upper, n: total, confidence: level, method: 'clopper-pearson' }
}

export interface DifferenceInterval {
  /** p̂₁ − p̂₂; NaN when either n is 0 (see `reason`). */
  difference: number
  lower: number
  upper: number
  confidence: number
  reason?: string
}

/**
 * Newcombe's hybrid score interval (1998b, method 10) for p₁ − p₂ of two independent
 * proportions, built from the two Wilson intervals (§2.5, §8 #9). Always within [−1, 1].
 */
export function newcombeDifference(
  x1: number,
  n1: number,
  x2: number,
  n2: number,
  confidence = 0.95,
): DifferenceInterval {
  const a = checkSuccesses(x1, n1, 'x1')
  const b = checkSuccesses(x2, n2, 'x2')
  const level = checkConfidence(confidence)
  if (a.n === 0 || b.n === 0) {
    return {
      difference: Number.NaN,
      lower: Number.NaN,
      upper: Number.NaN,
      confidence: level,
      reason: 'a group has no valid answers (n = 0)',
    }
  }
  const w1 = wilsonInterval(a.k, a.n, level)
  const w2 = wilsonInterval(b.k, b.n, level)
  const p1 = w1.estimate
  const p2 = w2.estimate
  const d = p1 - p2
  const lower = d - Math.sqrt((p1 - w1.lower) ** 2 + (w2.upper - p2) ** 2)
  const upper = d + Math.sqrt((w1.upper - p1) ** 2 + (p2 - w2.lower) ** 2)
  return { difference: d, lower: Math.max(-1, lower), upper: Math.min(1, upper), confidence: level }
}

export interface TestResult {
  /** Two-sided p-value; 1 when there is no variation to test (see `reason`), NaN when n = 0. */
  p: number
  reason?: string
}

export interface TwoProportionZResult extends TestResult {
  /** (p̂₁ − p̂₂) / SE_pooled; z² equals Pearson's χ² on the 2×2 table without Yates. */
  z: number
  p1: number
  p2: number
}

/**
 * Pooled two-proportion z-test (§2.5, §8 #8), two-sided p = 2·Φ(−|z|). For **independent**
 * groups only (different respondents); for paired answers use `mcnemar`.
 * Degenerate cases: n₁ or n₂ = 0 → NaN with a `reason`; pooled share 0 or 1 (everyone or no one
 * in both groups) → z = 0, p = 1 (no difference to detect) with a `reason`.
 */
export function twoProportionZ(x1: number, n1: number, x2: number, n2: number): TwoProportionZResult {
  const a = checkSuccesses(x1, n1, 'x1')
  const b = checkSuccesses(x2, n2, 'x2')
  if (a.n === 0 || b.n === 0)
    return {
      z: Number.NaN,
      p: Number.NaN,
      p1: Number.NaN,
      p2: Number.NaN,
      reason: 'a group has no valid answers (n = 0)',
    }
  const p1 = a.k / a.n
  const p2 = b.k / b.n
  const pooled = (a.k + b.k) / (a.n + b.n)
  if (pooled === 0 || pooled === 1) {
    return {
      z: 0,
      p: 1,
      p1,
      p2,
      reason: 'both groups have the same share of 0 or 1: no variation, no difference to test',
    }
  }
  const z = (p1 - p2) / Math.sqrt(pooled * (1 - pooled) * (1 / a.n + 1 / b.n))
  return { z, p: normalTwoSided(z), p1, p2 }
}

export interface McNemarResult extends TestResult {
  /** χ² (1 df) = (|b − c| − cc)² / (b + c); cc = 1 with continuity (the default, as R). */
  chiSquare: number
  /** Exact two-sided binomial p: 2·P(X ≤ min(b, c)), X ~ Bin(b + c, ½), capped at 1. */
  exactP: number
}

/** log(P(X = k)) for X ~ Bin(n, ½), via the product recurrence (no log-gamma needed). */
function binomialHalfTail(m: number, n: number): number {
  // P(X ≤ m) for X ~ Bin(n, 1/2); terms in log space so n ≫ 1074 does not underflow 2^-n.
  let logTerm = -n * Math.LN2
  let sum = Math.exp(logTerm)
  for (let k = 1; k <= m; k += 1) {
    logTerm += Math.log((n - k + 1) / k)
    sum += Math.exp(logTerm)
  }
  return sum
}

/**
 * McNemar test for paired binary outcomes from the two discordant counts b and c (§2.6,
 * §8 #15). `continuity` (default true, as R `mcnemar.test`) subtracts 1 from |b − c|; the
 * corrected numerator is floored at 0 (R does not floor it, so for b = c R reports 1/(b+c)
 * where this returns 0; both give p ≈ 1). b + c = 0 → χ² 0, p 1 with a `reason`.
 */
export function mcnemar(b: number, c: number, options: { continuity?: boolean } = {}): McNemarResult {
  const nb = checkCount(b, 'b')
  const nc = checkCount(c, 'c')
  const continuity = checkBoolean(checkOptions(options).continuity, 'options.continuity', true)
  const n = nb + nc
  if (n === 0)
    return { chiSquare: 0, p: 1, exactP: 1, reason: 'no discordant pairs (b + c = 0): no evidence of a difference' }
  const diff = Math.max(0, Math.abs(nb - nc) - (continuity ? 1 : 0))
  const chiSquare = (diff * diff) / n
  const exactP = Math.min(1, 2 * binomialHalfTail(Math.min(nb, nc), n))
  return { chiSquare, p: chiSquareSf(chiSquare, 1), exactP }
}

/** Cohen's h = 2·asin√p₁ − 2·asin√p₂ (§2.7, §8 #16). Benchmarks 0.2 / 0.5 / 0.8. */
export function cohensH(p1: number, p2: number): number {
  const a = checkProbability(p1, 'p1')
  const b = checkProbability(p2, 'p2')
  return 2 * Math.asin(Math.sqrt(a)) - 2 * Math.asin(Math.sqrt(b))
}

/**
 * Power of the two-sided one-sample proportion test for effect size h with n answers
 * (R `pwr::pwr.p.test`): Φ(h√n − z) + Φ(−h√n − z), z = z₁₋α/₂. For two groups of n each use
 * h·√(n/2) in place of h·√n, i.e. `cohensHPower(h, n / 2)`.
 */
export function cohensHPower(h: number, n: number, alpha = 0.05): number {
  if (typeof h !== 'number') throw new TypeError(`h must be a number, got ${describe(h)}`)
  if (!Number.isFinite(h)) throw new RangeError(`h must be finite, got ${String(h)}`)
  checkPositive(n, 'n')
  const z = zCritical(1 - checkAlpha(alpha))
  const shift = Math.abs(h) * Math.sqrt(n)
  return normalCdf(shift - z) + normalCdf(-shift - z)
}

/**
 * Answers needed **per group** to detect Cohen's h between two independent groups with the
 * given power at two-sided α (§2.7, §2.9; R `pwr.2p.test`): n = 2·((z₁₋α/₂ + z₁₋β)/h)², rounded up.
 * The 2 is the two groups: the difference of two shares, each from n answers, has variance 2/n on
 * h's scale (the one-sample ((z₁₋α/₂ + z₁₋β)/h)², half of this, was used before and asked for too few).
 * The test's far tail, which pwr.2p.test also counts, is below 1e-5 of power at any n this returns
 * for power ≥ 0.5, so the closed form equals R's n to rounding.
 * h = 0 → Infinity (no finite sample detects no effect).
 */
export function cohensHSampleSize(h: number, power = 0.8, alpha = 0.05): { n: number; exact: number } {
  if (typeof h !== 'number') throw new TypeError(`h must be a number, got ${describe(h)}`)
  if (!Number.isFinite(h)) throw new RangeError(`h must be finite, got ${String(h)}`)
  const pw = checkConfidence(power)
  const z = zCritical(1 - checkAlpha(alpha)) + normalQuantile(pw)
  if (h === 0) return { n: Number.POSITIVE_INFINITY, exact: Number.POSITIVE_INFINITY }
  const exact = 2 * (z / h) ** 2
  return { n: ceilCount(exact), exact }
}

function checkAlpha(alpha: unknown): number {
  if (typeof alpha !== 'number') throw new TypeError(`alpha must be a number, got ${describe(alpha)}`)
  if (!(alpha > 0 && alpha < 1))
    throw new RangeError(`alpha must be strictly between 0 and 1 (e.g. 0.05), got ${String(alpha)}`)
  return alpha
}

/** Round a required sample size up, ignoring floating-point noise just above an integer. */
export function ceilCount(x: number): number {
  return Math.ceil(x - 1e-9)
}

export interface SampleSizeResult {
  /** Answers needed, rounded up (after the finite-population correction when given). */
  n: number
  /** Unrounded z²·V/E² (before the finite-population correction). */
  exact: number
}

/** n = z²·V/E², optionally corrected for a finite population N: n′ = n/(1 + (n − 1)/N). */
export function sampleSizeFor(
  variance: number,
  marginOfError: number,
  confidence: number,
  population?: number,
): SampleSizeResult {
  const z = zCritical(confidence)
  const exact = (z * z * variance) / (marginOfError * marginOfError)
  if (population === undefined) return { n: ceilCount(exact), exact }
  const N = checkPositive(population, 'population')
  return { n: ceilCount(exact / (1 + (exact - 1) / N)), exact }
}

/**
 * Answers needed for a ± marginOfError (on the 0–1 scale: 0.05 = ±5 pp) CI on one share
 * (§2.9, §8 #26): n = z²·p(1−p)/E², worst case p = 0.5 → 385 for ±5 pp at 95%.
 */
export function sampleSizeForProportion(
  marginOfError: number,
  p = 0.5,
  confidence = 0.95,
  options: { population?: number } = {},
): SampleSizeResult {
  const e = checkPositive(marginOfError, 'marginOfError')
  if (e >= 1) throw new RangeError(`marginOfError is on the 0–1 scale (0.05 = ±5 pp), got ${String(e)}`)
  const share = checkProbability(p, 'p')
  return sampleSizeFor(
    share * (1 - share),
    e,
    checkConfidence(confidence),
    checkOptions(options).population as number | undefined,
  )
}
