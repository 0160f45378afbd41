import { randomBytes, randomUUID } from 'node:crypto'
import type { Role } from '@klantreis/shared/auth'
import type { Kysely } from 'kysely'
import type { DB } from '../src/db/schema.js'
import { hashPassword } from '../src/lib/passwords.js'

const uniq = () => randomBytes(4).toString('hex')

// One hash for every factory account: argon2id is deliberately slow.
let cachedHash: Promise<string> | undefined
export const FACTORY_PASSWORD = 'correct horse battery staple'
const factoryHash = () => (cachedHash ??= hashPassword(FACTORY_PASSWORD))

export async function makeOrganization(db: Kysely<DB>, name = `Org ${uniq()}`) {
  return db.insertInto('organization').values({ name }).returning(['id', 'name']).executeTakeFirstOrThrow()
}

export async function makeAccount(db: Kysely<DB>, overrides: { email?: string; name?: string } = {}) {
  return db
    .insertInto('account')
    .values({
      email: overrides.email ?? `analyst-${uniq()}@example.com`,
      name: overrides.name ?? `Analyst ${uniq()}`,
      password_hash: await factoryHash(),
    })
    .returning(['id', 'email', 'name'])
    .executeTakeFirstOrThrow()
}

export async function makeMember(
  db: Kysely<DB>,
  organizationId: string,
  role: Role,
  overrides: { email?: string } = {},
) {
  const account = await makeAccount(db, overrides)
  await db.insertInto('membership').values({ organization_id: organizationId, account_id: account.id, role }).execute()
  return { ...account, password: FACTORY_PASSWORD }
}

