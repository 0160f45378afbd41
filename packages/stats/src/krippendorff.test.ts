import { describe, expect, it } from 'vitest'
import { krippendorffAlpha, MEASUREMENT_LEVELS, type MeasurementLevel } from './index.js'

// docs/analysis.md §3.3 / §8 #23: Krippendorff (2011), 4 observers × 12 units, null = missing.
const _ = null
const K2011 = [
  [1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _],
  [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3],
  [_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _],
  [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _],
]
const EXPECTED: Record<MeasurementLevel, number> = {
  nominal: 0.7434211,
  ordinal: 0.8153875,
  interval: 0.8491071,
  ratio: 0.7974028,
}

describe("Krippendorff's alpha", () => {
  it.each(MEASUREMENT_LEVELS)('§8 #23: %s α of the Krippendorff (2011) matrix', (level) => {
    const r = krippendorffAlpha(K2011, level)
    expect(Math.abs(r.alpha - EXPECTED[level])).toBeLessThan(1e-6)
    expect(r).toMatchObject({ n: 40, units: 11, level }) // u12 has one value only: not pairable
    expect(r.reason).toBeUndefined()
    expect(r.alpha).toBeCloseTo(1 - r.observedDisagreement / r.expectedDisagreement, 12)
  })

  it('nominal data may be strings (same α as the numbers relabelled)', () => {
    const labels = K2011.map((row) => row.map((v) => (v === null ? null : `c${v}`)))
    expect(krippendorffAlpha(labels, 'nominal').alpha).toBeCloseTo(EXPECTED.nominal, 6)
  })

  it('two coders, no missing values: equals the hand-computed values', () => {
    // Nominal, A = a a b b a, B = a b b b a: 5 units with m_u = 2, so n = 10.
    // Coincidences (each unit adds its 2 ordered pairs with weight 1/(m_u − 1) = 1):
    //   o_aa = 2 (u1) + 2 (u5) = 4, o_bb = 2 (u3) + 2 (u4) = 4, o_ab = o_ba = 1 (u2).
    //   n_a = 5, n_b = 5.  Σ o δ² = o_ab + o_ba = 2;  Σ n_c n_k δ² = 2 · 5 · 5 = 50.
    //   α = 1 − (n − 1) · 2 / 50 = 1 − 9 · 2 / 50 = 0.64
    const nominal = krippendorffAlpha(
      [
        ['a', 'a', 'b', 'b', 'a'],
        ['a', 'b', 'b', 'b', 'a'],
      ],
      'nominal',
    )
    expect(nominal).toMatchObject({ n: 10, units: 5 })
    expect(nominal.alpha).toBeCloseTo(0.64, 12)

    // Interval, A = 1 2 3, B = 1 2 4: n = 6; o_11 = 2, o_22 = 2, o_34 = o_43 = 1;
    //   n_1 = 2, n_2 = 2, n_3 = 1, n_4 = 1.  Σ o δ² = 2 · (3 − 4)² = 2.
    //   Σ n_c n_k (c − k)² = 2 · [ (1,2) 2·2·1 + (1,3) 2·1·4 + (1,4) 2·1·9 + (2,3) 2·1·1 + (2,4) 2·1·4 + (3,4) 1·1·1 ]
    //                      = 2 · (4 + 8 + 18 + 2 + 8 + 1) = 82
    //   α = 1 − 5 · 2 / 82 = 36/41 ≈ 0.8780488
    const interval = krippendorffAlpha(
      [
        [1, 2, 3],
        [1, 2, 4],
      ],
      'interval',
    )
    expect(interval.alpha).toBeCloseTo(36 / 41, 12)
  })

  it('is 1 for identical coders (more than one value) at every level, and does not depend on coder order', () => {
    const row = [1, 3, 2, 2, null, 5, 1]
    for (const level of MEASUREMENT_LEVELS) {
      expect(krippendorffAlpha([row, row, row], level).alpha).toBe(1)
      const reversed = krippendorffAlpha([...K2011].reverse(), level).alpha
      expect(reversed).toBeCloseTo(EXPECTED[level], 6)
    }
  })

  it('degenerate: no pairable unit → NaN with a reason', () => {
    for (const matrix of [
      [
        [1, null],
        [null, 2],
      ],
      [[], []],
    ]) {
      const r = krippendorffAlpha(matrix, 'nominal')
      expect(r.alpha).toBeNaN()
      expect(r).toMatchObject({ n: 0, units: 0 })
      expect(r.reason).toMatch(/no pairable unit/)
    }
  })

  it('degenerate: all pairable values identical → expected disagreement 0, α reported as 1 with a reason', () => {
    const r = krippendorffAlpha(
      [
        [0, 0, 0, 7],
        [0, 0, 0, null],
      ],
      'ratio',
    )
    expect(r).toMatchObject({ alpha: 1, n: 6, units: 3, observedDisagreement: 0, expectedDisagreement: 0 })
    expect(r.reason).toMatch(/identical/)
  })

  it('ratio data: a zero next to a zero is no disagreement', () => {
    const r = krippendorffAlpha(
      [
        [0, 0, 2],
        [0, 1, 2],
      ],
      'ratio',
    )
    expect(Number.isFinite(r.alpha)).toBe(true)
  })

  it('rejects bad input', () => {
    expect(() => krippendorffAlpha(K2011, 'binary' as never)).toThrow(TypeError)
    expect(() => krippendorffAlpha('matrix' as never, 'nominal')).toThrow(TypeError)
    expect(() => krippendorffAlpha([[1, 2, 3]], 'nominal')).toThrow(/at least 2 coders/)
    expect(() => krippendorffAlpha([], 'nominal')).toThrow(/at least 2 coders/)
    expect(() => krippendorffAlpha([[1, 2], [1]], 'nominal')).toThrow(/ragged/)
    expect(() => krippendorffAlpha([[1, 2], 'ab' as never], 'nominal')).toThrow(TypeError)
    expect(() =>
      krippendorffAlpha(
        [
          [1, 2],
          ['1', '2'],
        ],
        'nominal',
      ),
    ).toThrow(/mixes string and number/)
    for (const level of ['ordinal', 'interval', 'ratio'] as const) {
      expect(() =>
        krippendorffAlpha(
          [
            ['low', 'high'],
            ['low', 'low'],
          ],
          level,
        ),
      ).toThrow(/must be numbers/)
    }
    expect(() =>
      krippendorffAlpha(
        [
          [1, -2],
          [1, 2],
        ],
        'ratio',
      ),
    ).toThrow(/≥ 0/)
    expect(() =>
      krippendorffAlpha(
        [
          [1, Number.NaN],
          [1, 2],
        ],
        'interval',
      ),
    ).toThrow(RangeError)
    expect(() =>
      krippendorffAlpha(
        [
          [1, undefined as never],
          [1, 2],
        ],
        'interval',
      ),
    ).toThrow(/null \(for missing\)/)
    expect(() =>
      krippendorffAlpha(
        [
          [1, true as never],
          [1, 2],
        ],
        'nominal',
      ),
    ).toThrow(TypeError)
  })
})
