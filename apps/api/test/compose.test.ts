// Static checks of the container setup: docker-compose.yml, apps/api/Dockerfile and apps/api/.env.example
// against each other and against the config schema. No Docker needed; only files are read.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { loadConfig } from '../src/config.js'
import { WORKER_HEAP_MB } from '../src/jobs/worker-heap.js'

const ROOT = fileURLToPath(new URL('../../../', import.meta.url))
const read = (rel: string) => readFileSync(path.join(ROOT, rel), 'utf8')

type Service = {
  image?: string
  build?: string | { context?: string; dockerfile?: string }
  command?: string | string[]
  environment?: Record<string, string | number | boolean | null> | string[]
  ports?: (string | number | { target?: number; published?: string | number })[]
  volumes?: (string | { source?: string; target?: string; type?: string })[]
  depends_on?: string[] | Record<string, { condition?: string }>
  healthcheck?: { test?: string | string[] }
}
type Compose = { services?: Record<string, Service>; volumes?: Record<string, unknown> }

const compose = parse(read('docker-compose.yml'), { merge: true }) as Compose
const services = compose.services ?? {}

function service(name: string): Service {
  const s = services[name]
  if (!s) throw new Error(`docker-compose.yml has no service "${name}"`)
  return s
}

/** Compose accepts environment as a map or as a list of NAME=value; normalise to a map of strings. */
function env(name: string): Record<string, string> {
  const e = service(name).environment ?? {}
  if (Array.isArray(e)) {
    return Object.fromEntries(
      e.map((line) => {
        const i = line.indexOf('=')
        return i < 0 ? [line, ''] : [line.slice(0, i), line.slice(i + 1)]
      }),
    )
  }
  return Object.fromEntries(Object.entries(e).map(([k, v]) => [k, v == null ? '' : String(v)]))
}

const words = (v: string | string[] | undefined) => (Array.isArray(v) ? v.join(' ') : (v ?? ''))

function dependsOn(name: string): Record<string, string> {
  const d = service(name).depends_on ?? {}
  return Array.isArray(d)
    ? Object.fromEntries(d.map((n) => [n, 'service_started']))
    : Object.fromEntries(Object.entries(d).map(([k, v]) => [k, v.condition ?? 'service_started']))
}

/** Keys of `EnvSchema` in config.ts, read as text (the schema itself is not exported). */
function schemaKeys(): string[] {
  const source = read('apps/api/src/config.ts')
  const start = source.indexOf('const EnvSchema = z.object({')
  const end = source.indexOf('\n})', start)
  if (start < 0 || end < 0)
    throw new Error('apps/api/src/config.ts: no `const EnvSchema = z.object({ … })` block found')
  return [...source.slice(start, end).matchAll(/^ {2}([A-Z][A-Z0-9_]*)\s*:/gm)].map((m) => m[1]!)
}

const dockerfile = read('apps/api/Dockerfile')

