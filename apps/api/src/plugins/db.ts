import fastifyPostgres from '@fastify/postgres'
import fp from 'fastify-plugin'
import { Kysely, PostgresDialect } from 'kysely'
import pg from 'pg'
import Cursor from 'pg-cursor'
import pino from 'pino'
import type { DB } from '../db/schema.js'

declare module 'fastify' {
  interface FastifyInstance {
    db: Kysely<DB>
  }
}

// bigint counts fit in a JS number for every count this product makes.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v))
// A calendar date stays the text PostgreSQL sends ('2026-11-22'): no time zone to get wrong.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v)

/**
 * A server that goes away makes pg emit 'error' on the pool (idle clients) and on checked-out
 * clients between or during queries. With no listener either one kills the process; with these,
 * the query fails, the request answers 503, and the pool reconnects when the server is back.
 */
export function guardPool(pool: pg.Pool, log: { warn: (obj: object, msg: string) => void }) {
  // message and code only: pg-pool puts the whole client (config, socket, queue: kilobytes) on the
  // error as err.client, and an err serializer would print every line of it
  const brief = (err: Error & { code?: string }) => ({ code: err.code, reason: err.message })
  pool.on('error', (err) => log.warn(brief(err), 'idle database connection lost'))
  pool.on('connect', (client) => client.on('error', (err) => log.warn(brief(err), 'database connection lost')))
}

/** pino's err serializer minus pg-pool's err.client (the whole client object: kilobytes a line). */
export function serializeError(err: Error): pino.SerializedError {
  const out = pino.stdSerializers.err(err)
  delete out.client
  return out
}

export default fp(
  async (app) => {
    await app.register(fastifyPostgres, {
      connectionString: app.config.DATABASE_URL,
      max: 20,
      connectionTimeoutMillis: 5000,
      idleTimeoutMillis: 30_000,
    })
    guardPool(app.pg.pool, app.log)
    // @fastify/postgres ends the pool onClose; destroying Kysely too would end it twice.
    // Cursor: exports stream their rows with .stream() (issue 15); without it Kysely cannot stream
    app.decorate('db', new Kysely<DB>({ dialect: new PostgresDialect({ pool: app.pg.pool, cursor: Cursor }) }))
  },
  { name: 'db', dependencies: ['config'] },
)
