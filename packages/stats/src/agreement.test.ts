import { describe, expect, it } from 'vitest'
import { cohensKappa, cohensKappaFromCodes, contingencyTable, percentAgreement } from './index.js'

/** Small deterministic generator (LCG) for the property checks: no extra dev dependency. */
function lcg(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0
    return s / 2 ** 32
  }
}

describe('percentAgreement', () => {
  it('counts agreement over the units both coders coded; a null on either side leaves the unit out', () => {
    const r = percentAgreement(['a', 'a', 'b', null, 'c', 'b'], ['a', 'b', 'b', 'a', null, 'b'])
    expect(r).toEqual({ agreement: 0.75, agreements: 3, n: 4 })
  })

  it('is 1 for identical coders', () => {
    expect(percentAgreement([1, 2, 3, 2, 1], [1, 2, 3, 2, 1])).toEqual({ agreement: 1, agreements: 5, n: 5 })
  })

  it('has no value (NaN with a reason) when no unit was coded by both', () => {
    const r = percentAgreement([1, null], [null, 2])
    expect(r.n).toBe(0)
    expect(r.agreement).toBeNaN()
    expect(r.reason).toMatch(/n = 0/)
    expect(percentAgreement([], []).agreement).toBeNaN()
  })

  it('rejects bad input', () => {
    expect(() => percentAgreement([1, 2], [1])).toThrow(RangeError)
    expect(() => percentAgreement('ab' as never, ['a', 'b'])).toThrow(TypeError)
    expect(() => percentAgreement([1, undefined as never], [1, 2])).toThrow(/null \(for missing\)/)
    expect(() => percentAgreement([1, , 3] as never, [1, 2, 3])).toThrow(TypeError)
    expect(() => percentAgreement([1, { code: 1 } as never], [1, 2])).toThrow(TypeError)
    expect(() => percentAgreement([1, Number.NaN], [1, 2])).toThrow(RangeError)
    expect(() => percentAgreement([1, Number.POSITIVE_INFINITY], [1, 2])).toThrow(RangeError)
    expect(() => percentAgreement([1, 2], ['1', '2'])).toThrow(/mixes string and number/)
  })
})

describe("Cohen's kappa", () => {
  it('§8 #21: Yes/Yes 20, Yes/No 5, No/Yes 10, No/No 15 → po .70, pe .50, κ .40', () => {
    const r = cohensKappa([
      [20, 5],
      [10, 15],
    ])
    expect(r.n).toBe(50)
    expect(r.po).toBeCloseTo(0.7, 6)
    expect(r.pe).toBeCloseTo(0.5, 6)
    expect(Math.abs(r.kappa - 0.4)).toBeLessThan(1e-6)
    expect(r.reason).toBeUndefined()
  })

  it('is 1 for identical coders using more than one category', () => {
    const r = cohensKappaFromCodes(['x', 'y', 'z', 'y', 'x'], ['x', 'y', 'z', 'y', 'x'])
    expect(r.kappa).toBe(1)
    expect(r.po).toBe(1)
  })

  it('builds the table from codes (nulls skipped, categories sorted) and agrees with cohensKappa on it', () => {
    const a = ['Yes', 'Yes', 'No', 'No', null, 'Yes', 'No']
    const b = ['Yes', 'No', 'Yes', 'No', 'No', 'Yes', null]
    const built = contingencyTable(a, b)
    expect(built).toEqual({
      categories: ['No', 'Yes'],
      table: [
        [1, 1],
        [1, 2],
      ],
      skipped: 2,
    })
    const r = cohensKappaFromCodes(a, b)
    expect(r).toEqual({ ...cohensKappa(built.table), ...built })
    expect(r.n).toBe(5)
    expect(r.po).toBeCloseTo(3 / 5, 12)
  })

  it('property: from-codes equals the table path, and po equals percent agreement (random data)', () => {
    const next = lcg(21)
    for (let t = 0; t < 200; t++) {
      const units = 1 + Math.floor(next() * 30)
      const k = 1 + Math.floor(next() * 4)
      const code = () => (next() < 0.1 ? null : Math.floor(next() * k))
      const a = Array.from({ length: units }, code)
      const b = Array.from({ length: units }, code)
      const r = cohensKappaFromCodes(a, b)
      expect(r).toEqual({ ...cohensKappa(r.table), categories: r.categories, table: r.table, skipped: r.skipped })
      const p = percentAgreement(a, b)
      expect(r.n).toBe(p.n)
      if (p.n > 0) expect(r.po).toBeCloseTo(p.agreement, 12)
    }
  })

  it('degenerate cases: empty table → NaN with reason; one shared category only → 1 with reason', () => {
    const empty = cohensKappa([
      [0, 0],
      [0, 0],
    ])
    expect(empty.kappa).toBeNaN()
    expect(empty.reason).toMatch(/empty/)
    expect(cohensKappa([]).kappa).toBeNaN()
    expect(cohensKappaFromCodes([null], [1]).kappa).toBeNaN()
    const single = cohensKappaFromCodes(['absent', 'absent', 'absent'], ['absent', 'absent', 'absent'])
    expect(single).toMatchObject({ kappa: 1, po: 1, pe: 1, n: 3 })
    expect(single.reason).toMatch(/pe = 1/)
  })

  it('can be negative for systematic disagreement', () => {
    expect(
      cohensKappa([
        [0, 5],
        [5, 0],
      ]).kappa,
    ).toBe(-1)
  })

  it('rejects bad tables', () => {
    expect(() => cohensKappa('table' as never)).toThrow(TypeError)
    expect(() => cohensKappa([[1, 2]])).toThrow(/square/)
    expect(() => cohensKappa([[1, 2], [3]])).toThrow(/ragged/)
    expect(() =>
      cohensKappa([
        [1, -2],
        [3, 4],
      ]),
    ).toThrow(RangeError)
    expect(() =>
      cohensKappa([
        [1, 2.5],
        [3, 4],
      ]),
    ).toThrow(/non-negative integer/)
    expect(() =>
      cohensKappa([
        [1, '2' as never],
        [3, 4],
      ]),
    ).toThrow(TypeError)
    expect(() => cohensKappa([[1, 2], 'xy' as never])).toThrow(TypeError)
    expect(() => cohensKappaFromCodes([1, 2], [1])).toThrow(RangeError)
    expect(() => cohensKappaFromCodes([1, 'a'], [1, 2])).toThrow(TypeError)
  })
})
