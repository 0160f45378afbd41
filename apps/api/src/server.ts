import closeWithGrace from 'close-with-grace'
import { buildApp } from './app.js'
import { ConfigError, loadConfig } from './config.js'
import { prepareDatabase, runMigrations } from './db/database.js'
import { readDemoLogin, seedDemo } from './db/demo-seed.js'
import { readRedisEvictionPolicy, redisPolicyProblem } from './jobs/connections.js'
import { startWorkers } from './jobs/registry.js'

const say = (msg: string) => process.stdout.write(`${msg}\n`)

async function main() {
  const config = loadConfig()
  if (config.REDIS_URL && config.NODE_ENV === 'production') {
    const problem = redisPolicyProblem(await readRedisEvictionPolicy(config.REDIS_URL), config)
    if (problem) throw new ConfigError(problem)
  }
  const database = await prepareDatabase(config, say)
  await runMigrations(database.url)
  const app = await buildApp({ ...config, DATABASE_URL: database.url })

  let demo: { email: string; password: string } | undefined
  if (config.embeddedDatabase && config.DEMO_SEED) {
    demo = (await seedDemo(app.db, config.dataDir)) ?? (await readDemoLogin(config.dataDir))
  }
  const stopWorkers = config.RUN_WORKER
    ? await startWorkers({ db: app.db, mailer: app.mailer, mailQueue: app.queues.mail, connection: app.queueConnection, log: app.log, config: app.config })
    : async () => {}

  closeWithGrace({ delay: 10_000 }, async ({ err }) => {
    if (err) app.log.error({ err }, 'shutting down after error')
    await stopWorkers()
    await app.close()
    await database.stop()
  })

  await app.listen({ port: config.PORT, host: config.HOST })
  const base = config.PORT === 0 ? `http://${config.HOST}:${(app.server.address() as { port: number }).port}` : config.publicUrl
  say('')
  say(`Klantreis is running (queue: BullMQ on ${app.queues.backend}, mail: ${app.mailer.transport}${app.mailer.transport === 'file' ? ` → ${config.dataDir}/mail` : ''})`)
  say(`  Analyst app:     ${base}/`)
  say(`  Respondent app:  ${base}/r/`)
  say(`  API docs:        ${base}/api/docs`)
  say(`  Health:          ${base}/healthz  ${base}/readyz`)
  if (demo) say(`Demo login: ${demo.email} / ${demo.password}`)
}

main().catch((err) => {
  process.stderr.write(`\nKlantreis could not start.\n${err instanceof ConfigError ? err.message : (err as Error).stack ?? String(err)}\n`)
  process.exit(1)
})