describe('docker-compose.yml', () => {
  it('has the five services', () => {
    expect(Object.keys(services).sort()).toEqual(
      expect.arrayContaining(['api', 'mailpit', 'postgres', 'redis', 'worker']),
    )
  })

  it('postgres: pg_isready healthcheck and a declared named volume at the PostgreSQL 18 data root', () => {
    const pg = service('postgres')
    expect(pg.image).toMatch(/^postgres:18/)
    expect(words(pg.healthcheck?.test)).toContain('pg_isready')
    const volumes = (pg.volumes ?? []).map((v) =>
      typeof v === 'string' ? { source: v.split(':')[0], target: v.split(':')[1] } : v,
    )
    const data = volumes.find((v) => v.target?.replace(/\/$/, '') === '/var/lib/postgresql')
    expect(
      data,
      'postgres:18 keeps PGDATA under /var/lib/postgresql/18/docker; mount /var/lib/postgresql',
    ).toBeDefined()
    expect(data!.source).toMatch(/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/) // a named volume, not a bind path
    expect(Object.keys(compose.volumes ?? {})).toContain(data!.source)
    const pgEnv = env('postgres')
    for (const k of ['POSTGRES_USER', 'POSTGRES_PASSWORD', 'POSTGRES_DB']) expect(pgEnv[k], k).toBeTruthy()
  })

  it('redis: noeviction, append-only file, ping healthcheck', () => {
    const redis = service('redis')
    const cmd = words(redis.command)
    expect(cmd).toMatch(/--maxmemory-policy\s+noeviction/)
    expect(cmd).toMatch(/--appendonly\s+yes/)
    expect(words(redis.healthcheck?.test)).toMatch(/redis-cli\s+ping/)
  })

  it('mailpit: UI on 8025 and SMTP on 1025', () => {
    const ports = (service('mailpit').ports ?? []).map(String)
    expect(ports.some((p) => /(^|:)8025$/.test(p))).toBe(true)
    expect(ports.some((p) => /(^|:)1025$/.test(p))).toBe(true)
  })

  it('api: built from apps/api/Dockerfile, publishes 3000, talks to the compose services', () => {
    const api = service('api')
    expect(api.build).toMatchObject({ context: '.', dockerfile: 'apps/api/Dockerfile' })
    expect((api.ports ?? []).map(String)).toContain('3000:3000')
    const e = env('api')
    const db = new URL(e.DATABASE_URL!)
    expect(db.protocol).toBe('postgres:')
    expect(db.hostname).toBe('postgres')
    expect(db.pathname).toBe('/klantreis')
    const pgEnv = env('postgres')
    expect(decodeURIComponent(db.username)).toBe(pgEnv.POSTGRES_USER)
    expect(decodeURIComponent(db.password)).toBe(pgEnv.POSTGRES_PASSWORD)
    expect(db.pathname.slice(1)).toBe(pgEnv.POSTGRES_DB)
    expect(new URL(e.REDIS_URL!).hostname).toBe('redis')
    const smtp = new URL(e.SMTP_URL!)
    expect(smtp.hostname).toBe('mailpit')
    expect(smtp.port).toBe('1025')
    expect(e.HOST).toBe('0.0.0.0')
    expect(e.PORT).toBe('3000')
    expect(e.NODE_ENV).toBe('production')
    expect(e.RUN_WORKER).toBe('false')
    expect(dependsOn('api')).toMatchObject({ postgres: 'service_healthy', redis: 'service_healthy' })
    expect(words(api.healthcheck?.test)).toMatch(/fetch\(.*\/readyz/)
  })

  it('worker: same image, runs dist/worker.js with the same database and Redis', () => {
    const worker = service('worker')
    const api = service('api')
    expect(worker.image ?? worker.build).toEqual(api.image ?? api.build)
    expect(words(worker.command)).toBe(`node --max-old-space-size=${WORKER_HEAP_MB} apps/api/dist/worker.js`)
    const w = env('worker')
    const a = env('api')
    expect(w.DATABASE_URL).toBe(a.DATABASE_URL)
    expect(w.REDIS_URL).toBe(a.REDIS_URL)
    expect(w.SMTP_URL).toBe(a.SMTP_URL)
    // the worker writes exports under DATA_DIR and the API serves them: one named volume for both
    const dataMount = (name: string) =>
      (service(name).volumes ?? [])
        .map(String)
        .find((v) => v.endsWith(':/app/.data'))
        ?.split(':')[0]
    expect(dataMount('worker')).toBeDefined()
    expect(dataMount('worker')).toBe(dataMount('api'))
    expect(Object.keys(compose.volumes ?? {})).toContain(dataMount('api'))
    expect(dependsOn('worker')).toMatchObject({
      postgres: 'service_healthy',
      redis: 'service_healthy',
      api: 'service_started',
    })
  })
})

describe('configuration names', () => {
  const keys = schemaKeys()

  it('extracts the config schema keys', () => {
    expect(keys).toEqual(
      expect.arrayContaining(['NODE_ENV', 'DATABASE_URL', 'REDIS_URL', 'SMTP_URL', 'HOST', 'PORT', 'RUN_WORKER']),
    )
    expect(new Set(keys).size).toBe(keys.length)
  })

  it('compose sets only variables the API reads', () => {
    for (const name of ['api', 'worker']) {
      const unknown = Object.keys(env(name)).filter((k) => !keys.includes(k))
      expect(unknown, `${name} environment names not in EnvSchema`).toEqual([])
    }
  })

  it('the compose environment passes the config schema', () => {
    for (const name of ['api', 'worker']) {
      const config = loadConfig(env(name))
      expect(config.embeddedDatabase, name).toBe(false)
      expect(config.queueBackend, name).toBe('redis')
      expect(config.RUN_WORKER, name).toBe(false)
    }
  })

  it('apps/api/.env.example documents every variable, each with a comment line above it', () => {
    const lines = read('apps/api/.env.example').split('\n')
    const missing: string[] = []
    for (const key of keys) {
      const i = lines.findIndex((l) => new RegExp(`^#?\\s*${key}=`).test(l))
      if (i < 0) missing.push(key)
      else expect(lines[i - 1], `comment above ${key}`).toMatch(/^#\s+\S/)
    }
    expect(missing).toEqual([])
    const documented = lines.map((l) => /^#?\s*([A-Z][A-Z0-9_]*)=/.exec(l)?.[1]).filter((k): k is string => !!k)
    expect(
      documented.filter((k) => !keys.includes(k)),
      'names in .env.example unknown to EnvSchema',
    ).toEqual([])
  })
})

describe('apps/api/Dockerfile', () => {
  it('builds on node:20-bookworm-slim in stages and runs as node', () => {
    expect(dockerfile).toMatch(/^ARG NODE_IMAGE=node:20-bookworm-slim$/m)
    expect(dockerfile.match(/^FROM\s+\S+\s+AS\s+\w+/gim)?.length).toBeGreaterThanOrEqual(2)
    expect(dockerfile).toMatch(/^RUN npm ci\b/m)
    expect(dockerfile).toMatch(/^RUN npm run build$/m)
    expect(dockerfile).toMatch(/^RUN npm ci --omit=dev\b/m)
    expect(dockerfile).toMatch(/^USER node$/m)
  })

  it('default command and copied paths match the build output and the compose worker', () => {
    expect(dockerfile).toMatch(/^CMD \["node", "apps\/api\/dist\/server\.js"\]$/m)
    for (const dir of ['packages/shared/dist', 'apps/api/dist', 'apps/analyst/dist', 'apps/respondent/dist']) {
      expect(dockerfile, dir).toMatch(new RegExp(`^COPY --from=build /app/${dir} ${dir}$`, 'm'))
    }
    expect(dockerfile).toMatch(/^COPY migrations migrations$/m)
    // dist/server.js and dist/worker.js come from src/ via tsconfig.build.json
    const build = JSON.parse(read('apps/api/tsconfig.build.json')) as {
      compilerOptions?: { rootDir?: string; outDir?: string }
    }
    expect(build.compilerOptions).toMatchObject({ rootDir: 'src', outDir: 'dist' })
    expect(existsSync(path.join(ROOT, 'apps/api/src/server.ts'))).toBe(true)
    expect(existsSync(path.join(ROOT, 'apps/api/src/worker.ts'))).toBe(true)
    const pkg = JSON.parse(read('apps/api/package.json')) as { scripts: Record<string, string> }
    expect(pkg.scripts.start).toBe('node dist/server.js')
    expect(pkg.scripts['start:worker']).toBe(`node --max-old-space-size=${WORKER_HEAP_MB} dist/worker.js`)
    expect(readdirSync(path.join(ROOT, 'migrations')).some((f) => f.endsWith('.sql'))).toBe(true)
    // The API finds apps/*/dist and migrations/ three levels above apps/api/dist, i.e. /app in the image.
    expect(read('apps/api/src/config.ts')).toMatch(
      /REPO_ROOT = path\.resolve\(path\.dirname\(fileURLToPath\(import\.meta\.url\)\), '\.\.\/\.\.\/\.\.'\)/,
    )
    expect(dockerfile).toMatch(/^WORKDIR \/app$/m)
  })

  it('the build context leaves out node_modules and dist', () => {
    const ignore = read('apps/api/Dockerfile.dockerignore')
      .split('\n')
      .map((l) => l.trim())
    expect(ignore).toEqual(expect.arrayContaining(['**/node_modules', '**/dist']))
  })
})
