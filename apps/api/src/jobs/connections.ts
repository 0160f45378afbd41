import {
  type BackendClasses,
  createPostgresBackend,
  createRedisBackend,
  PostgresConnection,
  PostgresQueueBackend,
  withBackend,
} from 'bullmq'
import { Redis, type RedisOptions } from 'ioredis'
import { GuardedClient } from '../db/guarded-client.js'

// BullMQ's classes are generic over their backend, and the rest of the code uses its Queue and Worker
// types, whose defaults name the Redis backend; which backend is bound is known only at run time.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the one place the backend type is erased
type BoundClasses = BackendClasses<any, any>

export type QueueConnection = {
  backend: 'redis' | 'postgres'
  classes: BoundClasses
  /** Redis key prefix or PostgreSQL schema: lets several deployments share one server. */
  prefix: string
  /** Producer options: fail fast so an outage turns into a 503, not a hung request. */
  producer: () => { connection: unknown; prefix?: string }
  /** Worker options: blocking commands must never give up. */
  worker: () => { connection: unknown; prefix?: string; runRetryDelay: number }
  close: () => Promise<void>
}

/**
 * How long a worker whose store failed waits before its fetch loop tries again (BullMQ's default is
 * 15 s). A close waits that pause out, so after a database or Redis restart the workers would both
 * resume late and hold up a Ctrl-C for up to 15 s.
 */
const RUN_RETRY_DELAY_MS = 2000

/**
 * BullMQ 6.7's PostgreSQL backend memoizes its readiness check (the connection's bootstrap and the
 * backend's `waitUntilReady`) even when it fails: once PostgreSQL was away at that moment (a start
 * before the database, a restart mid-setup), every later call is refused at once, for good, and a
 * worker's fetch loop spins on the refusal. Upstream fixed the same for the LISTEN connection only
 * (taskforcesh/bullmq#4781). Until it does this too: remember a readiness check only once it has
 * succeeded, so the next call tries again. `jobs/connections.int.test.ts` fails if this stops
 * applying (a renamed field would make it a silent no-op).
 */
function retryFailedReadiness(proto: { waitUntilReady: () => Promise<unknown> }) {
  const original = proto.waitUntilReady
  proto.waitUntilReady = function (this: { readyPromise?: Promise<unknown> }) {
    const result = original.call(this)
    const memo = this.readyPromise
    memo?.catch(() => {
      if (this.readyPromise === memo) this.readyPromise = undefined
    })
    return result
  }
}
retryFailedReadiness(PostgresConnection.prototype)
retryFailedReadiness(PostgresQueueBackend.prototype)

/**
 * Both backends are BullMQ's own; one Queue/Worker code path, the backend chosen here once.
 * `withBackend` binds the classes per connection rather than process-wide, so the API process,
 * the worker and the tests can hold either backend side by side.
 */
export function createQueueConnection(cfg: {
  REDIS_URL?: string
  DATABASE_URL: string
  QUEUE_PREFIX: string
}): QueueConnection {
  if (cfg.REDIS_URL) {
    const url = cfg.REDIS_URL
    const clients: Redis[] = []
    const make = (opts: RedisOptions) => {
      const c = new Redis(url, opts)
      c.on('error', () => {}) // surfaced through the Queue/Worker 'error' events and /readyz
      clients.push(c)
      return c
    }
    return {
      backend: 'redis',
      prefix: cfg.QUEUE_PREFIX,
      classes: withBackend(createRedisBackend) as BoundClasses,
      producer: () => ({
        connection: make({ enableOfflineQueue: false, maxRetriesPerRequest: 1 }),
        prefix: cfg.QUEUE_PREFIX,
      }),
      worker: () => ({
        connection: make({ maxRetriesPerRequest: null }),
        prefix: cfg.QUEUE_PREFIX,
        runRetryDelay: RUN_RETRY_DELAY_MS,
      }),
      close: async () => {
        await Promise.all(clients.map((c) => c.quit().catch(() => c.disconnect())))
      },
    }
  }
  const conn = {
    connectionString: cfg.DATABASE_URL,
    migrate: true,
    max: 5,
    schema: cfg.QUEUE_PREFIX,
    Client: GuardedClient,
  }
  return {
    backend: 'postgres',
    prefix: cfg.QUEUE_PREFIX,
    classes: withBackend(createPostgresBackend) as BoundClasses,
    producer: () => ({ connection: conn }),
    worker: () => ({ connection: conn, runRetryDelay: RUN_RETRY_DELAY_MS }),
    close: async () => {},
  }
}

/** Production Redis must not evict BullMQ's keys: an evicted job is a lost email. */
export function redisPolicyProblem(
  policy: string,
  cfg: { NODE_ENV: string; ALLOW_REDIS_EVICTION: boolean },
): string | undefined {
  if (policy === 'noeviction' || cfg.NODE_ENV !== 'production' || cfg.ALLOW_REDIS_EVICTION) return undefined
  return `REDIS_URL: Redis maxmemory-policy is "${policy}"; BullMQ needs "noeviction" or queued mail can vanish (ALLOW_REDIS_EVICTION=true overrides for development)`
}

export async function readRedisEvictionPolicy(url: string) {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, enableOfflineQueue: false })
  client.on('error', () => {})
  try {
    await client.connect()
    const res = (await client.config('GET', 'maxmemory-policy')) as string[]
    return res[1] ?? 'unknown'
  } finally {
    client.disconnect()
  }
}
