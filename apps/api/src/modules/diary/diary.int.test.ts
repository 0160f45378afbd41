import { randomUUID } from 'node:crypto'
import { ApiErrorSchema } from '@klantreis/shared/common'
import {
  AnalystEntryPageSchema,
  DiaryEntrySchema,
  EntryConflictSchema,
  RespondentMeSchema,
} from '@klantreis/shared/diary'
import { ParticipantSchema } from '@klantreis/shared/participants'
import { TouchpointSchema } from '@klantreis/shared/journey'
import type { LightMyRequestResponse } from 'fastify'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type Client, login, type TestApp } from '../../../test/build-test-app.js'
import { RESPONDENT_WRITES_PER_MINUTE } from '../../routes/respondent.js'
import { pseudonym } from '../../lib/pseudonym.js'
import { makeMember, makeOrganization, makeStudyWithModel } from '../../../test/factories.js'

let t: TestApp
let researcher: Client
let model: Awaited<ReturnType<typeof makeStudyWithModel>>
let other: Awaited<ReturnType<typeof makeStudyWithModel>>

beforeAll(async () => {
  t = await buildTestApp()
  const org = await makeOrganization(t.db)
  const r = await makeMember(t.db, org.id, 'researcher')
  researcher = await login(t.app, r.email, r.password)
  model = await makeStudyWithModel(t.db, org.id)
  other = await makeStudyWithModel(t.db, org.id)
})
afterAll(() => t.close())

const base = () => `/api/v1/studies/${model.studyId}`

/** A participant who opened their personal link: the cookie, and helpers that send it. */
async function participant(opts: { consent?: boolean } = {}) {
  const p = ParticipantSchema.parse(
    (
      await researcher.post(`${base()}/participants`, {
        email: `${randomUUID()}@example.com`,
        name: 'Pat',
        language: 'en',
      })
    ).json(),
  )
  const { link } = (await researcher.post(`${base()}/participants/${p.id}/link`, {})).json()
  const opened = await t.app.inject({ method: 'GET', url: new URL(link).pathname })
  expect(opened.statusCode).toBe(303)
  expect(opened.headers.location).toBe('/r/')
  const cookie = `kr_participant=${opened.cookies.find((c) => c.name === 'kr_participant')!.value}`
  const send = (
    method: 'GET' | 'PUT' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    payload?: unknown,
    headers: Record<string, string> = {},
  ) =>
    t.app.inject({
      method,
      url: `/api/v1/respondent${url}`,
      headers: { cookie, ...(method === 'GET' ? {} : { 'x-requested-with': 'klantreis' }), ...headers },
      ...(payload === undefined ? {} : { payload: payload as object }),
    })
  if (opts.consent !== false) expect((await send('POST', '/consent', { version: 1 })).statusCode).toBe(200)
  return { id: p.id, cookie, send }
}
type P = Awaited<ReturnType<typeof participant>>

const entry = (overrides: Record<string, unknown> = {}) => ({
  occurredAt: '2026-11-20T10:15:00.000+01:00',
  touchpointId: model.touchpointIds[0],
  text: 'The website was slow at checkout',
  emotion: -2,
  valence: 'pain',
  ...overrides,
})
const put = (p: P, id: string, body: unknown) => p.send('PUT', `/entries/${id}`, body)
const rows = (id: string) => t.db.selectFrom('diary_entry').selectAll().where('id', '=', id).execute()

