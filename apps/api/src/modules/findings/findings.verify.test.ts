import { describe, expect, it } from 'vitest'
import { type Answer, decide, estimate, verifyFindings } from './findings.verify.js'

const answers = (values: number[], prefix = 'r'): Answer[] =>
  values.map((value, i) => ({ respondent: `${prefix}${i}`, persona: null, value }))
const csat = { min: 1, max: 5 }

describe('verification edge cases', () => {
  it('all answers identical: no division by zero, a defined verdict', () => {
    const same = answers(Array(40).fill(4))
    for (const metric of ['mean', 'top2box', 'bottom2box'] as const) {
      const threshold = metric === 'mean' ? 3 : 0.5
      const level = estimate({
        id: 'l',
        primary: true,
        metric,
        claim: { kind: 'level', threshold, direction: 'at_least' },
        sesoi: 0,
        scale: csat,
        target: same,
        reference: null,
      })
      expect(Number.isNaN(level.estimate)).toBe(false)
      const paired = estimate({
        id: 'p',
        primary: true,
        metric,
        claim: { kind: 'comparative', reference: 'rest', direction: 'higher' },
        sesoi: 0.05,
        scale: csat,
        target: same,
        reference: same,
      })
      expect(paired).toMatchObject({ design: 'paired', estimate: 0 })
      expect(decide(paired, paired.p).status).toBe('contradicted') // exactly no difference: any effect is below the smallest one that matters
    }
  })

  it('groups of different people are compared as independent groups (Newcombe, Welch)', () => {
    const a = answers([...Array(20).fill(1), ...Array(20).fill(5)], 'a')
    const b = answers([...Array(4).fill(1), ...Array(36).fill(5)], 'b')
    const r = estimate({
      id: 'i',
      primary: true,
      metric: 'bottom2box',
      claim: { kind: 'comparative', reference: 'rest', direction: 'higher' },
      sesoi: 0.05,
      scale: csat,
      target: a,
      reference: b,
    })
    expect(r).toMatchObject({ design: 'independent', target: { value: 0.5, n: 40 }, reference: { value: 0.1, n: 40 } })
    expect(r.estimate).toBeCloseTo(0.4, 9)
    const m = estimate({
      id: 'm',
      primary: true,
      metric: 'mean',
      claim: { kind: 'comparative', reference: 'rest', direction: 'lower' },
      sesoi: 0.3,
      scale: csat,
      target: a,
      reference: b,
    })
    expect(m.test).toContain('Welch')
    expect(m.estimate).toBeCloseTo(4.6 - 3, 9) // "lower" is oriented: reference − target
  })

  it('too few answers is inconclusive with the n that would settle it; no operationalization is silence', () => {
    const few = estimate({
      id: 'f',
      primary: true,
      metric: 'top2box',
      claim: { kind: 'level', threshold: 0.5, direction: 'at_least' },
      sesoi: 0,
      scale: csat,
      target: answers([5, 5, 4, 1]),
      reference: null,
    })
    const d = decide(few, few.p)
    expect(d).toMatchObject({ status: 'inconclusive', reason: 'insufficient data' })
    expect(d.nNeeded).toBeGreaterThan(4)
    expect(verifyFindings([{ id: 'x', operationalizations: [] }], 'bh')).toEqual([
      { findingId: 'x', status: 'silence', fit: 'silence', results: [] },
    ])
  })
})
