import { Kysely, PostgresDialect } from 'kysely'
import pg from 'pg'
import { parseArgs } from 'node:util'
import { loadConfig } from '../config.js'
import { prepareDatabase, runMigrations } from './database.js'
import { DEMO_EMAIL, readDemoLogin, seedDemo } from './demo-seed.js'
import { seedScale } from './scale-seed.js'
import type { DB } from './schema.js'

/**
 * `npm run seed:scale -- --responses 1000000`: adds a study with that many generated responses to
 * the product's database (the embedded one of `npm start`, or DATABASE_URL), in the demo login's
 * organization, so the dashboard can be seen and timed at scale. Stop `npm start` first when it
 * uses the embedded database: one PostgreSQL owns its data folder.
 */
const say = (msg: string) => process.stdout.write(`${msg}\n`)

async function main() {
  const { values } = parseArgs({
    options: { responses: { type: 'string', default: '100000' }, title: { type: 'string' } },
  })
  const responses = Number(values.responses)
  if (!Number.isSafeInteger(responses) || responses < 1 || responses > 20_000_000)
    throw new Error('--responses: a whole number from 1 to 20000000')
  const config = loadConfig()
  const database = await prepareDatabase(config, say)
  await runMigrations(database.url)
  const db = new Kysely<DB>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: database.url, max: 4 }) }),
  })
  try {
    // an empty database gets the demo organization and login first (seedDemo leaves existing data alone)
    await seedDemo(db, config.dataDir)
    const owner = await db
      .selectFrom('account as a')
      .innerJoin('membership as m', 'm.account_id', 'a.id')
      .select(['a.id as accountId', 'm.organization_id as organizationId'])
      .where('a.email', '=', DEMO_EMAIL)
      .where('m.role', '=', 'owner')
      .executeTakeFirst()
    if (!owner)
      throw new Error(
        `no organization owned by ${DEMO_EMAIL} to add the study to (the database has data but no demo organization)`,
      )
    const started = Date.now()
    let last = ''
    const studyId = await seedScale(db, {
      ...owner,
      coderId: owner.accountId,
      responses,
      ...(values.title ? { title: values.title } : {}),
      onProgress: (what, done, total) => {
        const line = `  ${what}: ${done.toLocaleString('en')} of ${total.toLocaleString('en')} (${Math.round((100 * done) / total)}%) · ${Math.round((Date.now() - started) / 1000)} s`
        if (line !== last) say((last = line))
      },
    })
    say(
      `Seeded study ${studyId} with ${responses.toLocaleString('en')} responses in ${Math.round((Date.now() - started) / 1000)} s.`,
    )
    const login = await readDemoLogin(config.dataDir)
    if (login)
      say(
        `Open the analyst app with ${login.email} / ${login.password} and choose "Scale test: ${responses.toLocaleString('en')} responses".`,
      )
  } finally {
    await db.destroy()
    await database.stop()
  }
}

main().catch((err) => {
  process.stderr.write(`seed:scale failed: ${(err as Error).message}\n`)
  process.exit(1)
})
