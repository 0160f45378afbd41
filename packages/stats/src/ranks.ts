// Rank-based tests and effect sizes (docs/analysis.md §2.5–§2.7, §2.10): Mann–Whitney U, Cliff's δ,
// Wilcoxon signed-rank, Spearman's ρ with the Bonett–Wright CI.
import { normalCdf, normalSf, normalTwoSided, tCdf, tQuantile, zCritical } from './distributions.js'
import { checkBoolean, checkChoice, checkConfidence, checkOptions, checkSample } from './validate.js'

export type Alternative = 'two-sided' | 'greater' | 'less'
export const ALTERNATIVES: readonly Alternative[] = ['two-sided', 'greater', 'less']

/** Mid-ranks (1-based, ties get the mean rank) plus Σ(t³ − t) over tie groups. */
export function midRanks(values: readonly number[]): { ranks: number[]; tieSum: number } {
  const order = values.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0])
  const ranks = new Array<number>(values.length).fill(0)
  let tieSum = 0
  let i = 0
  while (i < order.length) {
    let j = i
    while (j + 1 < order.length && order[j + 1]![0] === order[i]![0]) j += 1
    const rank = (i + j + 2) / 2
    for (let k = i; k <= j; k += 1) ranks[order[k]![1]] = rank
    const t = j - i + 1
    tieSum += t * t * t - t
    i = j + 1
  }
  return { ranks, tieSum }
}

/** p-value for a normal statistic given the alternative. */
function pFromZ(z: number, alternative: Alternative): number {
  if (alternative === 'greater') return normalSf(z)
  if (alternative === 'less') return normalCdf(z)
  return normalTwoSided(z)
}

/** Continuity-corrected z = (S − μ ∓ 0.5)/σ, shifted toward μ (never past it for two-sided). */
function correctedZ(diff: number, sigma: number, cc: number, alternative: Alternative): number {
  if (alternative === 'greater') return (diff - cc) / sigma
  if (alternative === 'less') return (diff + cc) / sigma
  return (Math.sign(diff) * Math.max(0, Math.abs(diff) - cc)) / sigma
}

export interface MannWhitneyResult {
  /** U for the first sample: #(aᵢ > bⱼ) + ½·#(aᵢ = bⱼ) = R₁ − n₁(n₁+1)/2. */
  U: number
  /** n₁n₂ − U (U of the second sample). */
  U2: number
  /** Tie-corrected SD of U under H₀. */
  sigma: number
  /** (U − μ ∓ 0.5)/σ (correction only with `continuity`); positive when a tends to be larger. */
  z: number
  /** Normal-approximation p for the chosen alternative. */
  p: number
  /** Exact permutation p when there are no ties and n₁ + n₂ ≤ 60 (SciPy `method='exact'`), else undefined. */
  exactP?: number
  n1: number
  n2: number
  reason?: string
}

/** Number of arrangements with each U value (no ties): f(m, n) via the recurrence in n. */
function exactUDistribution(n1: number, n2: number): number[] {
  // counts[m][u] for the current n, built up over n = 0..n2 (Mann & Whitney 1947 recurrence)
  const max = n1 * n2
  let prev: number[][] = Array.from({ length: n1 + 1 }, () => [1]) // n = 0: only U = 0
  for (let n = 1; n <= n2; n += 1) {
    const cur: number[][] = [[1]]
    for (let m = 1; m <= n1; m += 1) {
      const row = new Array<number>(m * n + 1).fill(0)
      const a = cur[m - 1]! // f(m − 1, n, ·): the largest value is from the first sample (beats all n)
      const b = prev[m]! // f(m, n − 1, ·): the largest value is from the second sample (beats none)
      // f(m, n, u) = f(m−1, n, u − n) + f(m, n−1, u)  [last observation belongs to a or b]
      for (let u = 0; u < a.length; u += 1) row[u + n] = row[u + n]! + a[u]!
      for (let u = 0; u < b.length; u += 1) row[u] = row[u]! + b[u]!
      cur.push(row)
    }
    prev = cur
  }
  const dist = prev[n1]!
  return dist.length === max + 1 ? dist : [...dist, ...new Array<number>(max + 1 - dist.length).fill(0)]
}

