// The bad-input table: every write route in the OpenAPI document gets text PostgreSQL cannot store
// (NUL, lone surrogates), bytes that are not UTF-8, absurd numbers, absurd nesting, the wrong
// content type and an oversized body; every list route gets forged cursors and NULs in its query.
// Each must answer 4xx in the one error shape, naming the field where there is one: never a 500.
import { randomUUID } from 'node:crypto'
import { ApiErrorSchema } from '@klantreis/shared/common'
import type { LightMyRequestResponse } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { encodeCursor } from '../src/lib/pagination.js'
import { buildTestApp, type Client, login, type TestApp } from './build-test-app.js'
import { makeMember, makeOrganization, makeStudyWithModel } from './factories.js'
import { bodyFor, fill, type StudyIds } from './route-matrix.js'

type Op = { parameters?: { in: string; name: string }[]; requestBody?: { content: Record<string, unknown> } }
type Route = { method: string; path: string; op: Op }

let t: TestApp
let alice: Client
let ids: StudyIds
let participantCookie: string
let anonymousCookie: string
let routes: Route[]
const tried = { routes: 0, inputs: 0 }

beforeAll(async () => {
  t = await buildTestApp()
  const org = await makeOrganization(t.db)
  const owner = await makeMember(t.db, org.id, 'owner')
  alice = await login(t.app, owner.email, owner.password)
  ids = await makeStudyWithModel(t.db, org.id)
  // open, so that an answer is checked against its question rather than refused as closed
  await t.db.updateTable('survey').set({ status: 'open' }).where('id', '=', ids.surveyId).execute()
  const { link } = (
    await alice.post(`/api/v1/studies/${ids.studyId}/participants/${ids.participantId}/link`, {})
  ).json()
  const opened = await t.app.inject({ method: 'GET', url: new URL(link).pathname })
  participantCookie = `kr_participant=${opened.cookies.find((c) => c.name === 'kr_participant')!.value}`
  const consent = await t.app.inject({
    method: 'POST',
    url: '/api/v1/respondent/consent',
    headers: { cookie: participantCookie, 'x-requested-with': 'klantreis' },
    payload: { version: 1 },
  })
  expect(consent.statusCode).toBe(200)
  const anon = (await alice.post(`/api/v1/studies/${ids.studyId}/surveys/${ids.surveyId}/anonymous-links`, {})).json()
  const openedAnon = await t.app.inject({ method: 'GET', url: new URL(anon.link).pathname })
  anonymousCookie = openedAnon.cookies.map((c) => `${c.name}=${c.value}`).join('; ')
  const doc = t.app.swagger() as { paths: Record<string, Record<string, Op>> }
  routes = Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([m, op]) => ({ method: m.toUpperCase(), path, op })),
  )
})
afterAll(async () => {
  process.stdout.write(
    `[bad input] ${tried.inputs} bad inputs on ${tried.routes} routes: every one answered 4xx in the error shape\n`,
  )
  await t.close()
})

const audience = (path: string) =>
  path.startsWith('/api/v1/respondent')
    ? 'respondent'
    : path.startsWith('/api/v1/anonymous')
      ? 'anonymous'
      : path.startsWith('/api/v1/auth/') && !/logout|switch/.test(path)
        ? 'public'
        : 'analyst'

/** The same headers the real clients send, so that only the input can be refused. */
function headersFor(path: string): Record<string, string> {
  switch (audience(path)) {
    case 'respondent':
      return { cookie: participantCookie, 'x-requested-with': 'klantreis' }
    case 'anonymous':
      return { cookie: anonymousCookie, 'x-requested-with': 'klantreis' }
    case 'public':
      return {}
    default:
      return { cookie: alice.cookie, 'x-csrf-token': alice.me.csrfToken }
  }
}

