import { describe, expect, it } from 'vitest'
import { ArrangeTouchpointsBodySchema, CreateTouchpointBodySchema } from '../journey/index.js'
import { CreateStudyBodySchema, UpdateStudyBodySchema } from './index.js'

describe('study contract', () => {
  it('fills the method defaults on create', () => {
    expect(CreateStudyBodySchema.parse({ title: '  Returns  ' })).toEqual({
      title: 'Returns',
      goal: '',
      loyaltyMetrics: [],
      scope: '',
      customerJob: '',
      languages: ['nl', 'en'],
      status: 'draft',
    })
  })

  it('rejects unknown fields, duplicates, blank titles and unknown languages', () => {
    expect(CreateStudyBodySchema.safeParse({ title: 'x', extra: 1 }).success).toBe(false)
    expect(CreateStudyBodySchema.safeParse({ title: 'x', loyaltyMetrics: ['recommend', 'recommend'] }).success).toBe(
      false,
    )
    expect(CreateStudyBodySchema.safeParse({ title: '   ' }).success).toBe(false)
    expect(CreateStudyBodySchema.safeParse({ title: 'x', languages: ['de'] }).success).toBe(false)
    expect(CreateStudyBodySchema.safeParse({ title: 'x', languages: [] }).success).toBe(false)
    expect(UpdateStudyBodySchema.parse({})).toEqual({})
  })

  it('touchpoints default to a direct model touchpoint on the web', () => {
    const stageId = '4b7e7c1a-6f6f-4a52-9a8e-1c2d3e4f5a6b'
    expect(CreateTouchpointBodySchema.parse({ name: 'Site', stageId })).toMatchObject({
      kind: 'direct',
      origin: 'model',
      channel: 'web',
      momentOfTruth: false,
    })
    expect(CreateTouchpointBodySchema.safeParse({ name: 'Site', stageId, kind: 'sideways' }).success).toBe(false)
  })

  it('an arrangement may not place a touchpoint twice in a column', () => {
    const id = '4b7e7c1a-6f6f-4a52-9a8e-1c2d3e4f5a6b'
    expect(
      ArrangeTouchpointsBodySchema.safeParse({ columns: [{ stageId: id, touchpointIds: [id, id] }] }).success,
    ).toBe(false)
    expect(ArrangeTouchpointsBodySchema.safeParse({ columns: [{ stageId: id, touchpointIds: [] }] }).success).toBe(true)
  })
})
