// Participants' contact details (issue 14): analysts and viewers see a participant only by pseudonym,
// in every route; the roles that manage participants (researcher and up) also see name, address and
// CRM reference, in the Participants tab and the message log.
import { AnalystEntryPageSchema } from '@klantreis/shared/diary'
import { MessagePageSchema } from '@klantreis/shared/messages'
import { ParticipantImportSchema, ParticipantPageSchema, ParticipantSchema } from '@klantreis/shared/participants'
import { AnalystResponsePageSchema, AnalystResponseSchema } from '@klantreis/shared/responses'
import { SourcePageSchema } from '@klantreis/shared/coding'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { pseudonym } from '../src/lib/pseudonym.js'
import { buildTestApp, type Client, login, type TestApp } from './build-test-app.js'
import { makeMember, makeOrganization, makeStudyWithModel } from './factories.js'
import { fill, studyRoutesOf } from './route-matrix.js'

let t: TestApp
let ids: Awaited<ReturnType<typeof makeStudyWithModel>>
const clients: Record<'researcher' | 'analyst' | 'viewer', Client> = {} as never
const NAME = 'Quirina Zandvliet'
const EMAIL = 'quirina.zandvliet@example.com'
const REF = 'CRM-778899'
let importId: string

beforeAll(async () => {
  t = await buildTestApp()
  const org = await makeOrganization(t.db)
  ids = await makeStudyWithModel(t.db, org.id)
  await t.db
    .updateTable('participant')
    .set({ name: NAME, email: EMAIL, external_ref: REF })
    .where('id', '=', ids.participantId)
    .execute()
  // an import whose row messages quote an address, as the import job writes them
  importId = (
    await t.db
      .insertInto('participant_import')
      .values({
        study_id: ids.studyId,
        csv: `email\n${EMAIL}\n`,
        status: 'done',
        errors: JSON.stringify([{ row: 2, message: `already takes part (${EMAIL})` }]),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id
  for (const role of ['researcher', 'analyst', 'viewer'] as const) {
    const m = await makeMember(t.db, org.id, role)
    clients[role] = await login(t.app, m.email, m.password)
  }
  // a mail to the participant, so the message log has a line about them
  const sent = await clients.researcher.post(`/api/v1/studies/${ids.studyId}/messages/invitations`, {
    kind: 'diary_invitation',
    recipients: { type: 'all' },
  })
  expect(sent.statusCode).toBeLessThan(300)
})
afterAll(() => t.close())

const base = () => `/api/v1/studies/${ids.studyId}`

describe('the Participants tab', () => {
  it('gives a researcher the contact details, with the pseudonym', async () => {
    const page = ParticipantPageSchema.parse((await clients.researcher.get(`${base()}/participants`)).json())
    expect(page.items[0]).toMatchObject({
      name: NAME,
      email: EMAIL,
      externalRef: REF,
      pseudonym: pseudonym(ids.participantId),
    })
    const one = ParticipantSchema.parse(
      (await clients.researcher.get(`${base()}/participants/${ids.participantId}`)).json(),
    )
    expect(one).toMatchObject({ name: NAME, email: EMAIL, externalRef: REF })
    const imp = ParticipantImportSchema.parse(
      (await clients.researcher.get(`${base()}/participants/imports/${importId}`)).json(),
    )
    expect(imp.errors[0]!.message).toContain(EMAIL)
  })

  for (const role of ['analyst', 'viewer'] as const)
    it(`gives ${role}s no name, address or CRM reference on any participants route`, async () => {
      const c = clients[role]
      const list = await c.get(`${base()}/participants`)
      const page = ParticipantPageSchema.parse(list.json())
      expect(page.items[0]).toMatchObject({
        id: ids.participantId,
        pseudonym: pseudonym(ids.participantId),
        name: null,
        email: null,
        externalRef: null,
      })
      const one = await c.get(`${base()}/participants/${ids.participantId}`)
      expect(ParticipantSchema.parse(one.json())).toMatchObject({ name: null, email: null, externalRef: null })
      const imp = await c.get(`${base()}/participants/imports/${importId}`)
      expect(ParticipantImportSchema.parse(imp.json()).errors[0]!.message).toBe('already takes part ([address])')
      const mails = await c.get(`${base()}/messages?participantId=${ids.participantId}`)
      for (const res of [list, one, imp, mails]) {
        expect(res.statusCode).toBe(200)
        for (const secret of [NAME, EMAIL, REF]) expect(res.body).not.toContain(secret)
      }
    })
})

describe('everywhere else: the pseudonym, for every role', () => {
  it('names the participant by pseudonym in entries, coding sources and survey responses', async () => {
    for (const c of Object.values(clients)) {
      const entries = AnalystEntryPageSchema.parse((await c.get(`${base()}/entries`)).json())
      expect(entries.items[0]!.participant).toEqual({
        id: ids.participantId,
        pseudonym: pseudonym(ids.participantId),
        personaId: ids.personaId,
      })
      const sources = SourcePageSchema.parse((await c.get(`${base()}/sources`)).json())
      expect(sources.items.find((s) => s.participant)?.participant?.pseudonym).toBe(pseudonym(ids.participantId))
      const responses = AnalystResponsePageSchema.parse(
        (await c.get(`${base()}/surveys/${ids.surveyId}/responses`)).json(),
      )
      expect(responses.items[0]!.participant).toEqual({
        id: ids.participantId,
        pseudonym: pseudonym(ids.participantId),
      })
      const response = AnalystResponseSchema.parse(
        (await c.get(`${base()}/surveys/${ids.surveyId}/responses/${ids.responseId}`)).json(),
      )
      expect(response.participant?.pseudonym).toBe(pseudonym(ids.participantId))
    }
  })

  it('shows name and address in the message log to a researcher only, the pseudonym to all', async () => {
    const forResearcher = MessagePageSchema.parse((await clients.researcher.get(`${base()}/messages`)).json())
    expect(forResearcher.items[0]!.participant).toEqual({
      id: ids.participantId,
      pseudonym: pseudonym(ids.participantId),
      name: NAME,
      email: EMAIL,
    })
    for (const role of ['analyst', 'viewer'] as const) {
      const page = MessagePageSchema.parse((await clients[role].get(`${base()}/messages`)).json())
      expect(page.items[0]!.participant).toEqual({
        id: ids.participantId,
        pseudonym: pseudonym(ids.participantId),
        name: null,
        email: null,
      })
    }
  })

  it("puts no name, address or CRM reference in any study GET route's answer to a viewer or analyst", async () => {
    const gets = studyRoutesOf(t.app).filter((r) => r.method === 'GET')
    expect(gets.length).toBeGreaterThanOrEqual(30)
    for (const role of ['analyst', 'viewer'] as const)
      for (const { path } of gets) {
        const res = await clients[role].get(fill(path, ids))
        for (const secret of [NAME, EMAIL, REF])
          expect({ role, path, leaks: res.body.includes(secret) }).toEqual({ role, path, leaks: false })
      }
  })
})
