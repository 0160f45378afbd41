import closeWithGrace from 'close-with-grace'
import { type App, buildApp } from './app.js'
import { ConfigError, loadConfig } from './config.js'
import { prepareDatabase, runMigrations } from './db/database.js'
import { readDemoLogin, seedDemo } from './db/demo-seed.js'
import { readRedisEvictionPolicy, redisPolicyProblem } from './jobs/connections.js'
import { startWorkers } from './jobs/registry.js'

const say = (msg: string) => process.stdout.write(`${msg}\n`)
/**
 * After giving up on the embedded database, /healthz answers 503 this long before we exit: probes
 * and load balancers see why, rather than only a refused connection.
 */
const LAME_DUCK_MS = 2000

async function main() {
  const config = loadConfig()
  if (config.REDIS_URL && config.NODE_ENV === 'production') {
    const problem = redisPolicyProblem(await readRedisEvictionPolicy(config.REDIS_URL), config)
    if (problem) throw new ConfigError(problem)
  }
  // the supervisor's callbacks may fire before the app exists: they log through it once it does
  const late: { log?: App['log'] } = {}
  let unrecoverable: string | undefined
  const database = await prepareDatabase(config, say, {
    maxRestarts: config.EMBEDDED_PG_RESTARTS,
    log: (msg) => (late.log ? late.log.warn(msg) : say(msg)),
    onGiveUp: (reason) => {
      unrecoverable = reason
      const line = `${reason}: /healthz answers 503 and the process exits for its manager to restart it`
      if (late.log) late.log.error(line)
      else process.stderr.write(`\n${line}\n`)
      // Nothing can be drained without the database (BullMQ runs interrupted jobs again after the
      // restart), and BullMQ's workers may not even close without it: just go.
      setTimeout(() => process.exit(1), late.log ? LAME_DUCK_MS : 0)
    },
  })
  await runMigrations(database.url)
  const app = await buildApp({ ...config, DATABASE_URL: database.url }, { liveness: () => unrecoverable })
  late.log = app.log

  let demo: { email: string; password: string } | undefined
  if (config.embeddedDatabase && config.DEMO_SEED) {
    demo = (await seedDemo(app.db, config.dataDir)) ?? (await readDemoLogin(config.dataDir))
  }
  if (config.RUN_WORKER) {
    const stopWorkers = await startWorkers({
      db: app.db,
      pool: app.pg.pool,
      mailer: app.mailer,
      mailQueue: app.queues.mail,
      connection: app.queueConnection,
      log: app.log,
      config: app.config,
    })
    // onClose hooks run last-added first: the workers drain once no request is in flight, and
    // before the queues and the pools they use are closed
    app.addHook('onClose', stopWorkers)
  }

  closeWithGrace({ delay: 10_000 }, async ({ err, signal }) => {
    if (err) app.log.error({ err }, 'shutting down after error')
    else if (signal) app.log.info(`${signal}: shutting down`)
    // Stop taking requests, drain the workers, close the queues and pools (app.close), and only
    // then stop PostgreSQL: nothing is connected to it any more, so no connection is cut.
    await app.close()
    await database.stop()
    if (unrecoverable) process.exit(1)
  })

  await app.listen({ port: config.PORT, host: config.HOST })
  const base =
    config.PORT === 0 ? `http://${config.HOST}:${(app.server.address() as { port: number }).port}` : config.publicUrl
  say('')
  say(
    `Klantreis is running (queue: BullMQ on ${app.queues.backend}, mail: ${app.mailer.transport}${app.mailer.transport === 'file' ? ` → ${config.dataDir}/mail` : ''})`,
  )
  say(`  Analyst app:     ${base}/`)
  say(`  Respondent app:  ${base}/r/`)
  if (config.apiDocs) say(`  API docs:        ${base}/api/docs`)
  say(`  Health:          ${base}/healthz  ${base}/readyz`)
  if (demo) say(`Demo login: ${demo.email} / ${demo.password}`)
}

main().catch((err) => {
  process.stderr.write(
    `\nKlantreis could not start.\n${err instanceof ConfigError ? err.message : ((err as Error).stack ?? String(err))}\n`,
  )
  process.exit(1)
})
