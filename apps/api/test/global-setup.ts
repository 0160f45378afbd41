import { randomBytes } from 'node:crypto'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import type { TestProject } from 'vitest/node'
import { withDatabase } from './pg-url.js'
import { runMigrations } from '../src/db/database.js'
import { type EmbeddedDatabase, startEmbeddedPostgres } from '../src/db/embedded.js'

declare module 'vitest' {
  export interface ProvidedContext {
    /** A server URL (database part ignored) and the migrated template every test file clones. */
    pgServerUrl: string
    pgTemplate: string
  }
}

let embedded: EmbeddedDatabase | undefined
let tmp: string | undefined
let serverUrl: string
let template: string

async function admin<T>(fn: (c: pg.Client) => Promise<T>) {
  const c = new pg.Client({ connectionString: withDatabase(serverUrl, 'postgres') })
  await c.connect()
  try {
    return await fn(c)
  } finally {
    await c.end()
  }
}

/**
 * Real PostgreSQL for the integration suite: DATABASE_URL's server when set, else an embedded one.
 * Migrations run once into a template; each test file clones it (CREATE DATABASE … TEMPLATE),
 * which takes milliseconds and isolates files running in parallel.
 */
export async function setup(project: TestProject) {
  if (process.env.DATABASE_URL) {
    serverUrl = process.env.DATABASE_URL
  } else {
    tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'klantreis-test-pg-'))
    embedded = await startEmbeddedPostgres({ dir: path.join(tmp, 'data'), persistent: false })
    serverUrl = embedded.url('postgres')
  }
  template = `klantreis_tpl_${randomBytes(4).toString('hex')}_test`
  await admin((c) => c.query(`create database ${template}`))
  await runMigrations(withDatabase(serverUrl, template))
  project.provide('pgServerUrl', serverUrl)
  project.provide('pgTemplate', template)
}

export async function teardown() {
  await admin(async (c) => {
    // clones are dropped by their files; drop leftovers of crashed files too
    const { rows } = await c.query<{ datname: string }>(
      `select datname from pg_database where datname like $1 or datname = $2`,
      [`${template.replace(/_test$/, '')}_f%`, template],
    )
    for (const r of rows) await c.query(`drop database if exists "${r.datname}" with (force)`)
  }).catch(() => {})
  await embedded?.stop()
  if (tmp) await fs.rm(tmp, { recursive: true, force: true })
}
