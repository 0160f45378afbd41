import { describe, expect, it } from 'vitest'
import { chiSquareSf, normalCdf, normalSf, tSf } from './distributions.js'

/** Relative agreement: tiny tails are compared by their digits, not by an absolute tolerance. */
const close = (actual: number, expected: number, rel = 1e-9) =>
  expect(Math.abs(actual - expected) / expected, `${actual} vs ${expected}`).toBeLessThanOrEqual(rel)

// expected values: scipy.stats norm.sf, t.sf and chi2.sf (SciPy 1.10)
describe('upper tails (survival functions), not 1 − CDF', () => {
  it('normal: p for z = 11 is 1.9e-28, not 0', () => {
    expect(1 - normalCdf(11)).toBe(0) // what the old way gave
    close(normalSf(11), 1.910659574498663e-28)
    close(normalSf(1.959963984540054), 0.025)
  })

  it("Student's t: t = 20 with 30 df is 3.4e-19", () => {
    close(tSf(20, 30), 3.3745418328856423e-19, 1e-7)
  })

  it('chi-square: 150 with 1 df is 1.7e-34; 300 with 4 df is 1.1e-63; 3.84 with 1 df is 0.05', () => {
    close(chiSquareSf(150, 1), 1.7336432457178413e-34, 1e-7)
    close(chiSquareSf(300, 4), 1.083439491947837e-63, 1e-7)
    close(chiSquareSf(3.84, 1), 0.05004352124870519)
    expect(chiSquareSf(0, 3)).toBe(1)
  })
})
