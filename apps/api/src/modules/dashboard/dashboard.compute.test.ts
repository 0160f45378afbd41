import { describe, expect, it } from 'vitest'
import {
  csatShares,
  empty,
  fromCounts,
  type Impact,
  impactOf,
  importanceOf,
  ipaCrosshairs,
  ipaQuadrant,
  meanInterval,
  momentOfTruth,
  overallNps,
  peakEnd,
} from './dashboard.compute.js'

// Expected values computed with Python 3 and SciPy 1.17 (scipy.stats.t.ppf, norm.ppf, spearmanr on
// the counts expanded to answers); the adjusted-Wald NPS formulas written out by hand.

describe('intervals from counts', () => {
  it('a mean and its t-interval from value counts, as avg and stddev_samp on the answers', () => {
    // 1,1,4,4,4,5,5,5,5,5: mean 3.9, sd 1.59513, t(0.975, 9) = 2.26216
    const r = fromCounts([
      { value: 1, n: 2 },
      { value: 4, n: 3 },
      { value: 5, n: 5 },
    ])
    expect(r.n).toBe(10)
    expect(r.estimate).toBeCloseTo(3.9, 12)
    expect(r.lower).toBeCloseTo(2.758911678514945, 9)
    expect(r.upper).toBeCloseTo(5.041088321485055, 9)
  })

  it('no answers is empty; one answer, or no SD, is an estimate without an interval', () => {
    expect(fromCounts([])).toEqual(empty())
    expect(fromCounts([{ value: 4, n: 1 }])).toEqual({ estimate: 4, lower: null, upper: null, n: 1 })
    expect(meanInterval(0, null, null)).toEqual({ estimate: null, lower: null, upper: null, n: 0 })
    expect(meanInterval(5, 2, null)).toEqual({ estimate: 2, lower: null, upper: null, n: 5 })
    const diary = meanInterval(10, 3.9, 1.5951314818673865)
    expect(diary.lower).toBeCloseTo(2.758911678514945, 9)
  })

  it('top-2-box and dissatisfied shares with Wilson intervals, counted over every CSAT answer', () => {
    const { top2, prevalence } = csatShares([
      { value: 1, n: 1 },
      { value: 2, n: 2 },
      { value: 3, n: 1 },
      { value: 4, n: 4 },
      { value: 5, n: 2 },
    ])
    expect(top2).toMatchObject({ estimate: 0.6, n: 10 })
    expect(top2.lower).toBeCloseTo(0.31267376973365824, 9)
    expect(top2.upper).toBeCloseTo(0.8318196702937638, 9)
    expect(prevalence).toMatchObject({ estimate: 0.3, n: 10 })
    expect(prevalence.lower).toBeCloseTo(0.10779126740630099, 9)
    expect(prevalence.upper).toBeCloseTo(0.6032218525388546, 9)
    expect(csatShares([])).toEqual({ top2: empty(), prevalence: empty() })
  })
})

const pairs = [
  // satisfied (CSAT 4–5): 6 promoters, 2 passives, 2 detractors
  { csat: 5, nps: 10, n: 6 },
  { csat: 4, nps: 8, n: 2 },
  { csat: 4, nps: 3, n: 2 },
  // neutral (CSAT 3): in neither group
  { csat: 3, nps: 10, n: 5 },
  // dissatisfied (CSAT 1–2): 1 promoter, 1 passive, 8 detractors
  { csat: 2, nps: 9, n: 1 },
  { csat: 1, nps: 7, n: 1 },
  { csat: 2, nps: 2, n: 8 },
]

describe('importance and impact', () => {
  it("importance is Spearman's rho between CSAT and NPS over every pair", () => {
    const r = importanceOf(pairs)
    expect(r.n).toBe(25)
    expect(r.rho).toBeCloseTo(0.7273584457290986, 9)
    expect(r.p).toBeLessThan(0.001)
    // too few pairs: the statistics' NaN become nulls, not NaN in JSON
    expect(importanceOf([{ csat: 1, nps: 1, n: 2 }])).toEqual({ rho: null, lower: null, upper: null, p: null, n: 2 })
  })

  it('impact: NPS of the satisfied minus NPS of the dissatisfied, in points, adjusted-Wald interval', () => {
    // +40 − (−70) = 110 points; centres 4/13 and −7/13 on n + 3, SE from both groups, z 1.95996
    expect(impactOf(pairs)).toEqual({ estimate: 110, lower: 26.2, upper: 143, nSatisfied: 10, nDissatisfied: 10 })
  })

  it('no impact when either group has fewer than five answers', () => {
    expect(impactOf(pairs.filter((p) => p.csat !== 1 && p.nps !== 2))).toEqual({
      estimate: null,
      lower: null,
      upper: null,
      nSatisfied: 10,
      nDissatisfied: 1,
    })
  })
})

