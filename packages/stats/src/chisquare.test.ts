import { describe, expect, it } from 'vitest'
import { chiSquareIndependence, twoProportionZ } from './index.js'

const near = (actual: number, expected: number, tol = 1e-6): void => {
  expect(Math.abs(actual - expected), `${actual} vs ${expected}`).toBeLessThanOrEqual(tol)
}

describe('chiSquareIndependence', () => {
  it('§8 #10: [[10,10,20],[20,20,20]] → 2.7777778, p 0.2493522, df 2, SciPy expected counts', () => {
    const r = chiSquareIndependence([
      [10, 10, 20],
      [20, 20, 20],
    ])
    near(r.chiSquare, 2.7777777777777777, 1e-12)
    near(r.p, 0.24935220877729619, 1e-9)
    expect(r.df).toBe(2)
    expect(r.expected).toEqual([
      [12, 12, 16],
      [18, 18, 24],
    ])
    expect(r.warning).toBeUndefined()
  })

  it('§8 #11: prop.test smokers (83,90,129,70)/(86,93,136,82) → 12.600411, df 3, p 0.0055855', () => {
    const r = chiSquareIndependence([
      [83, 3],
      [90, 3],
      [129, 7],
      [70, 12],
    ])
    near(r.chiSquare, 12.600411, 1e-6)
    expect(r.df).toBe(3)
    near(r.p, 0.0055855, 1e-7)
  })

  it('§2.5: 2×2 of 5/83 vs 12/99 → χ² 1.98199 = z²; Yates 1.32737, p 0.24927', () => {
    const t = [
      [5, 78],
      [12, 87],
    ]
    const r = chiSquareIndependence(t)
    near(r.chiSquare, twoProportionZ(5, 83, 12, 99).z ** 2, 1e-9)
    near(r.chiSquare, 1.98199, 1e-5)
    const y = chiSquareIndependence(t, { yates: true })
    expect(y.yates).toBe(true)
    near(y.chiSquare, 1.32737, 1e-5)
    near(y.p, 0.24927, 1e-5)
  })

  it('warns when an expected count is below 5; drops empty rows/columns; degenerate tables give p 1', () => {
    expect(
      chiSquareIndependence([
        [1, 2],
        [3, 4],
      ]).warning,
    ).toMatch(/< 5/)
    const dropped = chiSquareIndependence([
      [10, 0, 20],
      [20, 0, 20],
      [0, 0, 0],
    ])
    expect(dropped.df).toBe(1)
    const one = chiSquareIndependence([[5, 6, 7]])
    expect(one).toMatchObject({ chiSquare: 0, df: 0, p: 1 })
    expect(one.reason).toBeDefined()
    expect(chiSquareIndependence([]).p).toBe(1)
  })

  it('rejects bad input', () => {
    expect(() => chiSquareIndependence([[1, 2], [3]])).toThrow(/ragged/)
    expect(() =>
      chiSquareIndependence([
        [1, -2],
        [3, 4],
      ]),
    ).toThrow(RangeError)
    expect(() =>
      chiSquareIndependence([
        [1, 2.5],
        [3, 4],
      ]),
    ).toThrow(RangeError)
    expect(() => chiSquareIndependence('x' as never)).toThrow(TypeError)
    expect(() =>
      chiSquareIndependence(
        [
          [1, 2],
          [3, 4],
        ],
        { yates: 'no' as never },
      ),
    ).toThrow(TypeError)
  })
})
