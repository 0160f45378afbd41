import { describe, expect, it } from 'vitest'
import { cohensKappa, interpretAlpha, interpretKappa } from './index.js'

describe('interpretKappa (Landis & Koch 1977)', () => {
  it('maps each band, upper edges inclusive', () => {
    expect(interpretKappa(-0.1)).toBe('poor')
    expect(interpretKappa(-1)).toBe('poor')
    expect(interpretKappa(0)).toBe('slight')
    expect(interpretKappa(0.2)).toBe('slight')
    expect(interpretKappa(0.21)).toBe('fair')
    expect(interpretKappa(0.4)).toBe('fair')
    expect(interpretKappa(0.41)).toBe('moderate')
    expect(interpretKappa(0.6)).toBe('moderate')
    expect(interpretKappa(0.61)).toBe('substantial')
    expect(interpretKappa(0.8)).toBe('substantial')
    expect(interpretKappa(0.81)).toBe('almost perfect')
    expect(interpretKappa(1)).toBe('almost perfect')
  })

  it('§8 #21 (κ = .40) is fair, whatever the last bit of the float', () => {
    expect(
      interpretKappa(
        cohensKappa([
          [20, 5],
          [10, 15],
        ]).kappa,
      ),
    ).toBe('fair')
    expect(interpretKappa(0.4 + 1e-12)).toBe('fair')
  })

  it('rejects bad input', () => {
    expect(() => interpretKappa('0.5' as never)).toThrow(TypeError)
    expect(() => interpretKappa(Number.NaN)).toThrow(/NaN/)
    expect(() => interpretKappa(1.2)).toThrow(RangeError)
    expect(() => interpretKappa(-1.5)).toThrow(RangeError)
    expect(() => interpretKappa(Number.POSITIVE_INFINITY)).toThrow(RangeError)
  })
})

describe('interpretAlpha (Krippendorff 2004/2019)', () => {
  it('maps the thresholds .800 and .667', () => {
    expect(interpretAlpha(1)).toBe('reliable')
    expect(interpretAlpha(0.8)).toBe('reliable')
    expect(interpretAlpha(0.7999)).toBe('tentative')
    expect(interpretAlpha(0.667)).toBe('tentative')
    expect(interpretAlpha(0.6669)).toBe('unreliable')
    expect(interpretAlpha(0)).toBe('unreliable')
    expect(interpretAlpha(-0.5)).toBe('unreliable')
  })

  it('rejects bad input', () => {
    expect(() => interpretAlpha(null as never)).toThrow(TypeError)
    expect(() => interpretAlpha(Number.NaN)).toThrow(/NaN/)
    expect(() => interpretAlpha(1.01)).toThrow(RangeError)
    expect(() => interpretAlpha(Number.NEGATIVE_INFINITY)).toThrow(RangeError)
  })
})
