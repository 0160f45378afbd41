import { describe, expect, it } from 'vitest'
import {
  bonettWrightInterval,
  cliffsDelta,
  mannWhitneyU,
  midRanks,
  spearman,
  spearmanFromCounts,
  wilcoxonSignedRank,
} from './index.js'

const near = (actual: number, expected: number, tol = 1e-6): void => {
  expect(Math.abs(actual - expected), `${actual} vs ${expected}`).toBeLessThanOrEqual(tol)
}

function lcg(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0
    return s / 2 ** 32
  }
}

const males = [19, 22, 16, 29, 24]
const females = [20, 11, 17, 12]

describe('midRanks', () => {
  it('gives tied values the mean rank and sums t³ − t', () => {
    expect(midRanks([3, 1, 3, 2, 3])).toEqual({ ranks: [4, 1, 4, 2, 4], tieSum: 24 })
  })
})

describe('mannWhitneyU', () => {
  it('§8 #12: U 17 (U₂ 3); asymptotic p with cc 0.1113469, without 0.0864107; exact 0.111111', () => {
    const r = mannWhitneyU(males, females)
    expect(r.U).toBe(17)
    expect(r.U2).toBe(3)
    near(r.p, 0.11134688653314041, 1e-9)
    near(r.exactP!, 0.1111111111111111, 1e-12)
    const raw = mannWhitneyU(males, females, { continuity: false })
    near(raw.p, 0.0864107329737, 1e-9)
  })

  it('one-sided alternatives and the sign of z', () => {
    const g = mannWhitneyU(males, females, { alternative: 'greater' })
    const l = mannWhitneyU(males, females, { alternative: 'less' })
    expect(g.z).toBeGreaterThan(0)
    near(g.p, 0.11134688653314041 / 2, 1e-9)
    expect(l.p).toBeGreaterThan(0.9)
    near(g.exactP!, 1 / 18, 1e-12) // 7 of 126 arrangements have U ≥ 17
  })

  it('tie correction: Likert-style data has no exact p and a smaller σ', () => {
    const r = mannWhitneyU([1, 2, 2, 3, 4, 5, 5], [2, 3, 3, 4, 4, 5])
    expect(r.exactP).toBeUndefined()
    expect(r.sigma).toBeLessThan(Math.sqrt((7 * 6 * 14) / 12))
  })

  it('degenerate: all values identical → p 1; empty sample → NaN', () => {
    const same = mannWhitneyU([3, 3, 3], [3, 3])
    expect(same).toMatchObject({ U: 3, z: 0, p: 1 })
    expect(same.reason).toMatch(/identical/)
    expect(mannWhitneyU([], [1, 2]).p).toBeNaN()
  })

  it('rejects bad input', () => {
    expect(() => mannWhitneyU('abc' as never, [1])).toThrow(TypeError)
    expect(() => mannWhitneyU([1, Number.NaN], [1])).toThrow(RangeError)
    expect(() => mannWhitneyU([1, '2' as never], [1])).toThrow(TypeError)
    expect(() => mannWhitneyU([1], [2], { alternative: 'bigger' as never })).toThrow(RangeError)
    expect(() => mannWhitneyU([1], [2], { continuity: 1 as never })).toThrow(TypeError)
  })
})

