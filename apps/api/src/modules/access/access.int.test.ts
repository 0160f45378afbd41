import { randomBytes, randomUUID } from 'node:crypto'
import {
  ParticipantErasureSchema,
  ParticipantSchema,
  RemovalRequestListSchema,
  RemovalRequestSchema,
  RespondentRemovalStateSchema,
} from '@klantreis/shared/participants'
import { parse } from 'csv-parse/sync'
import type { LightMyRequestResponse } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type Client, signIn, type TestApp } from '../../../test/build-test-app.js'
import { makeDiaryEntry, makeOrganization, makeStudyWithModel } from '../../../test/factories.js'
import { unzip } from '../../../test/zip.js'
import { pseudonym } from '../../lib/pseudonym.js'

let t: TestApp
let owner: Client
let admin: Client
let researcher: Client
let analyst: Client
let viewer: Client
let stranger: Client
let orgId: string
let model: Awaited<ReturnType<typeof makeStudyWithModel>>
const base = (studyId = model.studyId) => `/api/v1/studies/${studyId}`

beforeAll(async () => {
  t = await buildTestApp()
  const org = await makeOrganization(t.db)
  orgId = org.id
  owner = await signIn(t, org.id, 'owner')
  admin = await signIn(t, org.id, 'admin')
  researcher = await signIn(t, org.id, 'researcher')
  analyst = await signIn(t, org.id, 'analyst')
  viewer = await signIn(t, org.id, 'viewer')
  stranger = await signIn(t, (await makeOrganization(t.db)).id, 'admin')
  model = await makeStudyWithModel(t.db, org.id)
})
afterAll(() => t?.close())

const csvRows = (b: Buffer) => parse(b, { bom: true, columns: true }) as Record<string, string>[]

/** A participant made through the API, with their personal link opened: the cookie and a sender. */
async function participant(studyId = model.studyId, language: 'nl' | 'en' = 'nl', name = 'Pat') {
  const email = `${randomUUID()}@example.com`
  const made = await researcher.post(`${base(studyId)}/participants`, {
    email,
    name,
    language,
  })
  expect(made.statusCode, made.body).toBe(201)
  const p = ParticipantSchema.parse(made.json())
  const { link } = (await researcher.post(`${base(studyId)}/participants/${p.id}/link`, {})).json()
  const opened = await t.app.inject({ method: 'GET', url: new URL(link).pathname })
  expect(opened.statusCode).toBe(303)
  const cookie = `kr_participant=${opened.cookies.find((c) => c.name === 'kr_participant')!.value}`
  const send = (method: 'GET' | 'POST', url: string) =>
    t.app.inject({
      method,
      url: `/api/v1/respondent${url}`,
      headers: { cookie, ...(method === 'GET' ? {} : { 'x-requested-with': 'klantreis' }) },
      ...(method === 'GET' ? {} : { payload: {} }),
    })
  return { id: p.id, email, send }
}

const expectZip = (res: LightMyRequestResponse) => {
  expect(res.statusCode, res.body).toBe(200)
  expect(res.headers['content-type']).toBe('application/zip')
  expect(res.headers['cache-control']).toBe('no-store')
  return unzip(res.rawPayload)
}

