import { CreateStageBodySchema, StageSchema } from '@klantreis/shared/journey'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { apiJson, jsonBody } from './api-client'

const studyId = '3f0c8a5e-7d7b-4a51-9b8e-2f1d2c3b4a59'
const stage = { id: studyId, studyId, name: 'Oriëntatie', description: '', position: 0 }

afterEach(() => vi.unstubAllGlobals())

describe('JSON request bodies', () => {
  it('sends the value given to jsonBody as the JSON body, as it is', async () => {
    const fetch = vi.fn(async () => new Response(JSON.stringify(stage), { status: 201 }))
    vi.stubGlobal('fetch', fetch)
    const body = { name: 'Oriëntatie' }
    await expect(
      apiJson(StageSchema, `/studies/${studyId}/stages`, {
        method: 'POST',
        body: jsonBody(CreateStageBodySchema, body),
      }),
    ).resolves.toEqual(stage)
    const [, init] = fetch.mock.calls[0] as unknown as [string, RequestInit]
    expect(init.body).toBe(JSON.stringify(body))
    expect((init.headers as Record<string, string>)['content-type']).toBe('application/json')
  })

  it('types the value by the contract: a field it lacks or one it requires is a type error', () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response(JSON.stringify(stage), { status: 201 })),
    )
    // @ts-expect-error the contract has no such field
    jsonBody(CreateStageBodySchema, { name: 'x', colour: 'red' })
    // @ts-expect-error a stage needs its name
    jsonBody(CreateStageBodySchema, { description: 'x' })
    // @ts-expect-error a body is made by jsonBody, not written inline
    void apiJson(StageSchema, '/x', { method: 'POST', body: { name: 'x' } }).catch(() => {})
    expect(jsonBody(CreateStageBodySchema, { name: 'x' }).value).toEqual({ name: 'x' })
  })
})
