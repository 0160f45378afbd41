// Checking a finding against the survey (docs/analysis.md §5): build the groups, estimate the effect in
// the direction the finding claims with its CI and a one-sided p, adjust p across the study's
// findings, and decide: supported, contradicted, or inconclusive (with the n that would settle it).
// Pure functions over the answers; the service reads them.
import type { Claim, FindingVerification, Metric, OperationalizationResult } from '@klantreis/shared/findings'
import {
  benjaminiHochberg,
  cohensH,
  holm,
  newcombeDifference,
  normalSf,
  npsInterval,
  npsSampleSize,
  sampleSizeForProportion,
  tQuantile,
  tSf,
  twoProportionZ,
  welchTTest,
  wilsonInterval,
  zCritical,
} from '@klantreis/stats'

export type Answer = { respondent: string; persona: string | null; value: number }
export type OperationalizationInput = {
  id: string
  primary: boolean
  metric: Metric
  claim: Claim
  sesoi: number
  /** The scale of the question (NPS 0–10, CSAT 1–5, …). */
  scale: { min: number; max: number }
  target: Answer[]
  /** The comparison group; null for a level claim. */
  reference: Answer[] | null
}
export const SETTINGS = { alpha: 0.05, minN: 30 }

const binary = (m: Metric) => m === 'top2box' || m === 'bottom2box' || m === 'detractor_share'
/** One answer as the metric sees it: 1/0 for a share, the value for a mean, +1/0/−1 for NPS. */
function score(m: Metric, value: number, scale: { min: number; max: number }) {
  switch (m) {
    case 'top2box':
      return value >= scale.max - 1 ? 1 : 0
    case 'bottom2box':
      return value <= scale.min + 1 ? 1 : 0
    case 'detractor_share':
      return value <= 6 ? 1 : 0
    case 'nps':
      return value >= 9 ? 1 : value <= 6 ? -1 : 0
    default:
      return value
  }
}
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length
const sd = (xs: number[]) => {
  const m = mean(xs)
  return Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1))
}
/** Per respondent, the mean of their scores (several reference questions become one value each). */
function perRespondent(answers: Answer[], f: (v: number) => number) {
  const by = new Map<string, number[]>()
  for (const a of answers) by.set(a.respondent, [...(by.get(a.respondent) ?? []), f(a.value)])
  return new Map([...by].map(([k, v]) => [k, mean(v)]))
}

type Raw = Omit<OperationalizationResult, 'status' | 'reason' | 'pAdjusted'> & {
  upperOneSided: number | null
  lowerOneSided: number | null
  insufficient: boolean
}

