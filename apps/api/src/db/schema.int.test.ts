import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { expect, inject, it } from 'vitest'
import { withDatabase } from '../../test/pg-url.js'
import { runCodegen } from './codegen.js'
import { runMigrations } from './database.js'

// The committed row types are what kysely-codegen makes of the migrations: a migration without
// `npm run db:codegen` (or a hand edit of schema.generated.ts) fails here; schema.ts is then
// checked against the new file by the typecheck.
it('schema.generated.ts is what kysely-codegen generates from a freshly migrated database', async () => {
  const server = inject('pgServerUrl')
  // its own database, migrated from nothing (the suite's template is migrated the same way, but
  // this test is about the migrations, not about what other files left in theirs)
  const name = `${inject('pgTemplate').replace(/_test$/, '')}_fschema${randomBytes(4).toString('hex')}_test`
  const admin = async (statement: string) => {
    const c = new pg.Client({ connectionString: withDatabase(server, 'postgres') })
    await c.connect()
    try {
      await c.query(statement)
    } finally {
      await c.end()
    }
  }
  await admin(`create database ${name}`)
  try {
    await runMigrations(withDatabase(server, name))
    const { code, output } = await runCodegen(withDatabase(server, name), { verify: true })
    expect(output, 'run `npm run db:codegen -w apps/api` and commit src/db/schema.generated.ts').not.toMatch(
      /not up-to-date|error/i,
    )
    expect(code).toBe(0)
  } finally {
    await admin(`drop database if exists ${name} with (force)`)
  }
})