function exactUp(U: number, n1: number, n2: number, alternative: Alternative): number {
  const dist = exactUDistribution(n1, n2)
  const total = dist.reduce((s, c) => s + c, 0)
  const cdf = (u: number): number => dist.slice(0, Math.floor(u) + 1).reduce((s, c) => s + c, 0) / total
  const sf = (u: number): number => dist.slice(Math.ceil(u)).reduce((s, c) => s + c, 0) / total
  if (alternative === 'greater') return sf(U)
  if (alternative === 'less') return cdf(U)
  const mu = (n1 * n2) / 2
  return Math.min(1, 2 * (U >= mu ? sf(U) : cdf(U)))
}

/**
 * Mann–Whitney U / Wilcoxon rank-sum test for two **independent** samples (§2.5, §8 #12), with
 * mid-ranks and the tie-corrected normal approximation (continuity correction on by default,
 * as SciPy and R). 'greater' tests whether `a` tends to be larger than `b`.
 *
 * Degenerate cases: an empty sample → NaN with a `reason`; all values identical (σ = 0) →
 * z = 0, p = 1 (no difference) with a `reason`.
 */
export function mannWhitneyU(
  a: number[],
  b: number[],
  options: { continuity?: boolean; alternative?: Alternative } = {},
): MannWhitneyResult {
  const x = checkSample(a, 'a')
  const y = checkSample(b, 'b')
  const opts = checkOptions(options)
  const continuity = checkBoolean(opts.continuity, 'options.continuity', true)
  const alternative = checkChoice(opts.alternative, 'options.alternative', ALTERNATIVES, 'two-sided')
  const n1 = x.length
  const n2 = y.length
  if (n1 === 0 || n2 === 0) {
    const nan = Number.NaN
    return { U: nan, U2: nan, sigma: nan, z: nan, p: nan, n1, n2, reason: 'a sample is empty' }
  }
  const { ranks, tieSum } = midRanks([...x, ...y])
  const R1 = ranks.slice(0, n1).reduce((s, r) => s + r, 0)
  const U = R1 - (n1 * (n1 + 1)) / 2
  const N = n1 + n2
  const mu = (n1 * n2) / 2
  const variance = N > 1 ? ((n1 * n2) / 12) * (N + 1 - tieSum / (N * (N - 1))) : 0
  const sigma = Math.sqrt(Math.max(0, variance))
  const base = { U, U2: n1 * n2 - U, sigma, n1, n2 }
  if (!(sigma > 0)) return { ...base, z: 0, p: 1, reason: 'all values are identical: no difference to test' }
  const z = correctedZ(U - mu, sigma, continuity ? 0.5 : 0, alternative)
  const result: MannWhitneyResult = { ...base, z, p: pFromZ(z, alternative) }
  if (tieSum === 0 && N <= 60) result.exactP = exactUp(U, n1, n2, alternative)
  return result
}

export interface CliffsDeltaResult {
  /** δ = [#(xᵢ > yⱼ) − #(xᵢ < yⱼ)]/(n₁n₂) = 2U/(n₁n₂) − 1; NaN if a sample is empty. */
  delta: number
  /** Vargha–Delaney A = (δ + 1)/2, the probability of superiority. */
  A: number
  lower: number
  upper: number
  /** Cliff's unbiased variance estimate of δ (floored at 0). */
  variance: number
  confidence: number
  magnitude: 'negligible' | 'small' | 'medium' | 'large' | 'undefined'
  reason?: string
}

/** Romano et al. 2006 thresholds: |δ| < .147 negligible, < .33 small, < .474 medium, else large. */
export function cliffsMagnitude(delta: number): CliffsDeltaResult['magnitude'] {
  const d = Math.abs(delta)
  if (Number.isNaN(d)) return 'undefined'
  return d < 0.147 ? 'negligible' : d < 0.33 ? 'small' : d < 0.474 ? 'medium' : 'large'
}

/**
 * Cliff's δ with Cliff's (1996) asymmetric CI as R `effsize::cliff.delta` defaults
 * (use.unbiased = TRUE, use.normal = FALSE → Z = t₁₋α/₂ with n₁ + n₂ − 2 df; §2.7).
 * O(n₁·n₂) (explicit dominance matrix rows/columns), fine for survey-sized groups.
 *
 * Degenerate cases: an empty sample → NaN; n₁ or n₂ < 2 → δ but NaN CI (variance undefined);
 * variance 0 (e.g. complete separation δ = ±1, or all values identical δ = 0) → CI [δ, δ] with
 * a `reason`.
 */