describe('the peak-end rule', () => {
  const tp = (id: string, estimate: number | null) => ({ id, experienced: { estimate } })

  it('peak is the strongest emotion either way (the first of equals), trough the lowest below zero, end the last with an emotion', () => {
    expect(peakEnd([tp('a', 1.5), tp('b', -2.5), tp('c', null), tp('d', 2.5), tp('e', 0.5), tp('f', null)])).toEqual({
      peak: 'b',
      trough: 'b',
      end: 'e',
    })
  })

  it('no trough when every emotion is positive; nothing without emotions', () => {
    expect(peakEnd([tp('a', 1), tp('b', 3), tp('c', 2)])).toEqual({ peak: 'b', trough: null, end: 'c' })
    expect(peakEnd([tp('a', null)])).toEqual({ peak: null, trough: null, end: null })
  })
})

describe('importance-performance analysis', () => {
  const point = (
    estimate: number | null,
    rho: number | null,
    [pl, pu]: [number | null, number | null] = [null, null],
    [il, iu]: [number | null, number | null] = [null, null],
  ) => ({ csatTop2: { estimate, lower: pl, upper: pu }, importance: { rho, lower: il, upper: iu } })

  it('the crosshairs are the means over the touchpoints with both axes', () => {
    const ipa = ipaCrosshairs([point(0.8, 0.6), point(0.4, 0.2), point(0.9, null), point(null, 0.9)])
    expect(ipa.performance).toBeCloseTo(0.6, 12)
    expect(ipa.importance).toBeCloseTo(0.4, 12)
    expect(ipaCrosshairs([point(null, 0.5)])).toEqual({ performance: null, importance: null })
  })

  it('a quadrant only when both intervals lie on one side of the crosshairs', () => {
    const ipa = { performance: 0.6, importance: 0.4 }
    expect(ipaQuadrant(point(0.8, 0.6, [0.7, 0.9], [0.5, 0.7]), ipa)).toBe('keep')
    expect(ipaQuadrant(point(0.3, 0.6, [0.2, 0.5], [0.5, 0.7]), ipa)).toBe('concentrate')
    expect(ipaQuadrant(point(0.8, 0.1, [0.7, 0.9], [0, 0.3]), ipa)).toBe('overkill')
    expect(ipaQuadrant(point(0.3, 0.1, [0.2, 0.5], [0, 0.3]), ipa)).toBe('low')
    // an interval touching a crosshair, or a missing bound, cannot tell the side
    expect(ipaQuadrant(point(0.8, 0.6, [0.6, 0.9], [0.5, 0.7]), ipa)).toBe('unclassified')
    expect(ipaQuadrant(point(0.8, 0.6, [0.7, 0.9], [null, 0.7]), ipa)).toBe('unclassified')
    expect(ipaQuadrant(point(null, 0.6), ipa)).toBeNull()
    expect(ipaQuadrant(point(0.8, 0.6, [0.7, 0.9], [0.5, 0.7]), { performance: null, importance: 0.4 })).toBeNull()
  })
})

describe('moments of truth', () => {
  const impact = (lower: number | null, estimate: number | null = 40): Impact => ({
    estimate,
    lower,
    upper: null,
    nSatisfied: 10,
    nDissatisfied: 10,
  })
  const prevalence = (estimate: number | null) => ({ estimate, lower: null, upper: null, n: 20 })

  it('a candidate moves NPS by more than 20 points (lower bound) and is prevalent (10 %) or salient', () => {
    const mot = (lower: number | null, prev: number | null, salient: boolean) =>
      momentOfTruth({ designated: false, impact: impact(lower), prevalence: prevalence(prev) }, salient).candidate
    expect(mot(25, 0.1, false)).toBe(true)
    expect(mot(25, 0.05, false)).toBe(false)
    expect(mot(25, 0.05, true)).toBe(true)
    expect(mot(25, null, true)).toBe(true)
    expect(mot(20, 0.5, true)).toBe(false)
    expect(mot(null, 0.5, true)).toBe(false)
  })

  it('opportunity is prevalence × impact, to one decimal, and the rest is passed through', () => {
    const r = momentOfTruth({ designated: true, impact: impact(26.2, 110), prevalence: prevalence(0.3) }, false)
    expect(r).toEqual({
      designated: true,
      candidate: true,
      impact: impact(26.2, 110),
      prevalence: prevalence(0.3),
      opportunity: 33,
    })
    expect(
      momentOfTruth({ designated: false, impact: impact(null, null), prevalence: prevalence(0.3) }, false),
    ).toMatchObject({ opportunity: null })
  })
})

describe("the study's NPS", () => {
  it('promoters, passives and detractors, the score in points and its adjusted-Wald interval', () => {
    const r = overallNps([
      { nps: 10, n: 5 },
      { nps: 9, n: 3 },
      { nps: 7, n: 2 },
      { nps: 0, n: 4 },
      { nps: 6, n: 1 },
    ])
    expect(r).toEqual({ promoters: 8, passives: 2, detractors: 5, n: 15, score: 20, lower: -24.1, upper: 57.4 })
    expect(overallNps([])).toEqual({
      promoters: 0,
      passives: 0,
      detractors: 0,
      n: 0,
      score: null,
      lower: null,
      upper: null,
    })
  })
})