/** A study with two stages, two touchpoints in the first, and a persona. */
export async function makeStudyWithModel(db: Kysely<DB>, organizationId: string) {
  const study = await db
    .insertInto('study')
    .values({ organization_id: organizationId, title: `Study ${uniq()}` })
    .returning('id')
    .executeTakeFirstOrThrow()
  const stages = await db
    .insertInto('stage')
    .values([
      { study_id: study.id, name: 'Orientation', position: 0 },
      { study_id: study.id, name: 'Purchase', position: 1 },
    ])
    .returning(['id', 'name'])
    .execute()
  const touchpoints = await db
    .insertInto('touchpoint')
    .values([
      { study_id: study.id, stage_id: stages[0]!.id, name: 'Website', position: 0 },
      { study_id: study.id, stage_id: stages[0]!.id, name: 'Friend', kind: 'indirect', position: 1 },
    ])
    .returning(['id', 'name'])
    .execute()
  const persona = await db
    .insertInto('persona')
    .values({ study_id: study.id, name: 'Student', attributes: '{}', position: 0 })
    .returning('id')
    .executeTakeFirstOrThrow()
  const participant = await db
    .insertInto('participant')
    .values({ study_id: study.id, email: `p-${uniq()}@example.com`, name: 'Pat', persona_id: persona.id })
    .returning('id')
    .executeTakeFirstOrThrow()
  const proposal = await db
    .insertInto('proposed_touchpoint')
    .values({ study_id: study.id, description: 'The parcel locker' })
    .returning('id')
    .executeTakeFirstOrThrow()
  // a 1×1 PNG
  const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex')
  const photo = await db
    .insertInto('photo')
    .values({ participant_id: participant.id, content_type: 'image/png', bytes: png })
    .returning('id')
    .executeTakeFirstOrThrow()
  await db
    .insertInto('diary')
    .values({
      study_id: study.id,
      title: 'Diary',
      starts_on: new Date(Date.now() - 7 * 86_400_000).toISOString().slice(0, 10),
      ends_on: new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10),
      time_zone: 'Europe/Amsterdam',
      form: JSON.stringify({}),
    })
    .execute()
  await db
    .insertInto('consent_text')
    .values({ study_id: study.id, version: 1, texts: JSON.stringify({ en: 'I agree', nl: 'Ik stem in' }) })
    .execute()
  const definition = JSON.stringify({
    kind: 'survey',
    languages: ['nl', 'en'],
    pages: [
      {
        id: 'p1',
        title: { nl: 'P', en: 'P' },
        questions: [{ id: 'nps', type: 'nps', required: true, text: { nl: 'Aanbevelen?', en: 'Recommend?' } }],
      },
    ],
  })
  const survey = await db
    .insertInto('survey')
    .values({ study_id: study.id, title: 'Survey', draft: definition })
    .returning('id')
    .executeTakeFirstOrThrow()
  await db.insertInto('survey_version').values({ survey_id: survey.id, version: 1, definition }).execute()
  const link = await db
    .insertInto('survey_link')
    .values({ survey_id: survey.id, token_hash: `h-${uniq()}` })
    .returning('id')
    .executeTakeFirstOrThrow()
  const response = await db
    .insertInto('survey_response')
    .values({ id: crypto.randomUUID(), survey_id: survey.id, version: 1, participant_id: participant.id })
    .returning('id')
    .executeTakeFirstOrThrow()
  const entry = await db
    .insertInto('diary_entry')
    .values({
      id: crypto.randomUUID(),
      study_id: study.id,
      participant_id: participant.id,
      occurred_at: new Date(),
      touchpoint_id: touchpoints[0]!.id,
      text: 'The parcel came two days late.',
      valence: 'pain',
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  const code = await db
    .insertInto('code')
    .values({ study_id: study.id, name: 'Waiting' })
    .returning('id')
    .executeTakeFirstOrThrow()
  const sample = await db
    .insertInto('coding_sample')
    .values({ study_id: study.id, name: 'Sample', share: 0.2, coder_ids: [crypto.randomUUID(), crypto.randomUUID()] })
    .returning('id')
    .executeTakeFirstOrThrow()
  const coding = await db
    .insertInto('coding')
    .values({
      id: crypto.randomUUID(),
      study_id: study.id,
      source: `diary_entry:${entry.id}`,
      entry_id: entry.id,
      span_start: 0,
      span_end: 10,
      quote: 'The parcel',
      valence: 'pain',
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await db.insertInto('coding_code').values({ coding_id: coding.id, code_id: code.id }).execute()
  const finding = await db
    .insertInto('finding')
    .values({ study_id: study.id, statement: 'Waiting for the parcel is frustrating' })
    .returning('id')
    .executeTakeFirstOrThrow()
  await db.insertInto('finding_evidence').values({ finding_id: finding.id, coding_id: coding.id }).execute()
  const send = await db
    .insertInto('message_send')
    .values({ study_id: study.id, kind: 'diary_invitation', content: '{}' })
    .returning('id')
    .executeTakeFirstOrThrow()
  const csvImport = await db
    .insertInto('participant_import')
    .values({ study_id: study.id, csv: 'email\n' })
    .returning('id')
    .executeTakeFirstOrThrow()
  // the participant asked to be removed (migrations/0017), so the matrices reach a request too
  const removalRequest = await db
    .insertInto('removal_request')
    .values({ study_id: study.id, participant_id: participant.id })
    .returning('id')
    .executeTakeFirstOrThrow()
  // an export asked for by no one still a member (requested_by null), so the matrices reach its routes
  const exportJob = await db
    .insertInto('export_job')
    .values({
      study_id: study.id,
      spec: JSON.stringify({ datasets: ['codebook'], format: 'csv' }),
      spec_key: `factory-${uniq()}`,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return {
    exportId: exportJob.id,
    removalRequestId: removalRequest.id,
    importId: csvImport.id,
    sendId: send.id,
    entryId: entry.id,
    codeId: code.id,
    codingId: coding.id,
    sampleId: sample.id,
    findingId: finding.id,
    surveyId: survey.id,
    responseId: response.id,
    linkId: link.id,
    studyId: study.id,
    stageIds: stages.map((s) => s.id),
    touchpointIds: touchpoints.map((t) => t.id),
    personaId: persona.id,
    participantId: participant.id,
    proposalId: proposal.id,
    photoId: photo.id,
  }
}

/** A diary entry written straight into the table (the respondent API would need a session and consent). */
export async function makeDiaryEntry(
  db: Kysely<DB>,
  e: {
    studyId: string
    participantId: string
    text: string
    touchpointId?: string
    valence?: string
    proposalId?: string
    photoId?: string
  },
) {
  const id = randomUUID()
  await db
    .insertInto('diary_entry')
    .values({
      id,
      study_id: e.studyId,
      participant_id: e.participantId,
      occurred_at: new Date(),
      text: e.text,
      touchpoint_id: e.touchpointId ?? null,
      valence: e.valence ?? null,
      proposal_id: e.proposalId ?? null,
      photo_id: e.photoId ?? null,
    })
    .execute()
  return id
}