export function cliffsDelta(
  x: number[],
  y: number[],
  options: { confidence?: number; normal?: boolean } = {},
): CliffsDeltaResult {
  const a = checkSample(x, 'x')
  const b = checkSample(y, 'y')
  const opts = checkOptions(options)
  const confidence = opts.confidence === undefined ? 0.95 : checkConfidence(opts.confidence)
  const useNormal = checkBoolean(opts.normal, 'options.normal', false)
  const n1 = a.length
  const n2 = b.length
  const nan = Number.NaN
  if (n1 === 0 || n2 === 0) {
    return {
      delta: nan,
      A: nan,
      lower: nan,
      upper: nan,
      variance: nan,
      confidence,
      magnitude: 'undefined',
      reason: 'a sample is empty',
    }
  }
  const rowMeans = new Array<number>(n1).fill(0)
  const colMeans = new Array<number>(n2).fill(0)
  let sum = 0
  for (let i = 0; i < n1; i += 1) {
    for (let j = 0; j < n2; j += 1) {
      const s = Math.sign(a[i]! - b[j]!)
      rowMeans[i]! += s
      colMeans[j]! += s
      sum += s
    }
  }
  const delta = sum / (n1 * n2)
  const result = { delta, A: (delta + 1) / 2, confidence, magnitude: cliffsMagnitude(delta) }
  if (n1 < 2 || n2 < 2)
    return {
      ...result,
      lower: nan,
      upper: nan,
      variance: nan,
      reason: 'each sample needs at least 2 values for the CI',
    }
  let sRow = 0
  let sCol = 0
  let sCell = 0
  for (let i = 0; i < n1; i += 1) sRow += (rowMeans[i]! / n2 - delta) ** 2
  for (let j = 0; j < n2; j += 1) sCol += (colMeans[j]! / n1 - delta) ** 2
  for (let i = 0; i < n1; i += 1) for (let j = 0; j < n2; j += 1) sCell += (Math.sign(a[i]! - b[j]!) - delta) ** 2
  const variance = Math.max(0, (n2 * n2 * sRow + n1 * n1 * sCol - sCell) / (n1 * n2 * (n1 - 1) * (n2 - 1)))
  if (variance === 0)
    return {
      ...result,
      lower: delta,
      upper: delta,
      variance,
      reason: 'the variance estimate of δ is 0: the interval collapses to δ',
    }
  const Z = useNormal ? zCritical(confidence) : tQuantile(1 - (1 - confidence) / 2, n1 + n2 - 2)
  const S = Math.sqrt(variance)
  const d2 = delta * delta
  const root = Z * S * Math.sqrt((1 - d2) ** 2 + Z * Z * variance)
  const denom = 1 - d2 + Z * Z * variance
  const lower = (delta - delta * d2 - root) / denom
  const upper = (delta - delta * d2 + root) / denom
  return { ...result, lower: Math.max(-1, lower), upper: Math.min(1, upper), variance }
}

export interface WilcoxonResult {
  /** Two-sided: min(W⁺, W⁻) (SciPy's statistic); one-sided: W⁺. */
  T: number
  /** Sum of the ranks of the positive differences. */
  Wplus: number
  /** (W⁺ − μ ∓ cc)/σ; positive when the differences tend to be positive. */
  z: number
  p: number
  /** Exact p when there are no ties and no zeros and n ≤ 50, else undefined. */
  exactP?: number
  /** Non-zero differences used. */
  n: number
  /** Zero differences dropped (Wilcoxon's method). */
  zeros: number
  reason?: string
}

/**
 * Wilcoxon signed-rank test on paired differences d (§2.6, §8 #14): zeros dropped (Wilcoxon's
 * method), |d| ranked with mid-ranks, σ² = n(n+1)(2n+1)/24 − Σ(t³ − t)/48. `continuity` defaults
 * to false (SciPy's default; R's `wilcox.test` uses true).
 * Degenerate cases: all differences zero (or none) → z = 0, p = 1 with a `reason`.
 */
