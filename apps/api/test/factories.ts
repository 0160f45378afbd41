import { randomBytes } from 'node:crypto'
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

export async function makeMember(db: Kysely<DB>, organizationId: string, role: Role, overrides: { email?: string } = {}) {
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
  return { studyId: study.id, stageIds: stages.map((s) => s.id), touchpointIds: touchpoints.map((t) => t.id), personaId: persona.id }
}
