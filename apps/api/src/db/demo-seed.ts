import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import fs from 'node:fs/promises'
import path from 'node:path'
import type { Kysely } from 'kysely'
import { hashPassword } from '../lib/passwords.js'
import { rebuildRollups } from '../modules/dashboard/dashboard.rollup.queries.js'
import { seedAnalysedStudy } from './demo-analysed.js'
import { insertDemoStudy } from './demo-model.js'
import type { DB } from './schema.js'

export const DEMO_EMAIL = 'demo@klantreis.local'

/** Where the demo password is kept, so every start prints the same login. */
const credentialsFile = (dataDir: string) => path.join(dataDir, 'demo-login.json')

export async function readDemoLogin(dataDir: string): Promise<{ email: string; password: string } | undefined> {
  const file = credentialsFile(dataDir)
  return existsSync(file) ? JSON.parse(await fs.readFile(file, 'utf8')) : undefined
}

/** Seeds the demo organizations into an empty database; returns the login, or undefined if data exists. */
export async function seedDemo(db: Kysely<DB>, dataDir: string) {
  const any = await db.selectFrom('organization').select('id').limit(1).executeTakeFirst()
  if (any) return undefined
  const password = randomBytes(9).toString('base64url')
  const passwordHash = await hashPassword(password)
  const analysedStudyId = await db.transaction().execute(async (trx) => {
    const account = await trx
      .insertInto('account')
      .values({ email: DEMO_EMAIL, name: 'Demo Researcher', password_hash: passwordHash, language: 'en' })
      .returning('id')
      .executeTakeFirstOrThrow()
    const org = await trx
      .insertInto('organization')
      // a default retention period, so the demo studies' set-up shows the rule (issue 14)
      .values({ name: 'Webshop Demo', retention_months: 12 })
      .returning('id')
      .executeTakeFirstOrThrow()
    const other = await trx
      .insertInto('organization')
      .values({ name: 'Zorgverzekeraar Demo' })
      .returning('id')
      .executeTakeFirstOrThrow()
    await trx
      .insertInto('membership')
      .values([
        { organization_id: org.id, account_id: account.id, role: 'owner' },
        { organization_id: other.id, account_id: account.id, role: 'analyst' },
      ])
      .execute()
    const studyId = await insertDemoStudy(
      trx,
      org.id,
      'Order to delivery and returns',
      'Customers who order again within six months and recommend us to friends (NPS up by 10 points).',
    )
    await trx
      .insertInto('study')
      .values({ organization_id: other.id, title: 'Claim submission journey', status: 'draft' })
      .execute()
    await seedDiary(trx, studyId)
    return seedAnalysedStudy(trx, org.id, account.id)
  })
  await rebuildRollups(db, analysedStudyId)
  await fs.mkdir(dataDir, { recursive: true })
  await fs.writeFile(credentialsFile(dataDir), JSON.stringify({ email: DEMO_EMAIL, password }), { mode: 0o600 })
  return { email: DEMO_EMAIL, password }
}

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10)

/** An open diary with consent texts, three participants and a few entries, so the analyst views have data. */
async function seedDiary(trx: Kysely<DB>, studyId: string) {
  await trx
    .insertInto('diary')
    .values({
      study_id: studyId,
      title: 'Your order diary',
      instructions:
        'Every time you deal with the shop (or hear about it), add a moment: what happened and how it felt. It takes a minute.',
      starts_on: day(-7),
      ends_on: day(21),
      time_zone: 'Europe/Amsterdam',
      prompt_times: ['19:30'],
      form: JSON.stringify({
        touchpoint: 'required',
        text: 'required',
        emotion: 'required',
        valence: 'required',
        channel: 'optional',
        photo: 'optional',
      }),
    })
    .execute()
  await trx
    .insertInto('consent_text')
    .values({
      study_id: studyId,
      version: 1,
      texts: JSON.stringify({
        en: 'You take part voluntarily and may stop at any time. We use your diary only for this study and remove your name from anything we share.',
        nl: 'U doet vrijwillig mee en kunt op elk moment stoppen. We gebruiken uw dagboek alleen voor dit onderzoek en halen uw naam weg uit alles wat we delen.',
      }),
    })
    .execute()
  const personas = await trx
    .selectFrom('persona')
    .select(['id', 'position'])
    .where('study_id', '=', studyId)
    .orderBy('position')
    .execute()
  const tps = await trx.selectFrom('touchpoint').select(['id', 'name']).where('study_id', '=', studyId).execute()
  const tp = (name: string) => tps.find((t) => t.name === name)!.id
  const people = [
    { email: 'sanne@example.com', name: 'Sanne', language: 'nl', persona_id: personas[0]!.id },
    { email: 'a.devries@example.com', name: 'Mevrouw de Vries', language: 'nl', persona_id: personas[1]!.id },
    { email: 'ahmed@example.com', name: 'Ahmed', language: 'en', persona_id: personas[2]!.id },
  ]
  const ids = await trx
    .insertInto('participant')
    .values(people.map((p) => ({ ...p, study_id: studyId, consent_version: 1, consented_at: new Date() })))
    .returning('id')
    .execute()
  const entries: [number, string, number, 'pain' | 'gain' | 'neutral', string, number][] = [
    [0, 'Search and product page', 1, 'gain', 'Found the jacket quickly, the size chart was clear.', -6],
    [0, 'Checkout and payment', -2, 'pain', 'iDEAL failed twice and I did not know if I had paid.', -6],
    [0, 'Return request online', -3, 'pain', 'Could not find the return form on my phone.', -2],
    [1, 'Customer service chat', 2, 'gain', 'The lady in the chat explained everything patiently.', -5],
    [1, 'Delivery at the door', -1, 'pain', 'The driver did not ring; I found a card saying I was not home.', -4],
    [2, 'Track-and-trace updates', 1, 'gain', 'Nice to see the time window on the day itself.', -3],
    [2, 'Delivery at the door', 3, 'gain', 'Delivered exactly in the window, before school pick-up.', -3],
    [2, 'Refund received', -2, 'pain', 'Ten days for the refund, and no message in between.', -1],
  ]
  await trx
    .insertInto('diary_entry')
    .values(
      entries.map(([who, name, emotion, valence, text, days]) => ({
        id: crypto.randomUUID(),
        study_id: studyId,
        participant_id: ids[who]!.id,
        occurred_at: new Date(Date.now() + days * 86_400_000),
        touchpoint_id: tp(name),
        text,
        emotion,
        valence,
      })),
    )
    .execute()
}
