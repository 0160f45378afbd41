import { describe, expect, it } from 'vitest'
import { welchTTest } from './index.js'

const near = (actual: number, expected: number, tol = 1e-6): void => {
  expect(Math.abs(actual - expected), `${actual} vs ${expected}`).toBeLessThanOrEqual(tol)
}

const g1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0]
const g2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4]

describe('welchTTest', () => {
  it('§8 #7: R sleep data → t −1.8608, df 17.776, p 0.07939, CI [−3.3654832, 0.2054832]', () => {
    const r = welchTTest(g1, g2)
    expect(r.t.toFixed(4)).toBe('-1.8608')
    expect(r.df.toFixed(3)).toBe('17.776')
    expect(r.p.toFixed(5)).toBe('0.07939')
    near(r.lower, -3.3654832)
    near(r.upper, 0.2054832)
    near(r.difference, -1.58, 1e-12)
    near(r.t, -1.8608134674868526, 1e-9) // regression
    near(r.p, 0.07939414018735819, 1e-9)
  })

  it('is antisymmetric in its arguments', () => {
    const a = welchTTest(g1, g2)
    const b = welchTTest(g2, g1)
    near(b.t, -a.t, 1e-12)
    near(b.p, a.p, 1e-12)
    near(b.lower, -a.upper, 1e-12)
  })

  it('degenerate: identical constants → p 1; different constants or n < 2 → NaN with a reason', () => {
    expect(welchTTest([3, 3, 3], [3, 3])).toMatchObject({ t: 0, p: 1 })
    const c = welchTTest([3, 3, 3], [4, 4])
    expect(c.p).toBeNaN()
    expect(c.reason).toMatch(/constant/)
    expect(welchTTest([1], [1, 2]).reason).toMatch(/at least 2/)
  })

  it('rejects bad input', () => {
    expect(() => welchTTest([1, 2], [1, Number.NaN])).toThrow(RangeError)
    expect(() => welchTTest({} as never, [1, 2])).toThrow(TypeError)
    expect(() => welchTTest([1, 2], [1, 3], 1.5)).toThrow(RangeError)
  })
})