const fillAll = (path: string) =>
  fill(path.replace('/anonymous/responses/{responseId}', `/anonymous/responses/${randomUUID()}`), ids)
    .replace('{entryId}', randomUUID())
    .replace('{userId}', alice.me.user.id)
    .replace('{invitationId}', randomUUID())

/** Valid bodies for the writes outside a study, beside the study matrix's. */
function validBody(method: string, path: string): unknown {
  const outside: Record<string, unknown> = {
    'POST /api/v1/auth/login': { email: 'nobody@example.com', password: 'whatever' },
    'POST /api/v1/auth/invitations/preview': { token: 'x'.repeat(43) },
    'POST /api/v1/auth/invitations/accept': { token: 'x'.repeat(43), name: 'New', password: 'long enough password' },
    'POST /api/v1/auth/switch-organization': { organizationId: randomUUID() },
    'PATCH /api/v1/members/{userId}': { role: 'owner' },
    'PUT /api/v1/members/{userId}/studies': { studyIds: [ids.studyId] },
    'POST /api/v1/invitations': { email: 'new@example.com', role: 'viewer' },
    'PUT /api/v1/organization/settings': { retentionMonths: 12 },
    'POST /api/v1/studies': { title: 'A study', goal: 'Learn' },
    'PATCH /api/v1/respondent/me': { language: 'en' },
    'POST /api/v1/respondent/consent': { version: 1 },
    'POST /api/v1/respondent/me/removal-request': {},
    'PUT /api/v1/respondent/entries/{entryId}': {
      occurredAt: new Date().toISOString(),
      touchpointId: ids.touchpointIds[0],
      text: 'The parcel was late',
      emotion: -2,
      valence: 'pain',
    },
    'PUT /api/v1/respondent/surveys/{surveyId}/responses/{responseId}': {
      version: 1,
      answers: { nps: 7 },
      complete: false,
    },
    'PUT /api/v1/anonymous/responses/{responseId}': { version: 1, answers: { nps: 7 }, complete: false },
  }
  return `${method} ${path}` in outside ? outside[`${method} ${path}`] : bodyFor(method, path, ids)
}

/** Every string and number in a body, with its path and a setter for a changed copy. */
function leaves(
  body: unknown,
  path = 'body',
): { path: string; value: string | number; with: (v: unknown) => unknown }[] {
  if (typeof body === 'string' || typeof body === 'number') return [{ path, value: body, with: (v) => v }]
  if (Array.isArray(body))
    return body.flatMap((item, i) =>
      leaves(item, `${path}.${i}`).map((l) => ({
        ...l,
        with: (v: unknown) => body.map((x, j) => (j === i ? l.with(v) : x)),
      })),
    )
  if (body && typeof body === 'object')
    return Object.entries(body).flatMap(([k, item]) =>
      leaves(item, `${path}.${k}`).map((l) => ({ ...l, with: (v: unknown) => ({ ...body, [k]: l.with(v) }) })),
    )
  return []
}

function send(
  method: string,
  path: string,
  payload: string | Buffer,
  contentType = 'application/json',
  extra: Record<string, string> = {},
) {
  tried.inputs++
  return t.app.inject({
    method: method as 'POST',
    url: fillAll(path),
    // each from its own address: the per-address limits of the public routes are not what is tested
    remoteAddress: `10.${(tried.inputs >> 16) & 255}.${(tried.inputs >> 8) & 255}.${tried.inputs & 255}`,
    headers: { ...headersFor(path), 'content-type': contentType, ...extra },
    payload,
  })
}

/** 4xx in the error shape; with a field, a 400 that names it. */
function refused(res: LightMyRequestResponse, what: string, field?: string) {
  expect({ what, status: res.statusCode }).toEqual({ what, status: expect.any(Number) })
  expect(res.statusCode, `${what}: ${res.body}`).toBeGreaterThanOrEqual(400)
  expect(res.statusCode, `${what}: ${res.body}`).toBeLessThan(500)
  const err = ApiErrorSchema.parse(res.json())
  if (field) {
    expect(res.statusCode, `${what}: ${res.body}`).toBe(400)
    // the field, or a part of it (nesting too deep names where it went too deep)
    expect(
      err.details?.some((d) => d.path === field || d.path.startsWith(`${field}.`)),
      `${what}: ${res.body}`,
    ).toBe(true)
  }
  return err
}

