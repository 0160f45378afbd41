// A double-coding sample whose participant is erased (issue 14): the erasure takes the sources out of
// the sample, the sample says how many went, and agreement is computed over the sources that are left.
import { randomUUID } from 'node:crypto'
import { AgreementSchema, SampleListSchema, SampleSchema } from '@klantreis/shared/coding'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildTestApp, type Client, login, type TestApp } from '../../../test/build-test-app.js'
import { makeDiaryEntry, makeMember, makeOrganization, makeStudyWithModel } from '../../../test/factories.js'

let t: TestApp
let ann: Client
let bob: Client
let admin: Client
let study: Awaited<ReturnType<typeof makeStudyWithModel>>
const base = () => `/api/v1/studies/${study.studyId}`

beforeAll(async () => {
  t = await buildTestApp()
  const org = await makeOrganization(t.db)
  const [a, b, c] = [
    await makeMember(t.db, org.id, 'researcher'),
    await makeMember(t.db, org.id, 'researcher'),
    await makeMember(t.db, org.id, 'admin'),
  ]
  ann = await login(t.app, a.email, a.password)
  bob = await login(t.app, b.email, b.password)
  admin = await login(t.app, c.email, c.password)
  study = await makeStudyWithModel(t.db, org.id)
  await t.db.deleteFrom('diary_entry').where('study_id', '=', study.studyId).execute()
})
afterAll(() => t?.close())

describe('a double-coded sample after an erasure', () => {
  it('says how many of its sources were erased and computes agreement over the rest', async () => {
    const leaving = await t.db
      .insertInto('participant')
      .values({ study_id: study.studyId, email: `leaving-${randomUUID()}@example.com`, name: 'Leaving' })
      .returning('id')
      .executeTakeFirstOrThrow()
    // the staying participant's four moments both coders call pain; the leaving one's six they disagree on
    const staying = []
    for (let i = 0; i < 4; i++)
      staying.push(
        await makeDiaryEntry(t.db, {
          studyId: study.studyId,
          participantId: study.participantId,
          text: `Staying moment ${i}.`,
        }),
      )
    const going = []
    for (let i = 0; i < 6; i++)
      going.push(
        await makeDiaryEntry(t.db, { studyId: study.studyId, participantId: leaving.id, text: `Leaving moment ${i}.` }),
      )
    const created = await ann.post(`${base()}/samples`, {
      name: 'Pilot',
      share: 1,
      kinds: ['diary_entry'],
      coderIds: [ann.me.user.id, bob.me.user.id],
      seed: 3,
    })
    expect(created.statusCode, created.body).toBe(201)
    const sample = SampleSchema.parse(created.json())
    expect(sample).toMatchObject({ size: 10, erasedSources: 0 })
    const code = async (c: Client, entryId: string, valence: string) =>
      expect(
        (
          await c.put(`${base()}/codings/${randomUUID()}`, {
            source: `diary_entry:${entryId}`,
            start: 0,
            end: 5,
            valence,
            sampleId: sample.id,
          })
        ).statusCode,
      ).toBe(201)
    for (const id of staying) {
      await code(ann, id, 'pain')
      await code(bob, id, 'pain')
    }
    for (const id of going) {
      await code(ann, id, 'pain')
      await code(bob, id, 'gain')
    }
    const agreementOf = async () =>
      AgreementSchema.parse((await ann.get(`${base()}/samples/${sample.id}/agreement`)).json())
    const before = await agreementOf()
    expect(before.units).toBe(10)
    expect(before.rows.find((r) => r.variable === 'valence')!.percentAgreement).toBeCloseTo(0.4, 9)

    const erased = await admin.delete(`${base()}/participants/${leaving.id}`)
    expect(erased.statusCode, erased.body).toBe(200)
    expect(erased.json().counts.sampleSources).toBe(6)

    const listed = SampleListSchema.parse((await ann.get(`${base()}/samples`)).json()).items[0]!
    expect(listed).toMatchObject({ id: sample.id, size: 4, erasedSources: 6 })
    const after = await agreementOf()
    expect(after.units).toBe(4)
    expect(after.rows.find((r) => r.variable === 'valence')!.percentAgreement).toBe(1)
  })
})
