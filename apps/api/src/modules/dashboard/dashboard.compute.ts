// The dashboard's rules (docs/analysis.md §4): intervals from counts, the impact of a touchpoint on
// NPS, the peak-end rule, the IPA quadrants and the candidate moments of truth. Pure functions over
// the counts the queries bring; dashboard.service.ts reads the counts and calls these.
import { npsInterval, spearmanFromCounts, tQuantile, wilsonInterval, zCritical } from '@klantreis/stats'

/** Top-2-box under this share: the touchpoint does not reach the basic level customers expect. */
export const BASIC_LEVEL = 0.6
/** docs/analysis.md §4.3: a candidate moment of truth moves NPS by more than this (lower bound, points)… */
export const MOT_IMPACT = 20
/** …and is prevalent (this share dissatisfied) or a peak or end point. */
export const MOT_PREVALENCE = 0.1
/** Fewer satisfied or dissatisfied than this, and there is no impact to speak of (the interval would span everything). */
export const MOT_MIN_GROUP = 5

export type Interval = { estimate: number | null; lower: number | null; upper: number | null; n: number }
export const empty = (n = 0): Interval => ({ estimate: null, lower: null, upper: null, n })
const finite = (x: number) => (Number.isFinite(x) ? x : null)
/** A share in NPS points, to one decimal. */
const points = (x: number) => Math.round(x * 1000) / 10

/** A mean with its 95% t-interval (no interval below 2 answers; none either when all answers are equal). */
export function meanInterval(n: number, mean: number | null, sd: number | null): Interval {
  if (!n || mean === null) return empty(n)
  if (n < 2 || sd === null) return { estimate: mean, lower: null, upper: null, n }
  const h = tQuantile(0.975, n - 1) * (sd / Math.sqrt(n))
  return { estimate: mean, lower: mean - h, upper: mean + h, n }
}

/** Mean and SD from value counts (exactly what avg and stddev_samp give on the answers). */
export function fromCounts(counts: { value: number; n: number }[]): Interval {
  const n = counts.reduce((s, c) => s + c.n, 0)
  if (!n) return empty()
  const mean = counts.reduce((s, c) => s + c.value * c.n, 0) / n
  const sd = n > 1 ? Math.sqrt(counts.reduce((s, c) => s + c.n * (c.value - mean) ** 2, 0) / (n - 1)) : null
  return meanInterval(n, mean, sd)
}

/** Promoters (9–10), passives (7–8) and detractors (0–6) from counts of NPS answers. */
export const npsSplit = (cells: { nps: number; n: number }[]) => ({
  promoters: cells.filter((c) => c.nps >= 9).reduce((s, c) => s + c.n, 0),
  passives: cells.filter((c) => c.nps === 7 || c.nps === 8).reduce((s, c) => s + c.n, 0),
  detractors: cells.filter((c) => c.nps <= 6).reduce((s, c) => s + c.n, 0),
})

/**
 * From counts of CSAT answers (1–5): the top-2-box share (4–5) and the prevalence of dissatisfaction
 * (1–2), each with its Wilson interval.
 */
export function csatShares(csat: { value: number; n: number }[]): { top2: Interval; prevalence: Interval } {
  const n = csat.reduce((s, v) => s + v.n, 0)
  if (!n) return { top2: empty(), prevalence: empty() }
  const share = (k: number) => {
    const w = wilsonInterval(k, n)
    return { estimate: w.estimate, lower: w.lower, upper: w.upper, n }
  }
  return {
    top2: share(csat.filter((v) => v.value >= 4).reduce((s, v) => s + v.n, 0)),
    prevalence: share(csat.filter((v) => v.value <= 2).reduce((s, v) => s + v.n, 0)),
  }
}

export type PairCell = { csat: number; nps: number; n: number }

/** Importance (docs/analysis.md §4.4): Spearman's rho between CSAT at the touchpoint and NPS, with its interval and p. */
export function importanceOf(pairs: PairCell[]) {
  const rho = spearmanFromCounts(pairs.map((p) => ({ x: p.csat, y: p.nps, n: p.n })))
  return { rho: finite(rho.rho), lower: finite(rho.lower), upper: finite(rho.upper), p: finite(rho.p), n: rho.n }
}

export type Impact = {
  estimate: number | null
  lower: number | null
  upper: number | null
  nSatisfied: number
  nDissatisfied: number
}

/**
 * Impact (docs/analysis.md §4.3): NPS of those satisfied at the touchpoint (CSAT 4–5) minus NPS of the
 * dissatisfied (1–2), in points, with SE = sqrt(V₁/n₁ + V₂/n₂) on adjusted-Wald estimates.
 */