const jsonWrites = () => routes.filter((r) => r.method !== 'GET' && r.op.requestBody?.content['application/json'])

describe('every write route refuses bad input with 4xx naming the field', () => {
  it('covers the write routes of the OpenAPI document', () => {
    expect(jsonWrites().length).toBeGreaterThanOrEqual(40)
  })

  it('text PostgreSQL cannot store, in every string of a valid body', async () => {
    for (const { method, path } of jsonWrites()) {
      tried.routes++
      const body = validBody(method, path)
      for (const leaf of leaves(body).filter((l) => typeof l.value === 'string')) {
        for (const [name, bad] of [
          ['NUL', `${leaf.value}\u0000x`],
          ['lone surrogate', `${leaf.value}\ud800`],
          ['lone low surrogate', `\udc00${leaf.value}`],
        ] as const) {
          const res = await send(method, path, JSON.stringify(leaf.with(bad)))
          refused(res, `${method} ${path} ${leaf.path} with a ${name}`, leaf.path)
        }
      }
      // and in a key
      const res = await send(
        method,
        path,
        JSON.stringify({ ...(typeof body === 'object' ? body : {}), ['bad\u0000key']: 1 }),
      )
      refused(res, `${method} ${path} NUL in a key`, 'body."bad\\u0000key"')
    }
  })

  it('absurd numbers in every number of a valid body', async () => {
    for (const { method, path } of jsonWrites()) {
      for (const leaf of leaves(validBody(method, path)).filter((l) => typeof l.value === 'number')) {
        for (const bad of [1e20, -1e20]) {
          const res = await send(method, path, JSON.stringify(leaf.with(bad)))
          refused(res, `${method} ${path} ${leaf.path} = ${bad}`, leaf.path)
        }
        // beyond a double: JSON.parse makes it Infinity
        const res = await send(method, path, JSON.stringify(leaf.with(987654321987)).replace('987654321987', '1e400'))
        refused(res, `${method} ${path} ${leaf.path} = 1e400`, leaf.path)
      }
    }
  })

  it('bytes that are not UTF-8, deep nesting, the wrong content type and a body that is too large', async () => {
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`
    for (const { method, path } of jsonWrites()) {
      const body = JSON.stringify(validBody(method, path))
      const invalidUtf8 = Buffer.concat([
        Buffer.from(body.slice(0, -1)),
        Buffer.from(',"x":"'),
        Buffer.from([0xc3, 0x28, 0xff]),
        Buffer.from('"}'),
      ])
      refused(await send(method, path, invalidUtf8), `${method} ${path} invalid UTF-8`, 'body')
      refused(await send(method, path, deep), `${method} ${path} nested 5000 deep`, 'body')
      refused(
        await send(method, path, JSON.stringify({ a: JSON.parse(`${'{"a":'.repeat(100)}1${'}'.repeat(100)}`) })),
        `${method} ${path} objects nested 100 deep`,
      )
      const media = refused(await send(method, path, 'hello', 'text/plain'), `${method} ${path} text/plain`)
      expect(media.code).toBe('UNSUPPORTED_MEDIA_TYPE')
      const large = refused(
        await send(method, path, JSON.stringify({ text: 'x'.repeat(1100 * 1024) })),
        `${method} ${path} 1.1 MB`,
      )
      expect(large.code).toBe('BODY_TOO_LARGE')
      refused(await send(method, path, '{"truncated": '), `${method} ${path} malformed JSON`)
    }
  })
})

describe('every write route that takes a file refuses the wrong file', () => {
  const fileWrites = () =>
    routes.filter((r) => r.method !== 'GET' && r.op.requestBody && !r.op.requestBody.content['application/json'])

  it('CSV that is not UTF-8 or holds a NUL, JSON where a file belongs, and files over the limit', async () => {
    expect(
      fileWrites()
        .map((r) => `${r.method} ${r.path}`)
        .sort(),
    ).toEqual([
      'POST /api/v1/respondent/photos',
      'POST /api/v1/studies/{studyId}/codebook.csv',
      'POST /api/v1/studies/{studyId}/participants/import',
    ])
    for (const { method, path, op } of fileWrites()) {
      tried.routes++
      const type = Object.keys(op.requestBody!.content)[0]!
      const media = refused(await send(method, path, '{"a":1}'), `${method} ${path} JSON instead of ${type}`)
      expect(media.code).toBe('UNSUPPORTED_MEDIA_TYPE')
      const large = refused(
        await send(method, path, Buffer.alloc(12 * 1024 * 1024, 0x41), type),
        `${method} ${path} 12 MB of ${type}`,
      )
      expect(large.code).toBe('BODY_TOO_LARGE')
      if (type === 'text/csv') {
        refused(
          await send(
            method,
            path,
            Buffer.concat([Buffer.from('email,name\nx@example.com,'), Buffer.from([0xff, 0xfe]), Buffer.from('\n')]),
            type,
          ),
          `${method} ${path} CSV not UTF-8`,
          'body',
        )
        refused(
          await send(method, path, 'email,name\nx@example.com,A\u0000B\n', type),
          `${method} ${path} CSV with a NUL`,
          'body',
        )
      } else {
        // bytes that are no image of the type they claim
        refused(await send(method, path, Buffer.from('not an image at all'), type), `${method} ${path} not a ${type}`)
      }
    }
  })
})

describe('every list route refuses forged cursors and unstorable query text', () => {
  const lists = () =>
    routes.filter((r) => r.method === 'GET' && r.op.parameters?.some((p) => p.in === 'query' && p.name === 'cursor'))

  it('answers 400 naming the cursor, never a cast error', async () => {
    expect(lists().length).toBeGreaterThanOrEqual(9)
    const forged = [
      encodeCursor(['not a time', randomUUID()]),
      encodeCursor(['2026-02-30 10:00:00+00', randomUUID()]),
      encodeCursor(['2026-11-22 10:00:00+00', 'not-a-uuid']),
      encodeCursor([1e12, randomUUID()]),
      encodeCursor(['2026-11-22 10:00:00+00', 'x\u0000']),
      encodeCursor([1, 2, 3]),
      'not base64 at all %%%',
    ]
    for (const { path } of lists()) {
      tried.routes++
      for (const cursor of forged) {
        tried.inputs++
        const url = fillAll(path)
        const res = await t.app.inject({
          method: 'GET',
          url: `${url}${url.includes('?') ? '&' : '?'}cursor=${encodeURIComponent(cursor)}`,
          headers: headersFor(path),
        })
        refused(res, `GET ${path} cursor ${cursor}`)
        expect(res.statusCode, `GET ${path} cursor ${cursor}`).toBe(400)
      }
    }
  })

  it('answers 400 naming the query parameter that holds a NUL or a lone surrogate', async () => {
    for (const { path, op } of routes.filter((r) => r.method === 'GET')) {
      for (const p of op.parameters?.filter((x) => x.in === 'query') ?? []) {
        for (const bad of ['%00', '%ED%A0%80']) {
          tried.inputs++
          const url = fillAll(path)
          const res = await t.app.inject({
            method: 'GET',
            url: `${url}${url.includes('?') ? '&' : '?'}${p.name}=a${bad}`,
            headers: headersFor(path),
          })
          refused(res, `GET ${path} ?${p.name}=a${bad}`)
          expect(res.statusCode).toBe(400)
        }
      }
    }
  })
})
