import { describe, expect, it } from 'vitest'
import {
  clopperPearson,
  cohensH,
  cohensHPower,
  cohensHSampleSize,
  mcnemar,
  newcombeDifference,
  sampleSizeForProportion,
  twoProportionZ,
  wilsonInterval,
  zCritical,
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

describe('zCritical', () => {
  it('is 1.959963984540054 at 95%', () => near(zCritical(0.95), 1.959963984540054, 1e-12))
  it('rejects confidence outside (0, 1)', () => {
    expect(() => zCritical(95)).toThrow(RangeError)
    expect(() => zCritical(0)).toThrow(RangeError)
    expect(() => zCritical('0.95' as never)).toThrow(TypeError)
  })
})

describe('wilsonInterval', () => {
  it('§8 #1: 81/263 → [0.255289, 0.366210] (Newcombe 0.2553–0.3662)', () => {
    const r = wilsonInterval(81, 263)
    near(r.lower, 0.255289)
    near(r.upper, 0.36621)
    expect(r.lower.toFixed(4)).toBe('0.2553')
    expect(r.upper.toFixed(4)).toBe('0.3662')
    near(r.lower, 0.2552885198782742, 1e-12) // regression
    near(r.upper, 0.36620957698280004, 1e-12)
    expect(r).toMatchObject({ estimate: 81 / 263, n: 263, method: 'wilson', confidence: 0.95 })
  })

  it('§8 #2: 15/148, 0/20, 1/29 (and 7/50 from §2.2)', () => {
    const cases: [number, number, number, number][] = [
      [15, 148, 0.062386, 0.160487],
      [0, 20, 0, 0.161125],
      [1, 29, 0.006113, 0.171755],
      [7, 50, 0.069508, 0.261862],
    ]
    for (const [k, n, lo, hi] of cases) {
      const r = wilsonInterval(k, n)
      near(r.lower, lo)
      near(r.upper, hi)
    }
    expect(wilsonInterval(0, 20).lower).toBe(0)
    expect(wilsonInterval(20, 20).upper).toBe(1)
  })

  it('§8 #3: continuity-corrected 81/263 → [0.253509, 0.368176]; §2.2 cc rows', () => {
    const cases: [number, number, number, number][] = [
      [81, 263, 0.253509, 0.368176],
      [15, 148, 0.059778, 0.16445],
      [0, 20, 0, 0.200453],
      [1, 29, 0.001803, 0.196282],
    ]
    for (const [k, n, lo, hi] of cases) {
      const r = wilsonInterval(k, n, 0.95, { continuity: true })
      expect(r.method).toBe('wilson-cc')
      near(r.lower, lo)
      near(r.upper, hi)
    }
  })

  it('n = 0 → NaN with a reason', () => {
    const r = wilsonInterval(0, 0)
    expect(r.estimate).toBeNaN()
    expect(r.lower).toBeNaN()
    expect(r.reason).toMatch(/n = 0/)
  })

  it('property: within [0, 1], contains p̂, cc interval contains the plain one', () => {
    const rand = lcg(7)
    for (let t = 0; t < 500; t += 1) {
      const n = 1 + Math.floor(rand() * 300)
      const k = Math.floor(rand() * (n + 1))
      const conf = [0.8, 0.9, 0.95, 0.99][t % 4]!
      const w = wilsonInterval(k, n, conf)
      const cc = wilsonInterval(k, n, conf, { continuity: true })
      for (const r of [w, cc]) {
        expect(r.lower).toBeGreaterThanOrEqual(0)
        expect(r.upper).toBeLessThanOrEqual(1)
        expect(r.lower).toBeLessThanOrEqual(k / n)
        expect(r.upper).toBeGreaterThanOrEqual(k / n)
      }
      expect(cc.lower).toBeLessThanOrEqual(w.lower + 1e-12)
      expect(cc.upper).toBeGreaterThanOrEqual(w.upper - 1e-12)
    }
  })

  it('rejects bad input', () => {
    expect(() => wilsonInterval(5, 4)).toThrow(/cannot exceed n/)
    expect(() => wilsonInterval(-1, 4)).toThrow(RangeError)
    expect(() => wilsonInterval(1.5, 4)).toThrow(RangeError)
    expect(() => wilsonInterval(1, Number.NaN)).toThrow(RangeError)
    expect(() => wilsonInterval('1' as never, 4)).toThrow(TypeError)
    expect(() => wilsonInterval(1, 4, 95)).toThrow(/between 0 and 1/)
    expect(() => wilsonInterval(1, 4, 0.95, { continuity: 'yes' as never })).toThrow(TypeError)
    expect(() => wilsonInterval(1, 4, 0.95, null as never)).toThrow(TypeError)
  })
})

describe('clopperPearson', () => {
  it('§8 #4: 7/50 → SciPy (0.05819170033997342, 0.26739600249700846)', () => {
    const r = clopperPearson(7, 50)
    near(r.lower, 0.05819170033997342, 1e-9)
    near(r.upper, 0.26739600249700846, 1e-9)
    expect(r.method).toBe('clopper-pearson')
  })

  it('§2.2 exact column: 81/263, 15/148, 0/20, 1/29', () => {
    const cases: [number, number, number, number][] = [
      [81, 263, 0.252737, 0.367622],
      [15, 148, 0.057844, 0.16165],
      [0, 20, 0, 0.168433],
      [1, 29, 0.000873, 0.177644],
    ]
    for (const [k, n, lo, hi] of cases) {
      const r = clopperPearson(k, n)
      near(r.lower, lo)
      near(r.upper, hi)
    }
    expect(clopperPearson(0, 20).lower).toBe(0)
    expect(clopperPearson(20, 20).upper).toBe(1)
  })

  it('n = 0 → NaN; bad input throws', () => {
    expect(clopperPearson(0, 0).estimate).toBeNaN()
    expect(() => clopperPearson(3, 2)).toThrow(RangeError)
    expect(() => clopperPearson(1, 2, 1)).toThrow(RangeError)
  })
})

describe('newcombeDifference', () => {
  it('§8 #9: 56/70 − 48/80 → 0.2, [0.052431, 0.333873] (Newcombe 0.0524–0.3339)', () => {
    const r = newcombeDifference(56, 70, 48, 80)
    near(r.difference, 0.2, 1e-12)
    near(r.lower, 0.052431)
    near(r.upper, 0.333873)
    expect(r.lower.toFixed(4)).toBe('0.0524')
    expect(r.upper.toFixed(4)).toBe('0.3339')
  })

  it('§2.5: 5/83 − 12/99 → −0.060971, [−0.146883, 0.027910]', () => {
    const r = newcombeDifference(5, 83, 12, 99)
    near(r.difference, -0.060971)
    near(r.lower, -0.146883)
    near(r.upper, 0.02791)
  })

  it('stays within [−1, 1] at the extremes and handles n = 0', () => {
    const r = newcombeDifference(10, 10, 0, 10)
    expect(r.difference).toBe(1)
    expect(r.upper).toBeLessThanOrEqual(1)
    expect(r.lower).toBeGreaterThan(0)
    const e = newcombeDifference(0, 0, 1, 2)
    expect(e.difference).toBeNaN()
    expect(e.reason).toMatch(/n = 0/)
    expect(() => newcombeDifference(3, 2, 1, 2)).toThrow(RangeError)
  })
})

describe('twoProportionZ', () => {
  it('§8 #8: 5/83 vs 12/99 → z −1.4078304, p 0.1591813 (docs: 0.159)', () => {
    const r = twoProportionZ(5, 83, 12, 99)
    near(r.z, -1.4078304)
    near(r.p, 0.1591813)
    expect(r.p.toFixed(3)).toBe('0.159')
    near(r.z * r.z, 1.98199, 1e-5) // = uncorrected Pearson χ² (§2.5)
  })

  it('degenerate: pooled share 0 or 1 → z 0, p 1; n = 0 → NaN', () => {
    expect(twoProportionZ(0, 10, 0, 20)).toMatchObject({ z: 0, p: 1 })
    expect(twoProportionZ(10, 10, 20, 20)).toMatchObject({ z: 0, p: 1 })
    expect(twoProportionZ(10, 10, 20, 20).reason).toBeDefined()
    expect(twoProportionZ(0, 0, 1, 2).p).toBeNaN()
    expect(() => twoProportionZ(1, 2, 3, 2)).toThrow(RangeError)
  })
})

describe('mcnemar', () => {
  it('§8 #15: b 150, c 86 → χ²cc 16.818, p 4.115e−05; no cc 17.356, p 3.099e−05; exact 3.716e−05', () => {
    const cc = mcnemar(150, 86)
    expect(cc.chiSquare.toFixed(3)).toBe('16.818')
    expect(cc.p.toExponential(3)).toBe('4.115e-5')
    near(cc.chiSquare, 16.81779661016949, 1e-9) // regression
    const raw = mcnemar(150, 86, { continuity: false })
    expect(raw.chiSquare.toFixed(3)).toBe('17.356')
    expect(raw.p.toExponential(3)).toBe('3.099e-5')
    expect(cc.exactP.toExponential(3)).toBe('3.716e-5')
  })

  it('degenerate and bad input', () => {
    expect(mcnemar(0, 0)).toMatchObject({ chiSquare: 0, p: 1, exactP: 1 })
    expect(mcnemar(5, 5).p).toBe(1)
    expect(mcnemar(5, 5).exactP).toBe(1)
    expect(mcnemar(3000, 2900).exactP).toBeGreaterThan(0) // no 2^-n underflow
    expect(() => mcnemar(-1, 2)).toThrow(RangeError)
    expect(() => mcnemar(1, '2' as never)).toThrow(TypeError)
  })
})

describe("Cohen's h", () => {
  it('§8 #16: h(0.5, 0.4) = 0.2013579; power at n = 60 = 0.3447014', () => {
    const h = cohensH(0.5, 0.4)
    near(h, 0.2013579)
    near(cohensHPower(h, 60), 0.3447014)
  })

  it('§2.9: 25% vs 15% → h 0.2518, 248 per group for 80% power (R pwr.2p.test: 247.6)', () => {
    const h = cohensH(0.25, 0.15)
    near(h, 0.2518, 1e-4)
    expect(cohensHSampleSize(0.2518).n).toBe(248)
    expect(cohensHSampleSize(h).n).toBe(248)
    expect(cohensHSampleSize(0).n).toBe(Number.POSITIVE_INFINITY)
  })

  it('per-group n equals statsmodels NormalIndPower.solve_power (= R pwr.2p.test) for two independent groups', () => {
    // python3: NormalIndPower().solve_power(effect_size=h, alpha=a, power=p, ratio=1, alternative='two-sided')
    const cases: [h: number, power: number, alpha: number, exact: number, n: number][] = [
      [0.2518, 0.8, 0.05, 247.58547069139811, 248],
      [0.2, 0.8, 0.05, 392.4430232577885, 393],
      [0.5, 0.9, 0.05, 84.05935522728606, 85],
      [0.8, 0.8, 0.01, 36.49677550117231, 37],
      [0.1, 0.8, 0.05, 1569.7721019023288, 1570],
    ]
    for (const [h, power, alpha, exact, n] of cases) {
      const got = cohensHSampleSize(h, power, alpha)
      // statsmodels solves by root-finding (its tolerance, not the formula, is the last digits)
      near(got.exact, exact, exact * 1e-5)
      expect(got.n).toBe(n)
      // and the power of two groups of that size reaches the target
      expect(cohensHPower(h, got.n / 2, alpha)).toBeGreaterThanOrEqual(power)
    }
  })

  it('rejects bad input', () => {
    expect(() => cohensH(1.2, 0.5)).toThrow(RangeError)
    expect(() => cohensH(Number.NaN, 0.5)).toThrow(RangeError)
    expect(() => cohensH('0.5' as never, 0.5)).toThrow(TypeError)
    expect(() => cohensHPower(0.2, 0)).toThrow(RangeError)
    expect(() => cohensHPower(0.2, 10, 5)).toThrow(RangeError)
  })
})

describe('sampleSizeForProportion', () => {
  it('§8 #26: ±5 pp, p = .5 → 384.15 → 385; ±10 pp → 97', () => {
    const r = sampleSizeForProportion(0.05)
    near(r.exact, 384.1458820694124, 1e-9)
    expect(r.n).toBe(385)
    expect(sampleSizeForProportion(0.1).n).toBe(97)
  })

  it('finite-population correction and bad input', () => {
    expect(sampleSizeForProportion(0.05, 0.5, 0.95, { population: 1000 }).n).toBe(278)
    expect(() => sampleSizeForProportion(5)).toThrow(/0–1 scale/)
    expect(() => sampleSizeForProportion(0)).toThrow(RangeError)
    expect(() => sampleSizeForProportion(0.05, 2)).toThrow(RangeError)
  })
})