/** The effect and its uncertainty, before the multiplicity adjustment and the decision. */
export function estimate(o: OperationalizationInput): Raw {
  const s = (v: number) => score(o.metric, v, o.scale)
  const higher = o.claim.kind === 'level' ? o.claim.direction === 'at_least' : o.claim.direction === 'higher'
  const sign = higher ? 1 : -1
  const orient = (lo: number, hi: number): [number, number] => (sign > 0 ? [lo, hi] : [-hi, -lo])
  const sesoi = o.claim.kind === 'level' ? 0 : o.sesoi
  const base = { operationalizationId: o.id, primary: o.primary, sesoi }
  const targetScores = o.target.map((a) => s(a.value))
  const nT = targetScores.length
  const targetValue = nT ? mean(targetScores) : null

  // ---- a level: the metric against a threshold
  if (o.claim.kind === 'level' || !o.reference) {
    const threshold = o.claim.kind === 'level' ? o.claim.threshold : 0
    const insufficient = nT < SETTINGS.minN
    if (nT === 0)
      return {
        ...base,
        design: 'one-sample',
        test: 'none (no answers)',
        estimate: null,
        lower: null,
        upper: null,
        target: { value: null, n: 0 },
        reference: null,
        p: null,
        effectSize: null,
        nNeeded: SETTINGS.minN,
        upperOneSided: null,
        lowerOneSided: null,
        insufficient: true,
      }
    let est: number, lo95: number, hi95: number, lo90: number, hi90: number, p: number, test: string, nNeeded: number
    let effectSize: Raw['effectSize'] = null
    if (binary(o.metric)) {
      const k = targetScores.filter((x) => x === 1).length
      const w95 = wilsonInterval(k, nT, 0.95)
      const w90 = wilsonInterval(k, nT, 0.9)
      est = w95.estimate - threshold
      ;[lo95, hi95] = [w95.lower - threshold, w95.upper - threshold]
      ;[lo90, hi90] = [w90.lower - threshold, w90.upper - threshold]
      const se0 = Math.sqrt((threshold * (1 - threshold)) / nT) || Number.EPSILON
      p = normalSf((sign * est) / se0)
      test = 'Wilson interval; one-sided z against the threshold'
      effectSize =
        threshold > 0 && threshold < 1 ? { name: "Cohen's h", value: sign * cohensH(w95.estimate, threshold) } : null
      nNeeded = sampleSizeForProportion(
        Math.max(0.01, Math.abs(est) || 0.05),
        Math.min(0.99, Math.max(0.01, w95.estimate)),
      ).n
    } else if (o.metric === 'nps') {
      const counts = {
        promoters: targetScores.filter((x) => x === 1).length,
        passives: targetScores.filter((x) => x === 0).length,
        detractors: targetScores.filter((x) => x === -1).length,
      }
      const r = npsInterval(counts, { method: 'adjusted-wald' })
      est = r.nps - threshold
      const se = r.se || Number.EPSILON
      ;[lo95, hi95] = [r.lower - threshold, r.upper - threshold]
      ;[lo90, hi90] = [est - zCritical(0.9) * se, est + zCritical(0.9) * se]
      p = normalSf((sign * est) / se)
      test = 'NPS adjusted-Wald interval; one-sided z against the threshold'
      nNeeded = npsSampleSize(Math.max(0.02, Math.abs(est) || 0.05), {
        promoterShare: counts.promoters / nT,
        detractorShare: counts.detractors / nT,
      }).n
    } else {
      const m = mean(targetScores)
      const se = nT > 1 ? sd(targetScores) / Math.sqrt(nT) : Number.NaN
      est = m - threshold
      const df = nT - 1
      ;[lo95, hi95] = [est - tQuantile(0.975, df) * se, est + tQuantile(0.975, df) * se]
      ;[lo90, hi90] = [est - tQuantile(0.95, df) * se, est + tQuantile(0.95, df) * se]
      p = se > 0 ? tSf((sign * est) / se, df) : sign * est > 0 ? 0 : 1
      test = 'one-sample t against the threshold'
      nNeeded = Math.ceil(((1.96 * (sd(targetScores) || 1)) / Math.max(0.05, Math.abs(est) || 0.1)) ** 2)
    }
    const [l95, u95] = orient(lo95, hi95)
    const [l90, u90] = orient(lo90, hi90)
    return {
      ...base,
      design: 'one-sample',
      test,
      estimate: sign * est,
      lower: l95,
      upper: u95,
      target: { value: targetValue, n: nT },
      reference: null,
      p,
      effectSize,
      nNeeded,
      upperOneSided: u90,
      lowerOneSided: l90,
      insufficient,
    }
  }

  // ---- a comparison with a reference group
  const refScores = o.reference.map((a) => s(a.value))
  const nR = refScores.length
  const referenceValue = nR ? mean(refScores) : null
  const t = perRespondent(o.target, s)
  const r = perRespondent(o.reference, s)
  const pairs = [...t.keys()].filter((k) => r.has(k))
  // the same people rated both: their differences carry the comparison (docs/analysis.md §2.6)
  if (pairs.length >= SETTINGS.minN && pairs.length >= Math.min(t.size, r.size) / 2) {
    const d = pairs.map((k) => sign * (t.get(k)! - r.get(k)!))
    const n = d.length
    const m = mean(d)
    const sdd = sd(d)
    const se = sdd / Math.sqrt(n)
    const df = n - 1
    const q95 = tQuantile(0.975, df)
    const q90 = tQuantile(0.95, df)
    const p = se > 0 ? tSf(m / se, df) : m > 0 ? 0 : 1
    return {
      ...base,
      design: 'paired',
      test: 'paired t on each respondent’s difference (target − mean of their reference answers)',
      estimate: m,
      lower: m - q95 * se,
      upper: m + q95 * se,
      target: { value: targetValue, n: nT },
      reference: { value: referenceValue, n: nR },
      p,
      effectSize: sdd > 0 ? { name: "Cohen's dz", value: m / sdd } : null,
      nNeeded: Math.ceil(((1.96 + 0.84) * (sdd || 0.5)) ** 2 / Math.max(o.sesoi, 0.01) ** 2),
      upperOneSided: m + q90 * se,
      lowerOneSided: m - q90 * se,
      insufficient: false,
    }
  }
  const insufficient = nT < SETTINGS.minN || nR < SETTINGS.minN
  if (nT === 0 || nR === 0)
    return {
      ...base,
      design: 'independent',
      test: 'none (a group has no answers)',
      estimate: null,
      lower: null,
      upper: null,
      target: { value: targetValue, n: nT },
      reference: { value: referenceValue, n: nR },
      p: null,
      effectSize: null,
      nNeeded: SETTINGS.minN,
      upperOneSided: null,
      lowerOneSided: null,
      insufficient: true,
    }
  if (binary(o.metric)) {
    const kT = targetScores.filter((x) => x === 1).length
    const kR = refScores.filter((x) => x === 1).length
    const d95 = newcombeDifference(kT, nT, kR, nR, 0.95)
    const d90 = newcombeDifference(kT, nT, kR, nR, 0.9)
    const z = twoProportionZ(kT, nT, kR, nR).z
    const [l95, u95] = orient(d95.lower, d95.upper)
    const [l90, u90] = orient(d90.lower, d90.upper)
    const pBar = (kT + kR) / (nT + nR)
    return {
      ...base,
      design: 'independent',
      test: 'two-proportion z (one-sided); Newcombe hybrid CI',
      estimate: sign * d95.difference,
      lower: l95,
      upper: u95,
      target: { value: targetValue, n: nT },
      reference: { value: referenceValue, n: nR },
      p: Number.isFinite(z) ? normalSf(sign * z) : 1,
      effectSize: { name: "Cohen's h", value: sign * cohensH(kT / nT, kR / nR) },
      nNeeded: sampleSizeForProportion(Math.max(0.01, o.sesoi), Math.min(0.99, Math.max(0.01, pBar))).n,
      upperOneSided: u90,
      lowerOneSided: l90,
      insufficient,
    }
  }
  // means and NPS scores of independent groups: Welch's t on the per-answer scores
  const w95 = welchTTest(targetScores, refScores, 0.95)
  const w90 = welchTTest(targetScores, refScores, 0.9)
  const [l95, u95] = orient(w95.lower, w95.upper)
  const [l90, u90] = orient(w90.lower, w90.upper)
  const diff = mean(targetScores) - mean(refScores)
  const se = Math.sqrt(sd(targetScores) ** 2 / nT + sd(refScores) ** 2 / nR)
  return {
    ...base,
    design: 'independent',
    test: o.metric === 'nps' ? 'Welch t on promoter/passive/detractor scores (one-sided)' : 'Welch t (one-sided)',
    estimate: sign * diff,
    lower: l95,
    upper: u95,
    target: { value: targetValue, n: nT },
    reference: { value: referenceValue, n: nR },
    p: se > 0 && Number.isFinite(w95.df) ? tSf((sign * diff) / se, w95.df) : sign * diff > 0 ? 0 : 1,
    effectSize: null,
    nNeeded: Math.ceil((2 * (1.96 + 0.84) ** 2 * (sd(targetScores) || 1) ** 2) / Math.max(o.sesoi, 0.01) ** 2),
    upperOneSided: u90,
    lowerOneSided: l90,
    insufficient,
  }
}

