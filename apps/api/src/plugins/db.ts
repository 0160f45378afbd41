import fastifyPostgres from '@fastify/postgres'
import fp from 'fastify-plugin'
import { Kysely, PostgresDialect } from 'kysely'
import pg from 'pg'
import type { DB } from '../db/schema.js'

declare module 'fastify' {
  interface FastifyInstance {
    db: Kysely<DB>
  }
}

// bigint counts fit in a JS number for every count this product makes.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v))

export default fp(
  async (app) => {
    await app.register(fastifyPostgres, {
      connectionString: app.config.DATABASE_URL,
      max: 20,
      connectionTimeoutMillis: 5000,
      idleTimeoutMillis: 30_000,
    })
    // An idle client whose server went away emits 'error' on the pool; without a listener that kills the process.
    app.pg.pool.on('error', (err) => app.log.warn({ err }, 'idle database connection lost'))
    // @fastify/postgres ends the pool onClose; destroying Kysely too would end it twice.
    app.decorate('db', new Kysely<DB>({ dialect: new PostgresDialect({ pool: app.pg.pool }) }))
  },
  { name: 'db', dependencies: ['config'] },
)