describe('personal links', () => {
  it('swaps the link for an HttpOnly cookie and takes the token out of the address; bad links learn nothing', async () => {
    const p = ParticipantSchema.parse(
      (await researcher.post(`${base()}/participants`, { email: 'link@example.com' })).json(),
    )
    expect(p.status).toBe('invited')
    const { link, expiresAt } = (await researcher.post(`${base()}/participants/${p.id}/link`, { validDays: 30 })).json()
    expect(link).toMatch(/\/r\/t\/[A-Za-z0-9_-]{43}$/)
    expect(new Date(expiresAt).getTime()).toBeGreaterThan(Date.now() + 29 * 86_400_000)
    const token = link.split('/r/t/')[1]
    const stored = await t.db
      .selectFrom('participant_token')
      .select('token_hash')
      .where('participant_id', '=', p.id)
      .execute()
    expect(stored.map((s) => s.token_hash)).not.toContain(token)

    const opened = await t.app.inject({ method: 'GET', url: `/r/t/${token}` })
    expect(opened.statusCode).toBe(303)
    expect(opened.headers.location).toBe('/r/')
    expect(opened.headers['referrer-policy']).toBe('no-referrer')
    const c = opened.cookies.find((x) => x.name === 'kr_participant')!
    expect(c.httpOnly).toBe(true)
    expect(c.sameSite).toBe('Lax')

    for (const bad of ['x'.repeat(43), 'short', 'y'.repeat(300)]) {
      const res = await t.app.inject({ method: 'GET', url: `/r/t/${bad}` })
      expect(res.headers.location).toBe('/r/?link=invalid')
      expect(res.cookies).toHaveLength(0)
    }
    await researcher.post(`${base()}/participants/${p.id}/link/revoke`)
    const revoked = await t.app.inject({ method: 'GET', url: `/r/t/${token}` })
    expect(revoked.headers.location).toBe('/r/?link=invalid')
    const session = await t.app.inject({
      method: 'GET',
      url: '/api/v1/respondent/me',
      headers: { cookie: `kr_participant=${c.value}` },
    })
    expect(session.statusCode).toBe(401)
  })

  it('refuses a duplicate participant and a persona of another study', async () => {
    await researcher.post(`${base()}/participants`, { email: 'twice@example.com' })
    const again = await researcher.post(`${base()}/participants`, { email: 'TWICE@example.com' })
    expect(again.statusCode).toBe(409)
    const foreignPersona = await researcher.post(`${base()}/participants`, {
      email: 'x@example.com',
      personaId: other.personaId,
    })
    expect(foreignPersona.statusCode).toBe(404)
  })
})

describe('a shared device', () => {
  it('refuses to write or read as the participant whose link was opened since (the app names whose data it sends)', async () => {
    const a = await participant()
    const b = await participant()
    const me = await b.send('GET', '/me')
    expect(me.json().participant.id).toBe(b.id)
    // b's cookie, a's moment: refused, nothing stored
    const id = randomUUID()
    const wrong = await b.send('PUT', `/entries/${id}`, entry(), { 'x-klantreis-participant': a.id })
    expect(wrong.statusCode).toBe(412)
    expect(wrong.json().code).toBe('PARTICIPANT_CHANGED')
    expect(await rows(id)).toHaveLength(0)
    expect((await b.send('GET', '/entries', undefined, { 'x-klantreis-participant': a.id })).statusCode).toBe(412)
    // their own data goes through
    expect((await b.send('PUT', `/entries/${id}`, entry(), { 'x-klantreis-participant': b.id })).statusCode).toBe(201)
  })
})

describe('consent', () => {
  it('must be given to the current version before anything is written', async () => {
    const p = await participant({ consent: false })
    const me = RespondentMeSchema.parse((await p.send('GET', '/me')).json())
    expect(me.consent).toEqual({ version: 1, text: 'I agree', given: false })
    const early = await put(p, randomUUID(), entry())
    expect(early.statusCode).toBe(403)
    expect(early.json().code).toBe('CONSENT_REQUIRED')
    expect((await p.send('POST', '/consent', { version: 2 })).json().code).toBe('CONSENT_OUTDATED')
    const given = RespondentMeSchema.parse((await p.send('POST', '/consent', { version: 1 })).json())
    expect(given.consent?.given).toBe(true)
    const row = await t.db
      .selectFrom('participant')
      .select(['consent_version', 'consented_at'])
      .where('id', '=', p.id)
      .executeTakeFirstOrThrow()
    expect(row.consent_version).toBe(1)
    expect(row.consented_at).toBeInstanceOf(Date)
    expect((await put(p, randomUUID(), entry())).statusCode).toBe(201)
    // a new version asks again
    await researcher.post(`${base()}/consent`, { texts: { en: 'New terms', nl: 'Nieuwe voorwaarden' } })
    expect((await put(p, randomUUID(), entry())).json().code).toBe('CONSENT_REQUIRED')
    await p.send('POST', '/consent', { version: 2 })
    expect((await put(p, randomUUID(), entry())).statusCode).toBe(201)
    await t.db.updateTable('participant').set({ consent_version: 1 }).execute() // others keep the first version
    await t.db.deleteFrom('consent_text').where('study_id', '=', model.studyId).where('version', '=', 2).execute()
  })
})

