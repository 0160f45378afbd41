import { describe, expect, it } from 'vitest'
import { redisPolicyProblem } from './connections.js'

describe('Redis eviction policy at start-up', () => {
  it('refuses an evicting Redis in production, naming the variable and the override', () => {
    const msg = redisPolicyProblem('allkeys-lru', { NODE_ENV: 'production', ALLOW_REDIS_EVICTION: false })
    expect(msg).toContain('REDIS_URL')
    expect(msg).toContain('allkeys-lru')
    expect(msg).toContain('ALLOW_REDIS_EVICTION')
  })
  it('accepts noeviction, development, and the explicit override', () => {
    expect(redisPolicyProblem('noeviction', { NODE_ENV: 'production', ALLOW_REDIS_EVICTION: false })).toBeUndefined()
    expect(redisPolicyProblem('allkeys-lru', { NODE_ENV: 'development', ALLOW_REDIS_EVICTION: false })).toBeUndefined()
    expect(redisPolicyProblem('allkeys-lru', { NODE_ENV: 'production', ALLOW_REDIS_EVICTION: true })).toBeUndefined()
  })
})
