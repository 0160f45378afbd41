import { describe, expect, it } from 'vitest'
import { npsInterval, npsSampleSize } from './index.js'

const near = (actual: number, expected: number, tol = 1e-6): void => {
  expect(Math.abs(actual - expected), `${actual} vs ${expected}`).toBeLessThanOrEqual(tol)
}

describe('npsInterval', () => {
  it('§8 #5: 90/60/50 Wald → NPS 0.20, SE 0.0574456, CI [0.087409, 0.312591]', () => {
    const r = npsInterval({ promoters: 90, passives: 60, detractors: 50 }, { method: 'wald' })
    near(r.nps, 0.2, 1e-12)
    near(r.se, 0.0574456)
    near(r.lower, 0.087409)
    near(r.upper, 0.312591)
    expect(r.n).toBe(200)
  })

  it('§2.3 "(compute it)": 90/60/50 adjusted-Wald → NPS′ 0.197044, [0.085439, 0.308650] (regression)', () => {
    const r = npsInterval({ promoters: 90, passives: 60, detractors: 50 }, { method: 'adjusted-wald' })
    near(r.nps, 0.2, 1e-12)
    near(r.center, 40 / 203, 1e-12)
    near(r.lower, 0.08543901297283019, 1e-9)
    near(r.upper, 0.3086496569779087, 1e-9)
  })

  it('§2.3: 9/3/2 → Wald SE 19.562 pts, [+11.66, +88.34]; adjusted NPS′ +41.18, [+5.42, +76.93]', () => {
    const w = npsInterval({ promoters: 9, passives: 3, detractors: 2 })
    expect(w.method).toBe('wald')
    expect((w.se * 100).toFixed(3)).toBe('19.562')
    expect((w.lower * 100).toFixed(2)).toBe('11.66')
    expect((w.upper * 100).toFixed(2)).toBe('88.34')
    const a = npsInterval({ promoters: 9, passives: 3, detractors: 2 }, { method: 'adjusted-wald' })
    expect((a.center * 100).toFixed(2)).toBe('41.18')
    expect((a.lower * 100).toFixed(2)).toBe('5.42')
    expect((a.upper * 100).toFixed(2)).toBe('76.93')
  })

  it('degenerate: n = 0 → NaN; all promoters → Wald collapses (reason), adjusted-Wald does not; limits within [−1, 1]', () => {
    const e = npsInterval({ promoters: 0, passives: 0, detractors: 0 })
    expect(e.nps).toBeNaN()
    expect(e.reason).toMatch(/n = 0/)
    const w = npsInterval({ promoters: 5, passives: 0, detractors: 0 })
    expect(w).toMatchObject({ nps: 1, se: 0, lower: 1, upper: 1 })
    expect(w.reason).toMatch(/adjusted-wald/)
    const a = npsInterval({ promoters: 5, passives: 0, detractors: 0 }, { method: 'adjusted-wald' })
    expect(a.lower).toBeLessThan(1)
    expect(a.upper).toBeLessThanOrEqual(1)
    const small = npsInterval({ promoters: 2, passives: 0, detractors: 1 })
    expect(small.lower).toBeGreaterThanOrEqual(-1)
    expect(small.upper).toBeLessThanOrEqual(1)
  })

  it('rejects bad input', () => {
    expect(() => npsInterval(null as never)).toThrow(TypeError)
    expect(() => npsInterval({ promoters: 1, passives: 2 } as never)).toThrow(TypeError)
    expect(() => npsInterval({ promoters: -1, passives: 2, detractors: 0 })).toThrow(RangeError)
    expect(() => npsInterval({ promoters: 1, passives: 2, detractors: 0 }, { method: 'exact' as never })).toThrow(
      /'wald', 'adjusted-wald'/,
    )
    expect(() => npsInterval({ promoters: 1, passives: 2, detractors: 0 }, { confidence: 95 })).toThrow(RangeError)
  })
})

describe('npsSampleSize', () => {
  it('§8 #27: ±5 points, p = d = ⅓ → 1024.4 → 1025; ±10 → 257; worst case 1537 / 385', () => {
    const r = npsSampleSize(0.05, { promoterShare: 1 / 3, detractorShare: 1 / 3 })
    near(r.exact, 1024.389, 1e-3)
    expect(r.n).toBe(1025)
    expect(npsSampleSize(0.1, { promoterShare: 1 / 3, detractorShare: 1 / 3 }).n).toBe(257)
    expect(npsSampleSize(0.05).n).toBe(1537)
    expect(npsSampleSize(0.1).n).toBe(385)
  })

  it('rejects bad input', () => {
    expect(() => npsSampleSize(5)).toThrow(/−1…\+1 scale/)
    expect(() => npsSampleSize(0.05, { promoterShare: 0.3 })).toThrow(TypeError)
    expect(() => npsSampleSize(0.05, { promoterShare: 0.7, detractorShare: 0.5 })).toThrow(RangeError)
  })
})