describe('entries', () => {
  it('a repeated submit answers the stored entry and stores nothing twice', async () => {
    const p = await participant()
    const id = randomUUID()
    const first = await put(p, id, entry())
    expect(first.statusCode).toBe(201)
    const stored = DiaryEntrySchema.parse(first.json())
    expect(stored).toMatchObject({ id, version: 1, emotion: -2, valence: 'pain', touchpointId: model.touchpointIds[0] })
    const again = await put(p, id, entry())
    expect(again.statusCode).toBe(200)
    expect(again.json()).toEqual(first.json())
    expect(await rows(id)).toHaveLength(1)
  })

  it('20 concurrent identical submits store one row', async () => {
    const p = await participant()
    const id = randomUUID()
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        put(p, id, entry({ somethingElse: 'A parcel locker nearby', touchpointId: null })),
      ),
    )
    expect(answers.map((a) => a.statusCode).sort()).toEqual([...Array(19).fill(200), 201])
    expect(new Set(answers.map((a) => a.json().id))).toEqual(new Set([id]))
    expect(await rows(id)).toHaveLength(1)
    const proposals = await t.db
      .selectFrom('proposed_touchpoint')
      .select('id')
      .where('description', '=', 'A parcel locker nearby')
      .where('study_id', '=', model.studyId)
      .execute()
    expect(proposals).toHaveLength(1)
  })

  it('an edit from two devices that did not see each other is a conflict, never an overwrite', async () => {
    const p = await participant()
    const id = randomUUID()
    await put(p, id, entry())
    const phone = await put(p, id, entry({ text: 'Edited on the phone', baseVersion: 1 }))
    expect(phone.statusCode).toBe(200)
    expect(phone.json().version).toBe(2)
    const laptop = await put(p, id, entry({ text: 'Edited on the laptop', baseVersion: 1 }))
    expect(laptop.statusCode).toBe(409)
    const conflict = EntryConflictSchema.parse(laptop.json())
    expect(conflict.server?.text).toBe('Edited on the phone')
    expect(conflict.server?.version).toBe(2)
    expect((await rows(id))[0]!.text).toBe('Edited on the phone')
    // the laptop keeps its own after seeing both: it edits on top of version 2
    const resolved = await put(p, id, entry({ text: 'Edited on the laptop', baseVersion: 2 }))
    expect(resolved.json()).toMatchObject({ text: 'Edited on the laptop', version: 3 })
    // a retried edit (its answer was lost) is recognised, not a conflict
    expect((await put(p, id, entry({ text: 'Edited on the laptop', baseVersion: 2 }))).statusCode).toBe(200)
    // deleting from a stale version conflicts too; from the current one it deletes, twice is once
    expect((await p.send('DELETE', `/entries/${id}?baseVersion=2`)).statusCode).toBe(409)
    expect((await p.send('DELETE', `/entries/${id}?baseVersion=3`)).statusCode).toBe(204)
    expect((await p.send('DELETE', `/entries/${id}?baseVersion=3`)).statusCode).toBe(204)
    expect((await p.send('GET', '/entries')).json().items.map((e: { id: string }) => e.id)).not.toContain(id)
  })

  it("another participant's entry id is not found, and nothing of theirs changes", async () => {
    const a = await participant()
    const b = await participant()
    const id = randomUUID()
    await put(a, id, entry())
    const res = await put(b, id, entry({ text: 'hijack', baseVersion: 1 }))
    expect(res.statusCode).toBe(404)
    expect((await rows(id))[0]!.text).toBe('The website was slow at checkout')
  })

  it('bad input gets a clear error naming the field', async () => {
    const p = await participant()
    const expectField = async (res: LightMyRequestResponse, status: number, field?: string) => {
      expect(res.statusCode).toBe(status)
      const err = ApiErrorSchema.parse(res.json())
      if (field) expect(err.details?.map((d) => d.path)).toContain(field)
      return err
    }
    await expectField(await put(p, randomUUID(), entry({ emotion: 5 })), 400, 'body.emotion')
    await expectField(await put(p, randomUUID(), entry({ text: 'x'.repeat(6000) })), 400, 'body.text')
    await expectField(await put(p, randomUUID(), entry({ valence: null })), 400, 'body.valence')
    await expectField(await put(p, randomUUID(), entry({ touchpointId: null })), 400, 'body.touchpointId')
    await expectField(await put(p, 'not-a-uuid', entry()), 400, 'params.entryId')
    const foreign = await expectField(await put(p, randomUUID(), entry({ touchpointId: other.touchpointIds[0] })), 404)
    expect(foreign.code).toBe('TOUCHPOINT_NOT_FOUND')
    const noHeader = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/respondent/entries/${randomUUID()}`,
      headers: { cookie: p.cookie },
      payload: entry(),
    })
    expect(noHeader.statusCode).toBe(403)
  })

  it('a diary that has ended is read-only with a message', async () => {
    const p = await participant()
    await t.db
      .updateTable('diary')
      .set({ starts_on: '2020-01-01', ends_on: '2020-02-01' })
      .where('study_id', '=', model.studyId)
      .execute()
    try {
      const me = RespondentMeSchema.parse((await p.send('GET', '/me')).json())
      expect(me.diary?.state).toBe('ended')
      const res = await put(p, randomUUID(), entry())
      expect(res.statusCode).toBe(403)
      expect(res.json().code).toBe('DIARY_CLOSED')
      expect((await p.send('GET', '/entries')).statusCode).toBe(200)
    } finally {
      const today = Date.now()
      await t.db
        .updateTable('diary')
        .set({
          starts_on: new Date(today - 7 * 86_400_000).toISOString().slice(0, 10),
          ends_on: new Date(today + 7 * 86_400_000).toISOString().slice(0, 10),
        })
        .where('study_id', '=', model.studyId)
        .execute()
    }
  })

  it('photos: a real image is stored and can be attached; other types and oversized ones are refused', async () => {
    const p = await participant()
    const png = Buffer.from(
      '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5ec3bbf0000000049454e44ae426082',
      'hex',
    )
    const up = await p.send('POST', '/photos', png, { 'content-type': 'image/png' })
    expect(up.statusCode).toBe(201)
    const { photoId } = up.json()
    const id = randomUUID()
    expect((await put(p, id, entry({ photoId }))).json().photoId).toBe(photoId)
    const back = await p.send('GET', `/photos/${photoId}`)
    expect(back.headers['content-type']).toBe('image/png')
    expect(back.rawPayload.equals(png)).toBe(true)
    const analystView = await researcher.get(`${base()}/photos/${photoId}`)
    expect(analystView.rawPayload.equals(png)).toBe(true)
    expect((await p.send('POST', '/photos', Buffer.from('<svg/>'), { 'content-type': 'image/png' })).statusCode).toBe(
      415,
    )
    expect((await p.send('POST', '/photos', Buffer.from('GIF89a'), { 'content-type': 'image/gif' })).statusCode).toBe(
      415,
    )
    const big = await p.send('POST', '/photos', Buffer.alloc(6 * 1024 * 1024, 0xff), { 'content-type': 'image/jpeg' })
    expect(big.statusCode).toBe(413)
    expect(ApiErrorSchema.parse(big.json()).code).toBe('BODY_TOO_LARGE')
  })

  it("the participant's delete removes the text, the photo's bytes and the proposal for good; the id stays a tombstone", async () => {
    const p = await participant()
    const marker = `gone-${randomUUID()}`
    const png = Buffer.concat([
      Buffer.from(
        '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5ec3bbf0000000049454e44ae426082',
        'hex',
      ),
      Buffer.from(marker),
    ])
    const { photoId } = (await p.send('POST', '/photos', png, { 'content-type': 'image/png' })).json()
    const id = randomUUID()
    const body = entry({ text: `${marker} at the counter`, photoId, touchpointId: null, somethingElse: marker })
    expect((await put(p, id, body)).statusCode).toBe(201)
    const where = async () => ({
      entries: await t.db.selectFrom('diary_entry').select('id').where('text', 'like', `%${marker}%`).execute(),
      photos: await t.db
        .selectFrom('photo')
        .select('id')
        .where(sql<boolean>`position(${Buffer.from(marker)}::bytea in bytes) > 0`)
        .execute(),
      proposals: await t.db
        .selectFrom('proposed_touchpoint')
        .select('id')
        .where('description', 'like', `%${marker}%`)
        .execute(),
    })
    expect(Object.values(await where()).map((found) => found.length)).toEqual([1, 1, 1])

    expect((await p.send('DELETE', `/entries/${id}?baseVersion=1`)).statusCode).toBe(204)
    expect(await where()).toEqual({ entries: [], photos: [], proposals: [] })
    const [tomb] = await rows(id)
    expect(tomb).toMatchObject({ text: '', photo_id: null, proposal_id: null, emotion: null, version: 2 })
    expect(tomb!.deleted_at).not.toBeNull()
    expect((await p.send('GET', `/photos/${photoId}`)).statusCode).toBe(404)
    // the offline queue's repeated delete still answers as before, and a late edit does not bring it back
    expect((await p.send('DELETE', `/entries/${id}?baseVersion=1`)).statusCode).toBe(204)
    const late = await put(p, id, { ...body, baseVersion: 1 })
    expect(late.statusCode).toBe(409)
    expect(EntryConflictSchema.parse(late.json()).server).toBeNull()
    expect(await where()).toEqual({ entries: [], photos: [], proposals: [] })
  })
})

describe('the analyst side', () => {
  it('lists entries with filters and keyset pages, and shows participant status', async () => {
    const p = await participant()
    for (const [i, valence] of (['pain', 'gain', 'pain'] as const).entries())
      await put(
        p,
        randomUUID(),
        entry({ valence, occurredAt: `2026-11-1${i}T09:00:00.000Z`, touchpointId: model.touchpointIds[i % 2] }),
      )
    const mine = AnalystEntryPageSchema.parse((await researcher.get(`${base()}/entries?participantId=${p.id}`)).json())
    expect(mine.items.map((e) => e.occurredAt)).toEqual([
      '2026-11-12T09:00:00.000Z',
      '2026-11-11T09:00:00.000Z',
      '2026-11-10T09:00:00.000Z',
    ])
    expect(mine.items[0]).toMatchObject({
      participant: { id: p.id, pseudonym: pseudonym(p.id) },
      stageId: model.stageIds[0],
    })
    const pains = AnalystEntryPageSchema.parse(
      (await researcher.get(`${base()}/entries?participantId=${p.id}&valence=pain`)).json(),
    )
    expect(pains.items).toHaveLength(2)
    const first = AnalystEntryPageSchema.parse(
      (await researcher.get(`${base()}/entries?participantId=${p.id}&limit=2`)).json(),
    )
    const second = AnalystEntryPageSchema.parse(
      (await researcher.get(`${base()}/entries?participantId=${p.id}&limit=2&cursor=${first.nextCursor}`)).json(),
    )
    expect([...first.items, ...second.items].map((e) => e.id)).toEqual(mine.items.map((e) => e.id))
    const byStage = AnalystEntryPageSchema.parse(
      (await researcher.get(`${base()}/entries?participantId=${p.id}&stageId=${model.stageIds[0]}`)).json(),
    )
    expect(byStage.items).toHaveLength(3)
    const status = ParticipantSchema.parse((await researcher.get(`${base()}/participants/${p.id}`)).json())
    expect(status).toMatchObject({ status: 'active', entryCount: 3, consentVersion: 1 })
  })

  it('"something else" becomes a proposal; accepting it adds a research touchpoint and re-points the entries', async () => {
    const p = await participant()
    const id = randomUUID()
    const made = DiaryEntrySchema.parse(
      (await put(p, id, entry({ touchpointId: null, somethingElse: 'A reminder text message' }))).json(),
    )
    expect(made.proposal).toMatchObject({ description: 'A reminder text message', status: 'pending' })
    const list = (await researcher.get(`${base()}/proposals`)).json()
    const proposal = list.items.find((x: { id: string }) => x.id === made.proposal!.id)
    expect(proposal).toMatchObject({ status: 'pending', entryCount: 1 })
    const accepted = await researcher.post(`${base()}/proposals/${proposal.id}/resolve`, {
      action: 'accept',
      stageId: model.stageIds[1],
      name: 'SMS reminder',
    })
    expect(accepted.statusCode).toBe(200)
    const tp = TouchpointSchema.parse(
      (await researcher.get(`${base()}/touchpoints/${accepted.json().touchpointId}`)).json(),
    )
    expect(tp).toMatchObject({ name: 'SMS reminder', origin: 'research', stageId: model.stageIds[1] })
    expect((await rows(id))[0]!.touchpoint_id).toBe(tp.id)
    expect((await researcher.post(`${base()}/proposals/${proposal.id}/resolve`, { action: 'reject' })).statusCode).toBe(
      409,
    )
  })

  it('merging re-points the entries to an existing touchpoint; rejecting leaves them unassigned', async () => {
    const p = await participant()
    const a = randomUUID()
    const b = randomUUID()
    const pa = DiaryEntrySchema.parse(
      (await put(p, a, entry({ touchpointId: null, somethingElse: 'Their website' }))).json(),
    ).proposal!
    const pb = DiaryEntrySchema.parse(
      (await put(p, b, entry({ touchpointId: null, somethingElse: 'Weather' }))).json(),
    ).proposal!
    await researcher.post(`${base()}/proposals/${pa.id}/resolve`, {
      action: 'merge',
      touchpointId: model.touchpointIds[0],
    })
    await researcher.post(`${base()}/proposals/${pb.id}/resolve`, { action: 'reject' })
    expect((await rows(a))[0]!.touchpoint_id).toBe(model.touchpointIds[0])
    expect((await rows(b))[0]!.touchpoint_id).toBeNull()
    const foreign = await researcher.post(`${base()}/proposals/${randomUUID()}/resolve`, { action: 'reject' })
    expect(foreign.statusCode).toBe(404)
  })
})

describe('flooding', () => {
  it('limits writes per participant, and answers 429 in the error shape', async () => {
    const p = await participant()
    const statuses: number[] = []
    for (let i = 0; i < 125; i++) statuses.push((await p.send('PUT', `/entries/${randomUUID()}`, entry())).statusCode)
    // the consent given in participant() was the first write of the minute
    expect(statuses.filter((s) => s === 201)).toHaveLength(RESPONDENT_WRITES_PER_MINUTE - 1)
    const last = await p.send('PUT', `/entries/${randomUUID()}`, entry())
    expect(last.statusCode).toBe(429)
    expect(ApiErrorSchema.parse(last.json()).code).toBe('RATE_LIMITED')
    // another participant on the same address is not held back by this one
    const q = await participant()
    expect((await put(q, randomUUID(), entry())).statusCode).toBe(201)
  })

  it('limits all respondent requests per address', async () => {
    const statuses: number[] = []
    for (let i = 0; i < 610; i++)
      statuses.push(
        (await t.app.inject({ method: 'GET', url: '/api/v1/respondent/me', remoteAddress: '10.9.9.9' })).statusCode,
      )
    expect(statuses.slice(0, 600).every((s) => s === 401)).toBe(true)
    expect(statuses.slice(600).every((s) => s === 429)).toBe(true)
  })
})