/** The decision rule of docs/analysis.md §5.3, given the adjusted p. */
export function decide(r: Raw, pAdjusted: number | null): OperationalizationResult {
  const { upperOneSided, lowerOneSided, insufficient, ...rest } = r
  const out = (
    status: OperationalizationResult['status'],
    reason: string,
    keepN = false,
  ): OperationalizationResult => ({
    ...rest,
    pAdjusted,
    status,
    reason,
    nNeeded: keepN ? r.nNeeded : null,
  })
  if (insufficient || r.estimate === null || upperOneSided === null || lowerOneSided === null)
    return out('inconclusive', 'insufficient data', true)
  if (upperOneSided < r.sesoi) return out('contradicted', upperOneSided < 0 ? 'reversed' : 'negligible')
  if (pAdjusted !== null && pAdjusted < SETTINGS.alpha && r.estimate >= r.sesoi)
    return out('supported', lowerOneSided >= r.sesoi && r.sesoi > 0 ? 'strongly supported' : 'supported')
  return out('inconclusive', 'the interval fits both no effect and a meaningful one', true)
}

/**
 * Every finding of a study at once: the primaries form one family for the multiplicity
 * adjustment (Benjamini–Hochberg, or Holm for a few confirmatory findings), the secondaries another.
 */
export function verifyFindings(
  findings: { id: string; operationalizations: OperationalizationInput[] }[],
  adjustment: 'bh' | 'holm',
): FindingVerification[] {
  const raws = findings.map((f) => ({ id: f.id, raws: f.operationalizations.map(estimate) }))
  const adjust = (primary: boolean) => {
    const family = raws.flatMap((f) => f.raws.filter((r) => r.primary === primary && r.p !== null))
    const adjusted = family.length ? (adjustment === 'holm' ? holm : benjaminiHochberg)(family.map((r) => r.p!)) : []
    return new Map(family.map((r, i) => [r, adjusted[i]!]))
  }
  const pAdj = new Map([...adjust(true), ...adjust(false)])
  return raws.map((f) => {
    const results = f.raws.map((r) => decide(r, pAdj.get(r) ?? null))
    if (results.length === 0) return { findingId: f.id, status: 'silence', fit: 'silence', results }
    const primary = results.find((r) => r.primary) ?? results[0]!
    const secondaries = results.filter((r) => r !== primary)
    const fit =
      primary.status === 'supported'
        ? secondaries.some((s) => s.status === 'contradicted')
          ? 'discordance'
          : 'confirmation'
        : primary.status === 'contradicted'
          ? 'discordance'
          : secondaries.some((s) => s.status === 'supported')
            ? 'expansion'
            : 'open'
    return { findingId: f.id, status: primary.status, fit, results }
  })
}
