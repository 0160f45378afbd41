// `npm run db:migrate`: migrate the configured (or embedded) database to the latest version and exit.
import { loadConfig } from '../config.js'
import { prepareDatabase, runMigrations } from './database.js'

const config = loadConfig()
const { url, stop } = await prepareDatabase(config, console.log)
try {
  const result = await runMigrations(url)
  const applied = result.results?.filter((r) => r.status === 'Success').map((r) => r.migrationName) ?? []
  console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date')
} finally {
  await stop()
}