export function impactOf(pairs: PairCell[]): Impact {
  const sat = npsInterval(npsSplit(pairs.filter((p) => p.csat >= 4)), { method: 'adjusted-wald' })
  const dis = npsInterval(npsSplit(pairs.filter((p) => p.csat <= 2)), { method: 'adjusted-wald' })
  if (sat.n < MOT_MIN_GROUP || dis.n < MOT_MIN_GROUP)
    return { estimate: null, lower: null, upper: null, nSatisfied: sat.n, nDissatisfied: dis.n }
  const centre = sat.center - dis.center
  const h = zCritical(0.95) * Math.sqrt(sat.se ** 2 + dis.se ** 2)
  return {
    estimate: points(sat.nps - dis.nps),
    lower: points(Math.max(-2, centre - h)),
    upper: points(Math.min(2, centre + h)),
    nSatisfied: sat.n,
    nDissatisfied: dis.n,
  }
}

/**
 * The peak-end rule on the experienced curve (docs/analysis.md §4.1), over the touchpoints in journey
 * order: the peak is the strongest emotion either way (the first of equals), the trough the lowest
 * when it is negative, the end the last touchpoint with an emotion.
 */
export function peakEnd(touchpoints: { id: string; experienced: { estimate: number | null } }[]) {
  const withEmotion = touchpoints.filter(
    (t): t is { id: string; experienced: { estimate: number } } => t.experienced.estimate !== null,
  )
  type T = (typeof withEmotion)[number]
  const peak = withEmotion.reduce<T | null>(
    (best, t) => (!best || Math.abs(t.experienced.estimate) > Math.abs(best.experienced.estimate) ? t : best),
    null,
  )
  const trough = withEmotion.reduce<T | null>(
    (low, t) => (!low || t.experienced.estimate < low.experienced.estimate ? t : low),
    null,
  )
  const end = withEmotion.at(-1) ?? null
  return {
    peak: peak?.id ?? null,
    trough: trough && trough.experienced.estimate < 0 ? trough.id : null,
    end: end?.id ?? null,
  }
}

type IpaPoint = {
  csatTop2: { estimate: number | null; lower: number | null; upper: number | null }
  importance: { rho: number | null; lower: number | null; upper: number | null }
}
export type Ipa = { performance: number | null; importance: number | null }

/** IPA crosshairs: the means over the touchpoints that have both axes (docs/analysis.md §4.4). */
export function ipaCrosshairs(touchpoints: IpaPoint[]): Ipa {
  const plotted = touchpoints.filter((t) => t.csatTop2.estimate !== null && t.importance.rho !== null)
  const mean = (xs: number[]) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : null)
  return {
    performance: mean(plotted.map((t) => t.csatTop2.estimate!)),
    importance: mean(plotted.map((t) => t.importance.rho!)),
  }
}

/**
 * A touchpoint's IPA quadrant against the crosshairs: none without both axes; unclassified when an
 * interval (or a missing bound) crosses a crosshair, since the data cannot tell the side.
 */
export function ipaQuadrant(t: IpaPoint, ipa: Ipa) {
  if (t.csatTop2.estimate === null || t.importance.rho === null || ipa.performance === null || ipa.importance === null)
    return null
  const crosses = (lo: number | null, hi: number | null, at: number) =>
    lo === null || hi === null || (lo <= at && at <= hi)
  if (
    crosses(t.csatTop2.lower, t.csatTop2.upper, ipa.performance) ||
    crosses(t.importance.lower, t.importance.upper, ipa.importance)
  )
    return 'unclassified' as const
  const important = t.importance.rho > ipa.importance
  const performing = t.csatTop2.estimate > ipa.performance
  return important
    ? performing
      ? ('keep' as const)
      : ('concentrate' as const)
    : performing
      ? ('overkill' as const)
      : ('low' as const)
}

/**
 * A touchpoint as a moment of truth (docs/analysis.md §4.3): a candidate when the impact's lower
 * bound is above MOT_IMPACT points and it is prevalent or salient (the peak or the end); the
 * opportunity is prevalence × impact.
 */
export function momentOfTruth(t: { designated: boolean; impact: Impact; prevalence: Interval }, salient: boolean) {
  const { designated, impact, prevalence } = t
  const opportunity =
    impact.estimate !== null && prevalence.estimate !== null
      ? Math.round(prevalence.estimate * impact.estimate * 10) / 10
      : null
  const candidate =
    impact.lower !== null && impact.lower > MOT_IMPACT && ((prevalence.estimate ?? 0) >= MOT_PREVALENCE || salient)
  return { designated, candidate, impact, prevalence, opportunity }
}

/** The study's NPS from counts of its NPS answers, in points with the adjusted-Wald interval. */
export function overallNps(cells: { nps: number; n: number }[]) {
  const split = npsSplit(cells)
  const n = split.promoters + split.passives + split.detractors
  const interval = n ? npsInterval(split, { method: 'adjusted-wald' }) : null
  return {
    ...split,
    n,
    score: interval ? points(interval.nps) : null,
    lower: interval ? points(interval.lower) : null,
    upper: interval ? points(interval.upper) : null,
  }
}
