import { ApiErrorSchema } from '@klantreis/shared/common'
import { ParticipantPageSchema, ParticipantSchema } from '@klantreis/shared/participants'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type Client, login, type TestApp } from '../../../test/build-test-app.js'
import { makeMember, makeOrganization, makeStudyWithModel } from '../../../test/factories.js'

let t: TestApp
let researcher: Client
let viewer: Client
let model: Awaited<ReturnType<typeof makeStudyWithModel>>

beforeAll(async () => {
  t = await buildTestApp()
  const org = await makeOrganization(t.db)
  const r = await makeMember(t.db, org.id, 'researcher')
  const o = await makeMember(t.db, org.id, 'viewer')
  researcher = await login(t.app, r.email, r.password)
  viewer = await login(t.app, o.email, o.password)
  model = await makeStudyWithModel(t.db, org.id)
})
afterAll(() => t.close())

const base = () => `/api/v1/studies/${model.studyId}/participants`
const stored = (id: string) =>
  t.db.selectFrom('participant').select('segments').where('id', '=', id).executeTakeFirstOrThrow()

describe('participant segments', () => {
  it('are stored on create, trimmed, and come back in the detail and the list', async () => {
    const res = await researcher.post(base(), {
      email: 'seg-new@example.com',
      name: 'Sam',
      segments: { ' customerType ': ' new ', region: 'north' },
    })
    expect(res.statusCode).toBe(201)
    const p = ParticipantSchema.parse(res.json())
    expect(p.segments).toEqual({ customerType: 'new', region: 'north' })
    expect(await stored(p.id)).toEqual({ segments: { customerType: 'new', region: 'north' } })
    expect(ParticipantSchema.parse((await researcher.get(`${base()}/${p.id}`)).json()).segments).toEqual({
      customerType: 'new',
      region: 'north',
    })
    const page = ParticipantPageSchema.parse((await researcher.get(base())).json())
    expect(page.items.find((i) => i.id === p.id)!.segments).toEqual({ customerType: 'new', region: 'north' })
  })

  it('default to none', async () => {
    const p = ParticipantSchema.parse((await researcher.post(base(), { email: 'seg-none@example.com' })).json())
    expect(p.segments).toEqual({})
  })

  it.each([
    ['a name with a colon', { 'customer:type': 'new' }, 'body.segments.customer:type', "no ':'"],
    ['an empty value', { customerType: '   ' }, 'body.segments.customerType', ''],
    ['a value that is not text', { customerType: 3 }, 'body.segments.customerType', ''],
    ['a value over 200 characters', { customerType: 'x'.repeat(201) }, 'body.segments.customerType', ''],
    ['a name over 60 characters', { ['k'.repeat(61)]: 'x' }, `body.segments.${'k'.repeat(61)}`, ''],
    [
      'more than 20 attributes',
      Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`k${i}`, 'v'])),
      'body.segments',
      'at most 20',
    ],
    ['a list instead of names and values', ['new'], 'body.segments', ''],
  ])('%s is a 400 that names the field', async (_what, segments, path, message) => {
    const res = await researcher.post(base(), { email: 'seg-bad@example.com', segments })
    expect(res.statusCode).toBe(400)
    const err = ApiErrorSchema.parse(res.json())
    expect(err.code).toBe('VALIDATION_FAILED')
    expect(err.details).toContainEqual({ path, message: expect.stringContaining(message) })
    expect(
      await t.db.selectFrom('participant').select('id').where('email', '=', 'seg-bad@example.com').executeTakeFirst(),
    ).toBeUndefined()
  })

  it('are replaced as a whole by an update, which leaves unsent fields alone', async () => {
    const p = ParticipantSchema.parse(
      (
        await researcher.post(base(), {
          email: 'seg-edit@example.com',
          name: 'Eva',
          externalRef: 'crm-9',
          segments: { customerType: 'new', region: 'north' },
        })
      ).json(),
    )
    const res = await researcher.patch(`${base()}/${p.id}`, { segments: { customerType: 'returning' } })
    expect(res.statusCode).toBe(200)
    const updated = ParticipantSchema.parse(res.json())
    expect(updated).toMatchObject({ name: 'Eva', externalRef: 'crm-9', segments: { customerType: 'returning' } })
    expect(await stored(p.id)).toEqual({ segments: { customerType: 'returning' } })

    const renamed = ParticipantSchema.parse(
      (await researcher.patch(`${base()}/${p.id}`, { name: 'Eva B', personaId: model.personaId })).json(),
    )
    expect(renamed).toMatchObject({
      name: 'Eva B',
      personaId: model.personaId,
      segments: { customerType: 'returning' },
    })
    expect(ParticipantSchema.parse((await researcher.patch(`${base()}/${p.id}`, {})).json())).toEqual(renamed)

    const elsewhere = await researcher.patch(`${base()}/${p.id}`, { personaId: '00000000-0000-4000-8000-000000000000' })
    expect(elsewhere.statusCode).toBe(404)
    expect(ApiErrorSchema.parse(elsewhere.json()).code).toBe('PERSONA_NOT_FOUND')

    const bad = await researcher.patch(`${base()}/${p.id}`, { segments: { 'a:b': 'c' } })
    expect(bad.statusCode).toBe(400)
    expect(ApiErrorSchema.parse(bad.json()).details).toContainEqual({
      path: 'body.segments.a:b',
      message: expect.stringContaining("no ':'"),
    })
    expect(await stored(p.id)).toEqual({ segments: { customerType: 'returning' } })
  })

  it('can only be edited by a researcher, in their own study', async () => {
    const p = ParticipantSchema.parse(
      (await researcher.post(base(), { email: 'seg-role@example.com', segments: { region: 'south' } })).json(),
    )
    expect((await viewer.patch(`${base()}/${p.id}`, { segments: {} })).statusCode).toBe(403)
    expect((await researcher.patch(`${base()}/${model.participantId}x`, { segments: {} })).statusCode).toBe(400)
    expect(
      (await researcher.patch(`${base()}/00000000-0000-4000-8000-000000000000`, { segments: {} })).statusCode,
    ).toBe(404)
    expect(await stored(p.id)).toEqual({ segments: { region: 'south' } })
  })

  it('filter the list by segment=key:value', async () => {
    const made = await Promise.all(
      [
        ['f1@example.com', { customerType: 'new', region: 'north' }],
        ['f2@example.com', { customerType: 'new' }],
        ['f3@example.com', { customerType: 'returning', region: 'north' }],
        ['f4@example.com', { note: 'a:b' }],
      ].map(async ([email, segments]) =>
        ParticipantSchema.parse((await researcher.post(base(), { email, segments })).json()),
      ),
    )
    const emails = async (query: string) => {
      const res = await researcher.get(`${base()}?${query}`)
      expect(res.statusCode).toBe(200)
      return ParticipantPageSchema.parse(res.json())
        .items.map((i) => i.email)
        .sort()
    }
    expect(made).toHaveLength(4)
    expect(await emails('segment=customerType:new')).toEqual([
      'f1@example.com',
      'f2@example.com',
      'seg-new@example.com',
    ])
    expect(await emails('segment=region:north&limit=1')).toHaveLength(1)
    expect(await emails(`segment=${encodeURIComponent('region:north')}`)).toEqual([
      'f1@example.com',
      'f3@example.com',
      'seg-new@example.com',
    ])
    // the first ':' splits: values may hold one
    expect(await emails(`segment=${encodeURIComponent('note:a:b')}`)).toEqual(['f4@example.com'])
    expect(await emails('segment=customerType:gone')).toEqual([])
    // names are case-sensitive, as stored
    expect(await emails('segment=customertype:new')).toEqual([])

    const bad = await researcher.get(`${base()}?segment=customerType`)
    expect(bad.statusCode).toBe(400)
    expect(ApiErrorSchema.parse(bad.json()).details).toContainEqual({
      path: 'querystring.segment',
      message: expect.stringContaining('key:value'),
    })
  })
})