describe('cliffsDelta', () => {
  it('§2.7: SciPy males/females → δ 0.7 = 2·17/20 − 1 (CI regression)', () => {
    const r = cliffsDelta(males, females)
    near(r.delta, 0.7, 1e-12)
    near(r.A, 0.85, 1e-12)
    expect(r.magnitude).toBe('large')
    near(r.lower, -0.08533307956134228, 1e-9)
    near(r.upper, 0.9488525965053626, 1e-9)
  })

  it('§2.7: [10,20,20,20,30,30,30,40,50,100] vs [10,20,30,40,40,50] → δ −0.06667 (negligible)', () => {
    const r = cliffsDelta([10, 20, 20, 20, 30, 30, 30, 40, 50, 100], [10, 20, 30, 40, 40, 50])
    near(r.delta, -0.0666667)
    expect(r.magnitude).toBe('negligible')
    near(r.lower, -0.6082253655377451, 1e-9) // regression
    near(r.upper, 0.517243115492474, 1e-9)
  })

  it('effsize cliff.delta help-example data: δ −0.25, CI [−0.7265846, 0.3890062] (regression; R output not re-checked here)', () => {
    const r = cliffsDelta([10, 10, 20, 20, 20, 30, 30, 30, 40, 50], [10, 20, 30, 40, 40, 50])
    near(r.delta, -0.25, 1e-12)
    expect(r.magnitude).toBe('small')
    near(r.lower, -0.7265846)
    near(r.upper, 0.3890062)
  })

  it('property: δ = 2U/(n₁n₂) − 1 and the CI contains δ', () => {
    const rand = lcg(11)
    for (let t = 0; t < 200; t += 1) {
      const n1 = 2 + Math.floor(rand() * 15)
      const n2 = 2 + Math.floor(rand() * 15)
      const x = Array.from({ length: n1 }, () => 1 + Math.floor(rand() * 5))
      const y = Array.from({ length: n2 }, () => 1 + Math.floor(rand() * 5))
      const c = cliffsDelta(x, y)
      const u = mannWhitneyU(x, y)
      near(c.delta, (2 * u.U) / (n1 * n2) - 1, 1e-12)
      expect(c.lower).toBeLessThanOrEqual(c.delta + 1e-12)
      expect(c.upper).toBeGreaterThanOrEqual(c.delta - 1e-12)
      expect(c.lower).toBeGreaterThanOrEqual(-1)
      expect(c.upper).toBeLessThanOrEqual(1)
    }
  })

  it('degenerate: complete separation / identical values collapse the CI; tiny or empty samples give NaN', () => {
    const sep = cliffsDelta([5, 6, 7], [1, 2, 3])
    expect(sep).toMatchObject({ delta: 1, lower: 1, upper: 1 })
    expect(sep.reason).toBeDefined()
    expect(cliffsDelta([2, 2], [2, 2, 2])).toMatchObject({ delta: 0, lower: 0, upper: 0 })
    expect(cliffsDelta([1], [2, 3]).lower).toBeNaN()
    expect(cliffsDelta([], [2, 3]).delta).toBeNaN()
    expect(() => cliffsDelta([1, 2], [1, 2], { confidence: 2 })).toThrow(RangeError)
  })
})

describe('wilcoxonSignedRank', () => {
  const d = [6, 8, 14, 16, 23, 24, 28, 29, 41, -48, 49, 56, 60, -67, 75]

  it('§8 #14: T 24, asymptotic p 0.0408881, exact p 0.041259765625', () => {
    const r = wilcoxonSignedRank(d)
    expect(r.T).toBe(24)
    expect(r.Wplus).toBe(96)
    near(r.p, 0.04088813291185591, 1e-9)
    expect(r.exactP).toBe(0.041259765625)
  })

  it("§2.6: 'greater' → W⁺ 96, exact p 0.0206298828125", () => {
    const r = wilcoxonSignedRank(d, { alternative: 'greater' })
    expect(r.T).toBe(96)
    expect(r.exactP).toBe(0.0206298828125)
    near(r.p, 0.04088813291185591 / 2, 1e-9)
  })

  it('zeros are dropped, ties use mid-ranks, continuity shrinks |z|', () => {
    const r = wilcoxonSignedRank([0, 0, 1, 1, 2, -1, 3, 2, 0, 4])
    expect(r.n).toBe(7)
    expect(r.zeros).toBe(3)
    expect(r.exactP).toBeUndefined()
    const cc = wilcoxonSignedRank([0, 0, 1, 1, 2, -1, 3, 2, 0, 4], { continuity: true })
    expect(Math.abs(cc.z)).toBeLessThan(Math.abs(r.z))
    expect(cc.p).toBeGreaterThan(r.p)
  })

  it('degenerate: all zero → p 1 with a reason; bad input throws', () => {
    const r = wilcoxonSignedRank([0, 0, 0])
    expect(r).toMatchObject({ T: 0, z: 0, p: 1, n: 0, zeros: 3 })
    expect(r.reason).toMatch(/zero/)
    expect(wilcoxonSignedRank([]).p).toBe(1)
    expect(() => wilcoxonSignedRank([1, Number.POSITIVE_INFINITY])).toThrow(RangeError)
    expect(() => wilcoxonSignedRank(null as never)).toThrow(TypeError)
  })
})

