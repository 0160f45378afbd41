import { describe, expect, it } from 'vitest'
import { empathyMapBoxOf } from './index.js'

describe('empathyMapBoxOf', () => {
  it('keeps an empathy-map item in its own box, and sends sees and hears to pains or gains', () => {
    for (const box of ['says', 'thinks', 'does', 'feels'] as const)
      expect(empathyMapBoxOf({ kind: 'empathy_item', codingValence: 'pain', itemBox: box, itemValence: 'gain' })).toBe(
        box,
      )
    expect(empathyMapBoxOf({ kind: 'empathy_item', codingValence: null, itemBox: 'sees', itemValence: 'pain' })).toBe(
      'pains',
    )
    // the coder's reading wins over the participant's own
    expect(
      empathyMapBoxOf({ kind: 'empathy_item', codingValence: 'gain', itemBox: 'hears', itemValence: 'pain' }),
    ).toBe('gains')
    expect(
      empathyMapBoxOf({ kind: 'empathy_item', codingValence: 'neutral', itemBox: 'hears', itemValence: 'gain' }),
    ).toBe('gains')
    expect(
      empathyMapBoxOf({ kind: 'empathy_item', codingValence: 'neutral', itemBox: 'sees', itemValence: null }),
    ).toBeNull()
  })

  it('puts a diary quote in pains or gains by its valence, else in feels when an emotion was recorded, else in does', () => {
    expect(empathyMapBoxOf({ kind: 'diary_entry', codingValence: 'pain', emotion: 2 })).toBe('pains')
    expect(empathyMapBoxOf({ kind: 'diary_entry', codingValence: 'gain', emotion: null })).toBe('gains')
    expect(empathyMapBoxOf({ kind: 'diary_entry', codingValence: 'neutral', emotion: -3 })).toBe('feels')
    expect(empathyMapBoxOf({ kind: 'diary_entry', codingValence: null, emotion: 0 })).toBe('does')
    expect(empathyMapBoxOf({ kind: 'diary_entry', codingValence: null, emotion: null })).toBe('does')
  })
})
