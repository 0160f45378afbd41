import { describe, expect, it } from 'vitest'
import { benjaminiHochberg, holm } from './index.js'

const closeAll = (actual: number[], expected: number[], tol = 1e-8): void => {
  expect(actual).toHaveLength(expected.length)
  actual.forEach((v, i) => expect(Math.abs(v - expected[i]!), `[${i}] ${v} vs ${expected[i]}`).toBeLessThanOrEqual(tol))
}

function lcg(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0
    return s / 2 ** 32
  }
}

const bh15 = [
  0.0001, 0.0004, 0.0019, 0.0095, 0.0201, 0.0278, 0.0298, 0.0344, 0.0459, 0.324, 0.4262, 0.5719, 0.6528, 0.759, 1.0,
]

describe('benjaminiHochberg', () => {
  it('§8 #18: SciPy / Benjamini–Hochberg 1995 example', () => {
    closeAll(
      benjaminiHochberg(bh15),
      [
        0.0015, 0.003, 0.0095, 0.035625, 0.0603, 0.06385714, 0.06385714, 0.0645, 0.0765, 0.486, 0.58118182, 0.714875,
        0.75323077, 0.81321429, 1,
      ],
      1e-8,
    )
  })

  it('§2.8: unsorted input keeps its order; stdlib padjust README vectors', () => {
    closeAll(benjaminiHochberg([0.5, 0.6, 0.1, 0.001]), [0.6, 0.6, 0.2, 0.004])
    closeAll(benjaminiHochberg([0.008, 0.03, 0.123, 0.6, 0.2]), [0.04, 0.075, 0.205, 0.6, 0.25])
    closeAll(benjaminiHochberg([0.319, 0.201, 0.4, 0.374, 0.113]), [0.4, 0.4, 0.4, 0.4, 0.4])
  })
})

describe('holm', () => {
  it('§8 #19: [0.008, 0.03, 0.123, 0.6, 0.2] → [0.04, 0.12, 0.369, 0.6, 0.4]', () => {
    closeAll(holm([0.008, 0.03, 0.123, 0.6, 0.2]), [0.04, 0.12, 0.369, 0.6, 0.4])
  })

  it('§2.8: the 15 BH p-values and the stdlib README second example', () => {
    closeAll(holm(bh15), [0.0015, 0.0056, 0.0247, 0.114, 0.2211, 0.278, 0.278, 0.278, 0.3213, 1, 1, 1, 1, 1, 1])
    closeAll(holm([0.319, 0.201, 0.4, 0.374, 0.113]), [0.957, 0.804, 0.957, 0.957, 0.565])
  })
})

describe('adjustment properties and input checks', () => {
  it('adjusted ≥ raw, ≤ 1, monotone in the raw order; Holm ≥ BH', () => {
    const rand = lcg(3)
    for (let t = 0; t < 200; t += 1) {
      const m = 1 + Math.floor(rand() * 30)
      const p = Array.from({ length: m }, () => (rand() < 0.2 ? rand() * 0.01 : rand()))
      const bh = benjaminiHochberg(p)
      const hm = holm(p)
      const order = p.map((_, i) => i).sort((i, j) => p[i]! - p[j]!)
      for (const adj of [bh, hm]) {
        adj.forEach((v, i) => {
          expect(v).toBeGreaterThanOrEqual(p[i]! - 1e-15)
          expect(v).toBeLessThanOrEqual(1)
        })
        for (let r = 1; r < m; r += 1) expect(adj[order[r]!]!).toBeGreaterThanOrEqual(adj[order[r - 1]!]! - 1e-15)
      }
      hm.forEach((v, i) => expect(v).toBeGreaterThanOrEqual(bh[i]! - 1e-15))
    }
  })

  it('empty input → []; bad p-values throw', () => {
    expect(benjaminiHochberg([])).toEqual([])
    expect(holm([])).toEqual([])
    expect(() => holm([0.1, 1.2])).toThrow(RangeError)
    expect(() => benjaminiHochberg([0.1, -0.01])).toThrow(RangeError)
    expect(() => benjaminiHochberg([0.1, Number.NaN])).toThrow(RangeError)
    expect(() => holm('0.1' as never)).toThrow(TypeError)
  })
})
