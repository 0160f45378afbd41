import { type ChildProcess, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import fs from 'node:fs/promises'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { leaksIn, mailedTokens } from './token-leaks.js'

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = net.createServer()
    s.on('error', reject)
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo
      s.close(() => resolve(port))
    })
  })

export type Product = {
  url: string
  email: string
  password: string
  output: () => string
  /** The product's DATA_DIR (its embedded PostgreSQL, files), removed at stop. */
  dataDir: string
  /** The API's log of this run (request lines included), kept after the run. */
  logFile: string
  /** Notes a token a test was handed (an API answer, a copied link), for the log check at stop. */
  handedOut: (token: string) => void
  /** Stops the API and fails if its log holds a working token the run handed out. */
  stop: () => Promise<void>
}

/** Where each run's API log is written. */
export const LOG_DIR = path.join(os.tmpdir(), 'klantreis-e2e-logs')

/**
 * The built product exactly as `npm start` runs it (embedded PostgreSQL, demo seed, worker in
 * process), in its own data folder. REDIS_URL, when the suite has one, is passed on so the
 * browser tests also run over BullMQ on Redis; DATABASE_URL is not: demo mode is embedded only.
 */
export async function startProduct(): Promise<Product> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'klantreis-e2e-'))
  const port = await freePort()
  const env: Record<string, string> = {
    PATH: process.env.PATH!,
    HOME: process.env.HOME ?? '/root',
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    // info: every request is logged, so the log check at stop sees every address the run opened
    LOG_LEVEL: 'info',
    QUEUE_PREFIX: `e${randomBytes(4).toString('hex')}`,
    ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}),
  }
  const child: ChildProcess = spawn(process.execPath, [path.join(REPO_ROOT, 'apps/api/dist/server.js')], {
    cwd: path.join(REPO_ROOT, 'apps/api'),
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  await fs.mkdir(LOG_DIR, { recursive: true })
  const logFile = path.join(LOG_DIR, `api-${new Date().toISOString().replace(/[:.]/g, '-')}-${port}.log`)
  const log = createWriteStream(logFile)
  let output = ''
  const keep = (d: Buffer) => {
    output += d
    log.write(d)
  }
  child.stdout!.on('data', keep)
  child.stderr!.on('data', keep)
  const handedOut = new Set<string>()
  const login = await new Promise<{ email: string; password: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`product did not start in 60 s:\n${output}`)), 60_000)
    const check = () => {
      const m = /Demo login: (\S+) \/ (\S+)/.exec(output)
      if (m) {
        clearTimeout(timer)
        resolve({ email: m[1]!, password: m[2]! })
      }
    }
    child.stdout!.on('data', check)
    child.on('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`product exited with ${code}:\n${output}`))
    })
  })
  return {
    url: `http://127.0.0.1:${port}`,
    ...login,
    dataDir,
    output: () => output,
    logFile,
    handedOut: (token) => void handedOut.add(token),
    stop: async () => {
      child.removeAllListeners('exit')
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r))
        child.kill('SIGTERM')
        await exited
      }
      await new Promise((r) => log.end(r))
      const mailed = await mailedTokens(dataDir)
      await fs.rm(dataDir, { recursive: true, force: true })
      const leaks = leaksIn(await fs.readFile(logFile, 'utf8'), [...mailed, ...handedOut])
      if (leaks.length)
        throw new Error(`the API log ${logFile} holds ${leaks.length} working token(s): ${leaks.join(', ')}`)
    },
  }
}
