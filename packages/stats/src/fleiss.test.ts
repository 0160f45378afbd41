import { describe, expect, it } from 'vitest'
import { fleissKappa } from './index.js'

// Wikipedia "Fleiss' kappa", worked example: 10 subjects, 14 raters, 5 categories.
const WIKIPEDIA = [
  [0, 0, 0, 0, 14],
  [0, 2, 6, 4, 2],
  [0, 0, 3, 5, 6],
  [0, 3, 9, 2, 0],
  [2, 2, 8, 1, 1],
  [7, 7, 0, 0, 0],
  [3, 2, 6, 3, 0],
  [2, 5, 3, 2, 2],
  [6, 5, 2, 1, 0],
  [0, 2, 2, 3, 7],
]

describe("Fleiss' kappa", () => {
  it('reproduces the Wikipedia example to the published digits (P̄ .378, P̄e .213, κ .210)', () => {
    const r = fleissKappa(WIKIPEDIA)
    expect(r.n).toBe(10)
    expect(r.raters).toBe(14)
    expect(r.pBar).toBeCloseTo(0.378, 3)
    expect(r.peBar).toBeCloseTo(0.213, 3)
    expect(r.kappa).toBeCloseTo(0.21, 3)
    // Published p_j: .143 .200 .279 .150 .229
    ;[0.143, 0.2, 0.279, 0.15, 0.229].forEach((p, j) => expect(r.pj[j]).toBeCloseTo(p, 3))
  })

  it('regression: the exact values of the formula (P̄ = 172/455, P̄e = 417/1960, κ = 4211/20059)', () => {
    const r = fleissKappa(WIKIPEDIA)
    expect(Math.abs(r.pBar - 172 / 455)).toBeLessThan(1e-9)
    expect(Math.abs(r.peBar - 417 / 1960)).toBeLessThan(1e-9)
    expect(Math.abs(r.kappa - 4211 / 20059)).toBeLessThan(1e-9) // 0.2099307044…
  })

  it('is 1 when all raters agree on every subject (more than one category in use)', () => {
    expect(
      fleissKappa([
        [3, 0, 0],
        [0, 3, 0],
        [0, 0, 3],
        [3, 0, 0],
      ]).kappa,
    ).toBe(1)
  })

  it('degenerate cases: no subjects → NaN with reason; one category only → 1 with reason', () => {
    const none = fleissKappa([])
    expect(none.kappa).toBeNaN()
    expect(none.reason).toMatch(/no subjects/)
    const one = fleissKappa([
      [0, 4],
      [0, 4],
    ])
    expect(one).toMatchObject({ kappa: 1, pBar: 1, peBar: 1 })
    expect(one.reason).toMatch(/same single category/)
  })

  it('rejects bad input', () => {
    expect(() => fleissKappa(null as never)).toThrow(TypeError)
    expect(() =>
      fleissKappa([
        [1, 2],
        [3, 0],
        [1, 1],
      ]),
    ).toThrow(/same number of raters.*subject 2 has 2/)
    expect(() => fleissKappa([[1, 2], [3]])).toThrow(/ragged/)
    expect(() =>
      fleissKappa([
        [4, -1],
        [2, 1],
      ]),
    ).toThrow(RangeError)
    expect(() =>
      fleissKappa([
        [1.5, 1.5],
        [2, 1],
      ]),
    ).toThrow(/integer/)
    expect(() =>
      fleissKappa([
        [1, 0],
        [0, 1],
      ]),
    ).toThrow(/at least 2 raters/)
    expect(() => fleissKappa([[], []])).toThrow(/at least 2 raters/)
    expect(() => fleissKappa([[1, Number.NaN]])).toThrow(RangeError)
  })
})