describe("a participant's data export", () => {
  it('holds every part: the planted text in data.json, the photo bytes, the CSVs parsed, a summary in their language with their text escaped', async () => {
    const marker = `MARK${randomBytes(5).toString('hex')}`
    const p = await participant(model.studyId, 'nl', `Naam ${marker}`)
    await t.db
      .updateTable('participant')
      .set({
        segments: { region: `noord-${marker}` },
        time_zone: 'Europe/Brussels',
        consent_version: 1,
        consented_at: new Date(),
      })
      .where('id', '=', p.id)
      .execute()
    const bytes = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), randomBytes(300)])
    const photo = await t.db
      .insertInto('photo')
      .values({ participant_id: p.id, content_type: 'image/png', bytes })
      .returning('id')
      .executeTakeFirstOrThrow()
    const proposal = await t.db
      .insertInto('proposed_touchpoint')
      .values({ study_id: model.studyId, description: `Het kluisje ${marker}` })
      .returning('id')
      .executeTakeFirstOrThrow()
    // text a spreadsheet would run, and HTML a browser would
    const tricky = `=HYPERLINK("x") <script>alert(1)</script>, "quoted"\nline two ${marker}`
    const entryId = await makeDiaryEntry(t.db, {
      studyId: model.studyId,
      participantId: p.id,
      text: tricky,
      touchpointId: model.touchpointIds[0],
      photoId: photo.id,
    })
    await makeDiaryEntry(t.db, { studyId: model.studyId, participantId: p.id, text: 'via', proposalId: proposal.id })
    // someone else's entry stays out
    const other = await participant()
    await makeDiaryEntry(t.db, { studyId: model.studyId, participantId: other.id, text: 'NOT-MINE' })
    // a questionnaire: a choice (answered by its text), their own words, an empathy map
    const def = {
      kind: 'survey',
      languages: ['nl', 'en'],
      pages: [
        {
          id: 'p',
          title: { nl: 'P', en: 'P' },
          questions: [
            {
              id: 'how',
              type: 'single_choice',
              required: false,
              text: { nl: 'Hoe kwam je erbij?', en: 'How did you come?' },
              options: [
                { id: 'bike', text: { nl: 'Fiets', en: 'Bike' } },
                { id: 'car', text: { nl: 'Auto', en: 'Car' } },
              ],
            },
            { id: 'why', type: 'long_text', required: false, text: { nl: 'Waarom?', en: 'Why?' } },
            { id: 'map', type: 'empathy_map', required: false, text: { nl: 'Kaart', en: 'Map' } },
          ],
        },
      ],
    }
    const s = await t.db
      .insertInto('survey')
      .values({ study_id: model.studyId, title: 'Na afloop', draft: JSON.stringify(def), status: 'open' })
      .returning('id')
      .executeTakeFirstOrThrow()
    await t.db
      .insertInto('survey_version')
      .values({ survey_id: s.id, version: 1, definition: JSON.stringify(def) })
      .execute()
    const responseId = randomUUID()
    await t.db
      .insertInto('survey_response')
      .values({
        id: responseId,
        survey_id: s.id,
        version: 1,
        participant_id: p.id,
        status: 'complete',
        completed_at: new Date(),
      })
      .execute()
    await t.db
      .insertInto('survey_answer')
      .values([
        { response_id: responseId, question_id: 'how', value: JSON.stringify('bike') },
        { response_id: responseId, question_id: 'why', value: JSON.stringify(`omdat ${marker}`) },
        {
          response_id: responseId,
          question_id: 'map',
          value: JSON.stringify({ items: [{ box: 'says', text: `zegt ${marker}`, valence: 'pain' }] }),
        },
      ])
      .execute()
    // a coding of their words, with a code
    const codeId = (await researcher.post(`${base()}/codes`, { name: 'Te laat' })).json().id as string
    const coded = await researcher.put(`${base()}/codings/${randomUUID()}`, {
      source: `diary_entry:${entryId}`,
      start: 0,
      end: 10,
      valence: 'pain',
      codeIds: [codeId],
    })
    expect(coded.statusCode, coded.body).toBe(201)
    // a mail to them
    await t.db
      .insertInto('mail_message')
      .values({
        organization_id: orgId,
        study_id: model.studyId,
        participant_id: p.id,
        kind: 'diary_invitation',
        to_address: p.email,
        subject: `Uitnodiging ${marker}`,
        language: 'nl',
      })
      .execute()

    const res = await researcher.get(`${base()}/participants/${p.id}/export`)
    const files = await expectZip(res)
    const file = `photos/${photo.id}.png`
    expect([...files.keys()].sort()).toEqual(['answers.csv', 'data.json', 'entries.csv', file, 'summary.html'].sort())
    expect(res.headers['content-disposition']).toBe(`attachment; filename="klantreis-${pseudonym(p.id)}.zip"`)
    expect(res.headers['content-disposition']).not.toContain(marker)
    expect(files.get(file)!.equals(bytes)).toBe(true)

    const data = JSON.parse(files.get('data.json')!.toString('utf8'))
    expect(data.participant).toMatchObject({
      id: p.id,
      name: `Naam ${marker}`,
      email: p.email,
      language: 'nl',
      timeZone: 'Europe/Brussels',
      segments: { region: `noord-${marker}` },
      pseudonym: pseudonym(p.id),
    })
    expect(data.consent).toEqual([expect.objectContaining({ version: 1, text: 'Ik stem in' })])
    expect(data.personalLinks).toHaveLength(1)
    expect(Object.keys(data.personalLinks[0]).sort()).toEqual(
      ['createdAt', 'expiresAt', 'lastUsedAt', 'replacedAt', 'revokedAt'].sort(),
    )
    expect(data.diaryEntries).toHaveLength(2)
    expect(data.diaryEntries[0]).toMatchObject({
      id: entryId,
      text: tricky,
      touchpoint: 'Website',
      photo: `${photo.id}.png`,
    })
    expect(data.photos).toEqual([expect.objectContaining({ file, contentType: 'image/png' })])
    expect(data.proposals).toEqual([expect.objectContaining({ description: `Het kluisje ${marker}` })])
    expect(
      data.surveyResponses[0].answers.map((a: { question: string; answer: string }) => [a.question, a.answer]),
    ).toEqual([
      ['Hoe kwam je erbij?', 'Fiets'],
      ['Waarom?', `omdat ${marker}`],
      ['Kaart', `zegt ${marker}`],
    ])
    expect(data.empathyMapItems).toEqual([
      { survey: 'Na afloop', box: 'says', text: `zegt ${marker}`, valence: 'pain' },
    ])
    expect(data.codings).toEqual([expect.objectContaining({ quote: tricky.slice(0, 10), codes: ['Te laat'] })])
    expect(data.mails).toEqual([
      expect.objectContaining({ kind: 'diary_invitation', subject: `Uitnodiging ${marker}`, status: 'queued' }),
    ])
    expect(data.removalRequests).toEqual([])
    const json = files.get('data.json')!.toString('utf8')
    expect(json).not.toContain('NOT-MINE')
    expect(json).not.toMatch(/token|hash/i)

    const entries = csvRows(files.get('entries.csv')!)
    expect(entries).toHaveLength(2)
    // the formula is defused with a leading quote, everything else comes back as written
    expect(entries[0]!.text).toBe(`'${tricky}`)
    expect(entries[0]!.photo).toBe(file)
    const answers = csvRows(files.get('answers.csv')!)
    expect(answers.map((a) => a.answer)).toEqual(['Fiets', `omdat ${marker}`, `zegt ${marker}`])

    const html = files.get('summary.html')!.toString('utf8')
    expect(html).toMatch(/^<!doctype html>\s*<html lang="nl">/)
    expect(html).toContain('Jouw gegevens')
    expect(html).toContain(marker)
    expect(html).not.toContain('<script>alert(1)</script>')
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')

    const audit = await t.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'participant.exported')
      .where('organization_id', '=', orgId)
      .execute()
    expect(audit).toEqual([
      expect.objectContaining({
        actor_id: researcher.me.user.id,
        subject: `study:${model.studyId}`,
        detail: { pseudonym: pseudonym(p.id) },
      }),
    ])
    expect(audit[0]!.ip).toBeTruthy()
  })

  it('is a valid ZIP with every part for a participant who has nothing yet; summary in English for an English participant', async () => {
    const p = await participant(model.studyId, 'en')
    const files = await expectZip(await owner.get(`${base()}/participants/${p.id}/export`))
    expect([...files.keys()].sort()).toEqual(['answers.csv', 'data.json', 'entries.csv', 'summary.html'])
    const data = JSON.parse(files.get('data.json')!.toString('utf8'))
    expect(data.diaryEntries).toEqual([])
    expect(data.surveyResponses).toEqual([])
    expect(data.consent).toEqual([])
    expect(csvRows(files.get('entries.csv')!)).toEqual([])
    expect(files.get('entries.csv')!.toString('utf8')).toContain('occurred_at,touchpoint')
    expect(files.get('summary.html')!.toString('utf8')).toMatch(/<html lang="en">[\s\S]*Your data/)
  })

  it('is for roles that manage participants: analyst and viewer 403; another organization or an unknown id 404', async () => {
    const p = await participant()
    expect((await analyst.get(`${base()}/participants/${p.id}/export`)).statusCode).toBe(403)
    expect((await viewer.get(`${base()}/participants/${p.id}/export`)).statusCode).toBe(403)
    expect((await admin.get(`${base()}/participants/${p.id}/export`)).statusCode).toBe(200)
    const foreign = await stranger.get(`${base()}/participants/${p.id}/export`)
    expect(foreign.statusCode).toBe(404)
    expect((await researcher.get(`${base()}/participants/${randomUUID()}/export`)).json().code).toBe(
      'PARTICIPANT_NOT_FOUND',
    )
  })

  it('the participant downloads their own, audited without an actor', async () => {
    const p = await participant()
    await makeDiaryEntry(t.db, { studyId: model.studyId, participantId: p.id, text: 'Mijn eigen woorden' })
    const files = await expectZip(await p.send('GET', '/me/export'))
    expect(JSON.parse(files.get('data.json')!.toString('utf8')).diaryEntries[0].text).toBe('Mijn eigen woorden')
    const audit = await t.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'participant.data_downloaded')
      .where('detail', '@>', JSON.stringify({ pseudonym: pseudonym(p.id) }) as never)
      .execute()
    expect(audit).toEqual([expect.objectContaining({ actor_id: null, organization_id: orgId })])
  })
})

