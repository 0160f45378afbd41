// The job worker as its own process (docker compose runs it beside the API; `npm start` runs both in one).
import closeWithGrace from 'close-with-grace'
import { Kysely, PostgresDialect } from 'kysely'
import pg from 'pg'
import Cursor from 'pg-cursor'
import pino from 'pino'
import { ConfigError, loadConfig } from './config.js'
import { runMigrations } from './db/database.js'
import type { DB } from './db/schema.js'
import { createMailer } from './email/transport.js'
import { createQueueConnection } from './jobs/connections.js'
import { MAIL_QUEUE } from './jobs/queue-names.js'
import { startWorkers } from './jobs/registry.js'
import { guardPool, serializeError } from './plugins/db.js'

async function main() {
  const config = loadConfig()
  if (!config.DATABASE_URL)
    throw new ConfigError('DATABASE_URL: required for a separate worker (npm start runs the worker inside the API)')
  const log = pino({ level: config.LOG_LEVEL, serializers: { err: serializeError } })
  await runMigrations(config.DATABASE_URL)
  const pool = new pg.Pool({ connectionString: config.DATABASE_URL, max: 10 })
  guardPool(pool, log)
  // Cursor: the export job streams its rows with .stream() (issue 15)
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool, cursor: Cursor }) })
  const connection = createQueueConnection({ ...config, DATABASE_URL: config.DATABASE_URL })
  const mailQueue = new connection.classes.Queue(MAIL_QUEUE, connection.producer())
  // without a listener BullMQ console.error()s the whole error, pg client and all
  mailQueue.on('error', (err: Error) => log.warn({ err }, 'mail queue error'))
  const mailer = createMailer(config)
  const stop = await startWorkers({ db, pool, mailer, mailQueue, connection, log, config })
  log.info({ queue: connection.backend, mail: mailer.transport }, 'worker started')
  closeWithGrace({ delay: 10_000 }, async ({ err, signal }) => {
    if (err) log.error({ err }, 'shutting down after error')
    else if (signal) log.info(`${signal}: shutting down`)
    // as the API does: drain the workers, then the queues and connections they use, the pool last
    await stop()
    await mailQueue.close()
    await connection.close()
    mailer.close()
    await db.destroy()
  })
}

main().catch((err) => {
  process.stderr.write(
    `\nKlantreis worker could not start.\n${err instanceof ConfigError ? err.message : ((err as Error).stack ?? String(err))}\n`,
  )
  process.exit(1)
})
