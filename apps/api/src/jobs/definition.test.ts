import { UnrecoverableError } from 'bullmq'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { defineJob, dispatchJobs, jobMap, joinJobMaps, NoPayloadSchema } from './definition.js'

type Deps = { seen: unknown[] }
const job = defineJob<Deps>()
const jobs = jobMap([
  job({
    name: 'echo',
    schema: z.strictObject({ id: z.uuid() }),
    process: async (deps, payload, attempt) => deps.seen.push({ payload, attempt }),
  }),
  job({ name: 'tick', schema: NoPayloadSchema, process: async () => 'ticked' }),
])
const id = '00000000-0000-4000-8000-000000000001'
const run = (name: string, data: unknown, deps: Deps = { seen: [] }) =>
  dispatchJobs('test', jobs, deps)({ name, data, attemptsMade: 2, opts: { attempts: 6 } })

describe('job dispatch', () => {
  it('runs the definition named by the job with its parsed payload and the attempt', async () => {
    const deps: Deps = { seen: [] }
    await run('echo', { id }, deps)
    expect(deps.seen).toEqual([{ payload: { id }, attempt: { made: 2, max: 6 } }])
    expect(await run('tick', {})).toBe('ticked')
    expect(await run('tick', undefined)).toBe('ticked')
  })

  it('refuses a payload its schema does not accept, before the work runs', async () => {
    const deps: Deps = { seen: [] }
    await expect(run('echo', { id: 'not-a-uuid' }, deps)).rejects.toThrow()
    await expect(run('echo', { id, email: 'a@b.example' }, deps)).rejects.toThrow()
    expect(deps.seen).toEqual([])
  })

  it('fails a job no definition has at once (no retries), naming it and the known ones', async () => {
    const err = await run('nope', {}).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(UnrecoverableError)
    expect((err as Error).message).toBe('unknown job "nope" on the test queue (it knows echo, tick)')
    // an inherited property is no job either
    await expect(run('toString', {})).rejects.toBeInstanceOf(UnrecoverableError)
  })

  it('refuses two definitions with one name', () => {
    expect(() =>
      jobMap([
        job({ name: 'a', schema: NoPayloadSchema, process: async () => 1 }),
        job({ name: 'a', schema: NoPayloadSchema, process: async () => 2 }),
      ]),
    ).toThrow('two job definitions named "a"')
    const a = jobMap([job({ name: 'a', schema: NoPayloadSchema, process: async () => 1 })])
    const b = jobMap([job({ name: 'b', schema: NoPayloadSchema, process: async () => 2 })])
    expect(Object.keys(joinJobMaps(a, b))).toEqual(['a', 'b'])
    expect(() => joinJobMaps(a, a)).toThrow('two job definitions named "a"')
  })
})

describe('the registry', () => {
  it('knows every job the producers add, each under its own name', async () => {
    const { jobRegistry } = await import('./registry.js')
    expect(Object.keys(jobRegistry.mail).sort()).toEqual(['deliver', 'pump', 'tick'])
    expect(Object.keys(jobRegistry.work).sort()).toEqual([
      'export',
      'export-sweep',
      'participant-import',
      'retention-sweep',
      'rollup-fold',
    ])
    for (const defs of Object.values(jobRegistry))
      for (const [name, def] of Object.entries(defs)) expect(def.name).toBe(name)
  })
})
