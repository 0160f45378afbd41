import SwaggerParser from '@apidevtools/swagger-parser'
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
  return routes.filter((r) => r.includes(' /api/v1/') || / \/(healthz|readyz)$/.test(r)).map((r) => r.replace(/:(\w+)/g, '{$1}'))
}

describe('OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    expect(doc.openapi).toMatch(/^3\.1/)
    await expect(SwaggerParser.validate(structuredClone(doc) as never)).resolves.toBeTruthy()
  })

  it('lists every served API route', () => {
    const served = servedApiRoutes()
    expect(served.length).toBeGreaterThanOrEqual(30)
    const documented = Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`))
    expect(served.filter((r) => !documented.includes(r))).toEqual([])
    expect(documented.filter((r) => !served.includes(r))).toEqual([])
  })

  it('gives every route its request and response schemas', () => {
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const route = `${method.toUpperCase()} ${path}`
        const ok = Object.entries(op.responses).filter(([code]) => code.startsWith('2'))
        expect(ok.length, `${route} documents a success response`).toBeGreaterThan(0)
        // JSON, or the file format a download route declares (CSV)
        for (const [code, r] of ok) if (code !== '204') expect(r.content?.['application/json']?.schema ?? r.content?.['text/csv']?.schema, `${route} ${code} schema`).toBeTruthy()
        if (['post', 'put', 'patch'].includes(method) && !/(logout|revoke|publish)$/.test(path))
          expect(Object.values(op.requestBody?.content ?? {})[0]?.schema, `${route} body schema`).toBeTruthy()
        for (const param of path.match(/\{(\w+)\}/g) ?? [])
          expect(op.parameters?.some((p) => p.in === 'path' && `{${p.name}}` === param), `${route} ${param}`).toBe(true)
      }
    }
  })

  it('serves the interactive docs page', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/docs/' })
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toContain('text/html')
  })
})