describe('removal requests', () => {
  const state = (res: LightMyRequestResponse) => {
    expect(res.statusCode, res.body).toBe(200)
    return RespondentRemovalStateSchema.parse(res.json())
  }
  const list = async () => RemovalRequestListSchema.parse((await viewer.get(`${base()}/removal-requests`)).json()).items

  it('asking twice is one request; an admin declines with a reason the participant sees; asked again it waits again; confirmed, the participant is erased with reason participant_request', async () => {
    const p = await participant()
    expect(state(await p.send('GET', '/me/removal-request')).status).toBe('none')
    const first = state(await p.send('POST', '/me/removal-request'))
    const second = state(await p.send('POST', '/me/removal-request'))
    expect(first.status).toBe('pending')
    expect(second).toEqual(first)
    expect(state(await p.send('GET', '/me/removal-request'))).toEqual(first)
    const mine = (await list()).filter((r) => r.participantId === p.id)
    expect(mine).toHaveLength(1)
    expect(mine[0]).toMatchObject({ status: 'pending', pseudonym: pseudonym(p.id) })
    const requested = await t.db
      .selectFrom('audit_log')
      .select(['actor_id'])
      .where('action', '=', 'participant.removal_requested')
      .where('detail', '@>', JSON.stringify({ pseudonym: pseudonym(p.id) }) as never)
      .execute()
    expect(requested).toEqual([{ actor_id: null }])

    const id = mine[0]!.id
    // deciding is for admins and owners; another organization does not find it
    expect((await researcher.post(`${base()}/removal-requests/${id}/decline`, {})).statusCode).toBe(403)
    expect((await researcher.post(`${base()}/removal-requests/${id}/confirm`)).statusCode).toBe(403)
    expect((await stranger.post(`${base()}/removal-requests/${id}/confirm`)).statusCode).toBe(404)
    expect((await admin.post(`${base()}/removal-requests/${randomUUID()}/confirm`)).json().code).toBe(
      'REMOVAL_REQUEST_NOT_FOUND',
    )

    const declined = await admin.post(`${base()}/removal-requests/${id}/decline`, { reason: 'Wettelijke bewaarplicht' })
    expect(declined.statusCode, declined.body).toBe(200)
    expect(RemovalRequestSchema.parse(declined.json())).toMatchObject({
      status: 'declined',
      declineReason: 'Wettelijke bewaarplicht',
    })
    expect(state(await p.send('GET', '/me/removal-request'))).toMatchObject({
      status: 'declined',
      declineReason: 'Wettelijke bewaarplicht',
    })
    expect((await admin.post(`${base()}/removal-requests/${id}/confirm`)).json().code).toBe('REMOVAL_REQUEST_DECIDED')
    const declinedAudit = await t.db
      .selectFrom('audit_log')
      .select('actor_id')
      .where('action', '=', 'participant.removal_declined')
      .where('detail', '@>', JSON.stringify({ requestId: id }) as never)
      .execute()
    expect(declinedAudit).toEqual([{ actor_id: admin.me.user.id }])

    // asked again: pending anew, the same request
    expect(state(await p.send('POST', '/me/removal-request'))).toMatchObject({ status: 'pending', declineReason: null })
    const confirmed = await owner.post(`${base()}/removal-requests/${id}/confirm`)
    expect(confirmed.statusCode, confirmed.body).toBe(200)
    const erased = ParticipantErasureSchema.parse(confirmed.json())
    expect(erased.reason).toBe('participant_request')
    expect(await t.db.selectFrom('participant').select('id').where('id', '=', p.id).execute()).toEqual([])
    expect(await t.db.selectFrom('removal_request').select('id').where('id', '=', id).execute()).toEqual([])
    const tomb = await t.db
      .selectFrom('participant_erasure')
      .select('reason')
      .where('id', '=', erased.id)
      .executeTakeFirst()
    expect(tomb?.reason).toBe('participant_request')
    expect((await p.send('GET', '/me/removal-request')).statusCode).toBe(401)
    expect((await list()).some((r) => r.participantId === p.id)).toBe(false)
  })

  it('a confirm and a decline at the same moment: exactly one wins, and what is stored agrees with it', async () => {
    for (let i = 0; i < 10; i++) {
      const p = await participant()
      state(await p.send('POST', '/me/removal-request'))
      const id = (await list()).find((r) => r.participantId === p.id)!.id
      const [confirm, decline] = await Promise.all([
        owner.post(`${base()}/removal-requests/${id}/confirm`),
        admin.post(`${base()}/removal-requests/${id}/decline`, { reason: 'race' }),
      ])
      const left = await t.db.selectFrom('participant').select('id').where('id', '=', p.id).execute()
      if (confirm.statusCode === 200) {
        // erased first: the decline found no request (404), or came first and the confirm saw it decided
        expect(decline.statusCode, decline.body).toBe(404)
        expect(left).toEqual([])
      } else {
        expect(confirm.json().code, confirm.body).toBe('REMOVAL_REQUEST_DECIDED')
        expect(decline.statusCode, decline.body).toBe(200)
        expect(left).toHaveLength(1)
        const stored = await t.db.selectFrom('removal_request').select('status').where('id', '=', id).execute()
        expect(stored).toEqual([{ status: 'declined' }])
      }
    }
  })

  it('where the study erases on request, the participant is erased at once: gone, tombstone reason participant_request, session over', async () => {
    const m = await makeStudyWithModel(t.db, orgId)
    await t.db.updateTable('study').set({ erase_on_request: true }).where('id', '=', m.studyId).execute()
    const p = await participant(m.studyId)
    await makeDiaryEntry(t.db, { studyId: m.studyId, participantId: p.id, text: 'weg ermee' })
    const res = await p.send('POST', '/me/removal-request')
    expect(state(res).status).toBe('removed')
    expect(res.cookies.find((c) => c.name === 'kr_participant')?.value).toBe('')
    expect(await t.db.selectFrom('participant').select('id').where('id', '=', p.id).execute()).toEqual([])
    expect(await t.db.selectFrom('diary_entry').select('id').where('participant_id', '=', p.id).execute()).toEqual([])
    const tombs = await t.db
      .selectFrom('participant_erasure')
      .select(['reason', 'erased_by'])
      .where('study_id', '=', m.studyId)
      .execute()
    expect(tombs).toEqual([{ reason: 'participant_request', erased_by: null }])
    expect(await t.db.selectFrom('removal_request').select('id').where('participant_id', '=', p.id).execute()).toEqual(
      [],
    )
    expect((await p.send('GET', '/me')).statusCode).toBe(401)
  })
})
