import { describe, expect, it } from 'vitest'
import { periodParts } from './dashboard.rollup.queries.js'

describe('periodParts: whole months from the month rows, the edges from the day rows', () => {
  it('reads only month rows without a period, or for whole months', () => {
    expect(periodParts()).toEqual({ months: {}, days: [] })
    expect(periodParts('2026-11-01', '2026-11-30')).toEqual({
      months: { from: '2026-11-01', before: '2026-12-01' },
      days: [],
    })
    expect(periodParts('2026-02-01', '2026-02-28')).toEqual({
      months: { from: '2026-02-01', before: '2026-03-01' },
      days: [],
    })
  })

  it('adds the days at either edge', () => {
    expect(periodParts('2026-10-15', '2026-12-10')).toEqual({
      months: { from: '2026-11-01', before: '2026-12-01' },
      days: [
        ['2026-10-15', '2026-10-31'],
        ['2026-12-01', '2026-12-10'],
      ],
    })
    expect(periodParts('2026-10-15')).toEqual({ months: { from: '2026-11-01' }, days: [['2026-10-15', '2026-10-31']] })
    expect(periodParts(undefined, '2026-11-05')).toEqual({
      months: { before: '2026-11-01' },
      days: [['2026-11-01', '2026-11-05']],
    })
    expect(periodParts('2025-12-20', '2026-01-31')).toEqual({
      months: { from: '2026-01-01', before: '2026-02-01' },
      days: [['2025-12-20', '2025-12-31']],
    })
  })

  it('reads only days within one month or across a month boundary without a whole month', () => {
    expect(periodParts('2026-11-03', '2026-11-06')).toEqual({ days: [['2026-11-03', '2026-11-06']] })
    expect(periodParts('2026-11-15', '2026-12-10')).toEqual({ days: [['2026-11-15', '2026-12-10']] })
  })
})