export function wilcoxonSignedRank(
  d: number[],
  options: { continuity?: boolean; alternative?: Alternative } = {},
): WilcoxonResult {
  const diffs = checkSample(d, 'd')
  const opts = checkOptions(options)
  const continuity = checkBoolean(opts.continuity, 'options.continuity', false)
  const alternative = checkChoice(opts.alternative, 'options.alternative', ALTERNATIVES, 'two-sided')
  const nonZero = diffs.filter((v) => v !== 0)
  const n = nonZero.length
  const zeros = diffs.length - n
  if (n === 0)
    return {
      T: 0,
      Wplus: 0,
      z: 0,
      p: 1,
      n,
      zeros,
      reason: 'all differences are zero (or there are none): no difference to test',
    }
  const { ranks, tieSum } = midRanks(nonZero.map(Math.abs))
  const Wplus = ranks.reduce((s, r, i) => (nonZero[i]! > 0 ? s + r : s), 0)
  const total = (n * (n + 1)) / 2
  const mu = total / 2
  const sigma = Math.sqrt((n * (n + 1) * (2 * n + 1)) / 24 - tieSum / 48)
  const T = alternative === 'two-sided' ? Math.min(Wplus, total - Wplus) : Wplus
  if (!(sigma > 0))
    return { T, Wplus, z: 0, p: 1, n, zeros, reason: 'no variation in the ranks: no difference to test' }
  const z = correctedZ(Wplus - mu, sigma, continuity ? 0.5 : 0, alternative)
  const result: WilcoxonResult = { T, Wplus, z, p: pFromZ(z, alternative), n, zeros }
  if (tieSum === 0 && zeros === 0 && n <= 50) {
    // counts[s] = number of subsets of {1..n} with rank sum s
    const counts = new Array<number>(total + 1).fill(0)
    counts[0] = 1
    for (let r = 1; r <= n; r += 1) for (let s = total; s >= r; s -= 1) counts[s] = counts[s]! + counts[s - r]!
    const all = 2 ** n
    const cdf = (w: number): number => counts.slice(0, w + 1).reduce((s, c) => s + c, 0) / all
    const sf = (w: number): number => counts.slice(w).reduce((s, c) => s + c, 0) / all
    result.exactP =
      alternative === 'greater'
        ? sf(Wplus)
        : alternative === 'less'
          ? cdf(Wplus)
          : Math.min(1, 2 * cdf(Math.min(Wplus, total - Wplus)))
  }
  return result
}

export interface CorrelationInterval {
  lower: number
  upper: number
  confidence: number
  reason?: string
}

/**
 * CI for Spearman's ρ via Fisher's z with the Bonett–Wright SE (§2.10):
 * tanh(atanh ρ ± z·sqrt((1 + ρ²/2)/(n − 3))). n ≤ 3 → NaN with a `reason`; |ρ| = 1 → [ρ, ρ].
 */
export function bonettWrightInterval(rho: number, n: number, confidence = 0.95): CorrelationInterval {
  if (typeof rho !== 'number' || typeof n !== 'number') throw new TypeError('rho and n must be numbers')
  if (!(rho >= -1 && rho <= 1)) throw new RangeError(`rho must be in [−1, 1], got ${String(rho)}`)
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`n must be a non-negative integer, got ${String(n)}`)
  const level = checkConfidence(confidence)
  if (n <= 3)
    return { lower: Number.NaN, upper: Number.NaN, confidence: level, reason: 'the Bonett–Wright interval needs n > 3' }
  if (Math.abs(rho) === 1)
    return { lower: rho, upper: rho, confidence: level, reason: '|ρ| = 1: the interval collapses to ρ' }
  const z = Math.atanh(rho)
  const half = zCritical(level) * Math.sqrt((1 + (rho * rho) / 2) / (n - 3))
  return { lower: Math.tanh(z - half), upper: Math.tanh(z + half), confidence: level }
}

export interface SpearmanResult {
  rho: number
  /** Two-sided p from t = ρ·sqrt((n − 2)/(1 − ρ²)), df = n − 2 (as SciPy). */
  p: number
  lower: number
  upper: number
  n: number
  reason?: string
}

