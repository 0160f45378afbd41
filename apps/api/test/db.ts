import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { withDatabase } from './pg-url.js'
import { inject } from 'vitest'

/** A fresh, migrated database for one test file, cloned from the suite's template. */
export async function createTestDatabase() {
  const server = inject('pgServerUrl')
  const template = inject('pgTemplate')
  const name = `${template.replace(/_test$/, '')}_f${randomBytes(5).toString('hex')}_test`
  const admin = new pg.Client({ connectionString: withDatabase(server, 'postgres') })
  await admin.connect()
  try {
    await admin.query(`create database ${name} template ${template}`)
  } finally {
    await admin.end()
  }
  return {
    name,
    url: withDatabase(server, name),
    async drop() {
      const c = new pg.Client({ connectionString: withDatabase(server, 'postgres') })
      await c.connect()
      try {
        await c.query(`drop database if exists ${name} with (force)`)
      } finally {
        await c.end()
      }
    },
  }
}
