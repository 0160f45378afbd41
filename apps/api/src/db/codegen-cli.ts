// `npm run db:codegen` (writes schema.generated.ts) and `npm run db:codegen:check` (`--verify`: fails
// when it differs): migrates a fresh database on DATABASE_URL's server, or on an embedded one when
// DATABASE_URL is not set, runs kysely-codegen over it, and drops it.
import { randomBytes } from 'node:crypto'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { runCodegen } from './codegen.js'
import { runMigrations } from './database.js'
import { startEmbeddedPostgres } from './embedded.js'

const verify = process.argv.includes('--verify')
const at = (server: string, database: string) => {
  const u = new URL(server)
  u.pathname = `/${database}`
  return u.toString()
}
const admin = async (server: string, statement: string) => {
  const c = new pg.Client({ connectionString: at(server, 'postgres') })
  await c.connect()
  try {
    await c.query(statement)
  } finally {
    await c.end()
  }
}

let tmp: string | undefined
let stopEmbedded: (() => Promise<void>) | undefined
let server = process.env.DATABASE_URL
if (!server) {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'klantreis-codegen-pg-'))
  const embedded = await startEmbeddedPostgres({ dir: path.join(tmp, 'data'), persistent: false })
  server = embedded.url('postgres')
  stopEmbedded = embedded.stop
}
const database = `klantreis_codegen_${randomBytes(4).toString('hex')}`
let code = 1
try {
  await admin(server, `create database ${database}`)
  await runMigrations(at(server, database))
  const result = await runCodegen(at(server, database), { verify })
  process.stdout.write(result.output)
  code = result.code
  if (code === 0) console.log(verify ? 'schema.generated.ts matches the migrations' : 'wrote schema.generated.ts')
} finally {
  await admin(server, `drop database if exists ${database} with (force)`).catch(() => {})
  await stopEmbedded?.()
  if (tmp) await fs.rm(tmp, { recursive: true, force: true })
}
process.exitCode = code
