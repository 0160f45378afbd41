import { describe, expect, it } from 'vitest'
import { addMonths, plannedEnd, retentionEnd } from './retention.js'

describe('retention dates', () => {
  it('adds months as PostgreSQL does: the same day, or the last day of a shorter month', () => {
    expect(addMonths(new Date('2026-01-31T10:00:00Z'), 1).toISOString()).toBe('2026-02-28T10:00:00.000Z')
    expect(addMonths(new Date('2028-01-31T10:00:00Z'), 1).toISOString()).toBe('2028-02-29T10:00:00.000Z')
    expect(addMonths(new Date('2026-03-15T23:30:00Z'), 12).toISOString()).toBe('2027-03-15T23:30:00.000Z')
    expect(addMonths(new Date('2026-11-30T00:00:00Z'), 3).toISOString()).toBe('2027-02-28T00:00:00.000Z')
    expect(addMonths(new Date('2026-05-31T08:00:00Z'), 120).toISOString()).toBe('2036-05-31T08:00:00.000Z')
  })

  it('gives a date only to a closed study with a period', () => {
    const closedAt = new Date('2026-03-12T09:00:00Z')
    expect(retentionEnd({ status: 'closed', closedAt }, 12)?.toISOString()).toBe('2027-03-12T09:00:00.000Z')
    expect(retentionEnd({ status: 'closed', closedAt }, null)).toBeNull()
    expect(retentionEnd({ status: 'live', closedAt: null }, 12)).toBeNull()
    expect(retentionEnd({ status: 'draft', closedAt }, 12)).toBeNull()
  })

  it("plans a running study's end the day after its diary ends, or now without a diary", () => {
    const now = new Date('2026-12-07T19:00:00Z')
    expect(plannedEnd('2026-12-31', now).toISOString()).toBe('2027-01-01T00:00:00.000Z')
    expect(plannedEnd(null, now)).toEqual(now)
  })
})
