import fs from 'node:fs'
import path from 'node:path'
import SwaggerParser from '@apidevtools/swagger-parser'
import { REPO_ROOT } from '../src/config.js'
import { FRAMEWORK_CODES } from '../src/plugins/errors.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from './build-test-app.js'

let t: TestApp
let doc: { openapi: string; paths: Record<string, Record<string, Operation>> }
type Operation = {
  requestBody?: { content: Record<string, { schema: object }> }
  responses: Record<string, { content?: Record<string, { schema: object }> }>
  parameters?: { in: string; name: string }[]
}

beforeAll(async () => {
  t = await buildTestApp()
  const res = await t.app.inject({ method: 'GET', url: '/api/docs/json' })
  expect(res.statusCode).toBe(200)
  doc = res.json()
})
afterAll(() => t.close())

/** Every API route Fastify actually serves, read from its route tree (so a route cannot hide from the check). */
function servedApiRoutes() {
  const stack: string[] = []
  const routes: string[] = []
  for (const line of t.app.printRoutes({ commonPrefix: false }).split('\n')) {
    const m = /^([│ ├└─]*)(\S.*?) \(([A-Z, ]+)\)$/.exec(line)
    if (!m) continue
    const depth = m[1]!.length / 4
    stack.length = depth
    // the tree is a radix tree: each line continues its parent's path string as is ("r" + "eadyz")
    stack[depth] = m[2]!
    const full = stack.join('')
    for (const method of m[3]!.split(', ')) if (method !== 'HEAD') routes.push(`${method} ${full}`)
  }
  return routes
    .filter((r) => r.includes(' /api/v1/') || / \/(healthz|readyz)$/.test(r))
    .map((r) => r.replace(/:(\w+)/g, '{$1}'))
}

describe('OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    expect(doc.openapi).toMatch(/^3\.1/)
    await expect(SwaggerParser.validate(structuredClone(doc) as never)).resolves.toBeTruthy()
  })

  it('lists every served API route', () => {
    const served = servedApiRoutes()
    expect(served.length).toBeGreaterThanOrEqual(30)
    const documented = Object.entries(doc.paths).flatMap(([p, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`),
    )
    expect(served.filter((r) => !documented.includes(r))).toEqual([])
    expect(documented.filter((r) => !served.includes(r))).toEqual([])
  })

  it('gives every route its request and response schemas', () => {
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const route = `${method.toUpperCase()} ${path}`
        const ok = Object.entries(op.responses).filter(([code]) => code.startsWith('2'))
        expect(ok.length, `${route} documents a success response`).toBeGreaterThan(0)
        // JSON, or the file format a download route declares (CSV, ZIP)
        for (const [code, r] of ok)
          if (code !== '204')
            expect(
              r.content?.['application/json']?.schema ??
                r.content?.['text/csv']?.schema ??
                r.content?.['application/zip']?.schema,
              `${route} ${code} schema`,
            ).toBeTruthy()
        if (['post', 'put', 'patch'].includes(method) && !/(logout|revoke|publish)$/.test(path))
          expect(Object.values(op.requestBody?.content ?? {})[0]?.schema, `${route} body schema`).toBeTruthy()
        for (const param of path.match(/\{(\w+)\}/g) ?? [])
          expect(
            op.parameters?.some((p) => p.in === 'path' && `{${p.name}}` === param),
            `${route} ${param}`,
          ).toBe(true)
      }
    }
  })

  it('serves the interactive docs page', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/docs/' })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toContain('text/html')
  })
})

/** Every code the API can answer with: its error classes (constructed), and the codes its source writes out. */
async function codesTheApiSends() {
  const src = path.join(REPO_ROOT, 'apps/api/src')
  const files = fs
    .readdirSync(src, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
  const codes = new Map<string, string>()
  for (const f of files.filter((x) => x.endsWith('.errors.ts') || x === path.join('lib', 'errors.ts'))) {
    const mod = (await import(path.join(src, f))) as Record<string, unknown>
    for (const [name, value] of Object.entries(mod)) {
      if (typeof value !== 'function' || name === 'defineError') continue
      const code = (new (value as new (...a: unknown[]) => { code?: unknown })([]) as { code?: unknown }).code
      if (typeof code === 'string') codes.set(code, `${f} ${name}`)
    }
  }
  for (const code of Object.values(FRAMEWORK_CODES)) codes.set(code, 'plugins/errors.ts FRAMEWORK_CODES')
  // codes written out where an answer is built by hand (the error plugin, health, the rate limiter, a 409 with its entry)
  for (const f of files.filter((x) => x === 'app.ts' || /^(plugins|routes)\//.test(x) || x.endsWith('.routes.ts'))) {
    const text = fs.readFileSync(path.join(src, f), 'utf8')
    for (const m of text.matchAll(/code: '([A-Z][A-Z_]+)'|body\(request, \d+, '([A-Z][A-Z_]+)'|\?\? '([A-Z][A-Z_]+)'/g))
      codes.set(m[1] ?? m[2] ?? m[3]!, f)
  }
  return codes
}

describe('error codes', () => {
  it('every code the API sends is declared in the contract, as the OpenAPI document lists it', async () => {
    // the error shape wherever the document spells it out (inline in each response, or as a component)
    const lists: string[][] = []
    const walk = (node: unknown): void => {
      if (!node || typeof node !== 'object') return
      const code = (node as { properties?: { code?: { enum?: unknown } } }).properties?.code?.enum
      if (Array.isArray(code) && code.includes('VALIDATION_FAILED')) lists.push(code as string[])
      for (const v of Object.values(node)) walk(v)
    }
    walk(doc)
    const listed = lists[0]
    expect(lists.length).toBeGreaterThan(0)
    for (const l of lists) expect(l).toEqual(listed)
    expect(listed, 'the error shape in the OpenAPI document lists its codes').toBeDefined()
    const sent = await codesTheApiSends()
    expect(sent.size).toBeGreaterThanOrEqual(50)
    const undeclared = [...sent]
      .filter(([code]) => !listed!.includes(code))
      .map(([code, where]) => `${code} (${where})`)
    expect(undeclared).toEqual([])
    // and the list holds no code the API never sends: a client switching on one would wait forever
    expect(listed!.filter((code) => !sent.has(code))).toEqual([])
  })
})
