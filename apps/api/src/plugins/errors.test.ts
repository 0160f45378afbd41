import { describe, expect, it } from 'vitest'
import { isUnavailable } from './errors.js'

describe('isUnavailable', () => {
  it('knows a transaction whose server went away: its ROLLBACK fails on the broken client, and that error is thrown', () => {
    expect(isUnavailable(new Error('Client has encountered a connection error and is not queryable'))).toBe(true)
    expect(isUnavailable(new Error('Client was closed and is not queryable'))).toBe(true)
    expect(
      isUnavailable(
        Object.assign(new Error('terminating connection due to immediate shutdown command'), { code: '57P01' }),
      ),
    ).toBe(true)
  })

  it('leaves a request that is wrong a request that is wrong', () => {
    expect(
      isUnavailable(Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505' })),
    ).toBe(false)
    expect(isUnavailable(new Error('Cannot read properties of undefined'))).toBe(false)
  })
})