/**
 * Spearman's rank correlation of paired values (§2.10, §8 #20): Pearson r on mid-ranks; p from
 * the t approximation; Bonett–Wright CI. Pairs must be complete (drop missing answers first).
 * Degenerate cases: n < 3 or a constant variable → ρ NaN with a `reason` (no association can be
 * estimated); |ρ| = 1 → p = 0.
 */
export function spearman(x: number[], y: number[], confidence = 0.95): SpearmanResult {
  const a = checkSample(x, 'x')
  const b = checkSample(y, 'y')
  if (a.length !== b.length) throw new RangeError(`x and y must be paired: got ${a.length} and ${b.length} values`)
  const level = checkConfidence(confidence)
  const n = a.length
  const nan = Number.NaN
  if (n < 3) return { rho: nan, p: nan, lower: nan, upper: nan, n, reason: 'Spearman needs at least 3 pairs' }
  const ra = midRanks(a).ranks
  const rb = midRanks(b).ranks
  const mean = (n + 1) / 2
  let sab = 0
  let saa = 0
  let sbb = 0
  for (let i = 0; i < n; i += 1) {
    const da = ra[i]! - mean
    const db = rb[i]! - mean
    sab += da * db
    saa += da * da
    sbb += db * db
  }
  return spearmanFromSums(sab, saa, sbb, n, level)
}

function spearmanFromSums(sab: number, saa: number, sbb: number, n: number, level: number): SpearmanResult {
  const nan = Number.NaN
  if (saa === 0 || sbb === 0)
    return {
      rho: nan,
      p: nan,
      lower: nan,
      upper: nan,
      n,
      reason: 'a variable is constant: no association can be estimated',
    }
  const rho = Math.max(-1, Math.min(1, sab / Math.sqrt(saa * sbb)))
  const ci = bonettWrightInterval(rho, n, level)
  const df = n - 2
  const p = Math.abs(rho) === 1 ? 0 : 2 * tCdf(-Math.abs(rho * Math.sqrt(df / (1 - rho * rho))), df)
  return { rho, p: Math.min(1, p), lower: ci.lower, upper: ci.upper, n, ...(ci.reason ? { reason: ci.reason } : {}) }
}

/** Mid-ranks of each distinct value, given how often each occurs. */
function midRanksOfCounts(counts: Map<number, number>): Map<number, number> {
  const ranks = new Map<number, number>()
  let before = 0
  for (const v of [...counts.keys()].sort((p, q) => p - q)) {
    const c = counts.get(v)!
    ranks.set(v, before + (c + 1) / 2)
    before += c
  }
  return ranks
}

/**
 * Spearman's ρ from a cross-tabulation of two discrete ratings (cells `{ x, y, n }`), exactly as
 * `spearman` on the expanded pairs: mid-ranks follow from the margins. This is what lets the
 * dashboard derive importance from pre-aggregated counts over a million responses.
 */
export function spearmanFromCounts(
  cells: readonly { x: number; y: number; n: number }[],
  confidence = 0.95,
): SpearmanResult {
  const level = checkConfidence(confidence)
  const xs = new Map<number, number>()
  const ys = new Map<number, number>()
  let n = 0
  for (const c of cells) {
    if (!Number.isFinite(c.x) || !Number.isFinite(c.y) || !Number.isSafeInteger(c.n) || c.n < 0)
      throw new RangeError(`a cell must have finite x and y and a count ≥ 0, got ${JSON.stringify(c)}`)
    xs.set(c.x, (xs.get(c.x) ?? 0) + c.n)
    ys.set(c.y, (ys.get(c.y) ?? 0) + c.n)
    n += c.n
  }
  const nan = Number.NaN
  if (n < 3) return { rho: nan, p: nan, lower: nan, upper: nan, n, reason: 'Spearman needs at least 3 pairs' }
  const rx = midRanksOfCounts(xs)
  const ry = midRanksOfCounts(ys)
  const mean = (n + 1) / 2
  let sab = 0
  let saa = 0
  let sbb = 0
  for (const c of cells) sab += c.n * (rx.get(c.x)! - mean) * (ry.get(c.y)! - mean)
  for (const [v, c] of xs) saa += c * (rx.get(v)! - mean) ** 2
  for (const [v, c] of ys) sbb += c * (ry.get(v)! - mean) ** 2
  return spearmanFromSums(sab, saa, sbb, n, level)
}