describe('spearman', () => {
  it('§8 #20: [1,2,3,4,5] vs [5,6,7,8,7] → ρ 0.8207827, p 0.0885870', () => {
    const r = spearman([1, 2, 3, 4, 5], [5, 6, 7, 8, 7])
    near(r.rho, 0.8207826816681233, 1e-12)
    near(r.p, 0.0885870053135438, 1e-9)
    expect(r.n).toBe(5)
  })

  it('§2.10: Bonett–Wright CI for ρ 0.4, n 50 → [0.1259, 0.6174]', () => {
    const ci = bonettWrightInterval(0.4, 50)
    expect(ci.lower.toFixed(4)).toBe('0.1259')
    expect(ci.upper.toFixed(4)).toBe('0.6174')
    expect(bonettWrightInterval(0.4, 3).lower).toBeNaN()
    expect(bonettWrightInterval(1, 30)).toMatchObject({ lower: 1, upper: 1 })
  })

  it('degenerate and bad input', () => {
    expect(spearman([1, 2, 3], [3, 2, 1])).toMatchObject({ rho: -1, p: 0 })
    const constant = spearman([1, 2, 3], [4, 4, 4])
    expect(constant.rho).toBeNaN()
    expect(constant.reason).toMatch(/constant/)
    expect(spearman([1, 2], [1, 2]).rho).toBeNaN()
    expect(() => spearman([1, 2, 3], [1, 2])).toThrow(RangeError)
    expect(() => bonettWrightInterval(1.5, 10)).toThrow(RangeError)
  })
})

describe('spearmanFromCounts', () => {
  it('§8 #20 from its cross-tabulation equals spearman on the pairs', () => {
    const r = spearmanFromCounts([
      { x: 1, y: 5, n: 1 },
      { x: 2, y: 6, n: 1 },
      { x: 3, y: 7, n: 1 },
      { x: 4, y: 8, n: 1 },
      { x: 5, y: 7, n: 1 },
    ])
    near(r.rho, 0.8207826816681233, 1e-12)
    near(r.p, 0.0885870053135438, 1e-9)
  })

  it('heavy ties (CSAT 1–5 × NPS 0–10): the same ρ, p and interval as on the expanded pairs', () => {
    // a fixed pseudo-random table, so the test is the same every run
    let seed = 7
    const next = () => (seed = (seed * 16807) % 2147483647) / 2147483647
    const cells: { x: number; y: number; n: number }[] = []
    const x: number[] = []
    const y: number[] = []
    for (let c = 1; c <= 5; c += 1)
      for (let s = 0; s <= 10; s += 1) {
        const n = Math.floor(next() * 6 * (1 + Math.max(0, 3 - Math.abs(c * 2 - s / 1.1 - 1))))
        cells.push({ x: c, y: s, n })
        for (let i = 0; i < n; i += 1) {
          x.push(c)
          y.push(s)
        }
      }
    const a = spearmanFromCounts(cells)
    const b = spearman(x, y)
    expect(a.n).toBe(x.length)
    expect(b.rho).toBeGreaterThan(0.2)
    near(a.rho, b.rho, 1e-12)
    near(a.p, b.p, 1e-12)
    near(a.lower, b.lower, 1e-12)
    near(a.upper, b.upper, 1e-12)
  })

  it('degenerate and bad input', () => {
    expect(spearmanFromCounts([{ x: 1, y: 1, n: 2 }]).rho).toBeNaN()
    expect(
      spearmanFromCounts([
        { x: 3, y: 1, n: 5 },
        { x: 3, y: 2, n: 5 },
      ]).reason,
    ).toMatch(/constant/)
    expect(() => spearmanFromCounts([{ x: 1, y: 1, n: -1 }])).toThrow(RangeError)
  })
})
