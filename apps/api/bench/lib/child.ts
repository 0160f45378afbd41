import { type ChildProcess, fork } from 'node:child_process'
import { createRequire } from 'node:module'
import { pathToFileURL } from 'node:url'

/** What a server under test tells the bench over IPC once it listens (or fails to). */
export type ServerMessage = { type: 'listening'; port: number } | { type: 'error'; message: string }

export type ServerHandle = { name: string; port: number; pid: number; stop: () => Promise<void> }

const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href

/**
 * Starts a server under test in its own Node process (TypeScript through tsx, workspace sources
 * through the @klantreis/source condition), so it does not share an event loop or a core's worth
 * of CPU with autocannon. Resolves once the child reports the port it listens on.
 */
export function startServer(
  name: string,
  file: string,
  env: Record<string, string>,
  opts: { execArgv?: string[]; readyTimeoutMs?: number } = {},
): Promise<ServerHandle> {
  const child: ChildProcess = fork(file, [], {
    execArgv: ['--import', tsxLoader, '--conditions=@klantreis/source', ...(opts.execArgv ?? [])],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return
    child.kill('SIGTERM')
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000)
    await exited
    clearTimeout(timer)
  }

  return new Promise<ServerHandle>((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop()
      reject(new Error(`${name}: server did not start within ${(opts.readyTimeoutMs ?? 60_000) / 1000} s`))
    }, opts.readyTimeoutMs ?? 60_000)
    child.on('message', (msg: ServerMessage) => {
      clearTimeout(timer)
      if (msg.type === 'listening') resolve({ name, port: msg.port, pid: child.pid!, stop })
      else {
        void stop()
        reject(new Error(`${name}: ${msg.message}`))
      }
    })
    void exited.then((code) => {
      clearTimeout(timer)
      reject(new Error(`${name}: server process exited with code ${code} before listening`))
    })
  })
}

/** Inside a server child: report the port, and close cleanly on SIGTERM from the bench. */
export function reportListening(port: number, close: () => Promise<unknown>) {
  process.send?.({ type: 'listening', port } satisfies ServerMessage)
  let closing = false
  const shutdown = () => {
    if (closing) return
    closing = true
    close().then(
      () => process.exit(0),
      () => process.exit(1),
    )
  }
  process.on('SIGTERM', shutdown)
  process.on('SIGINT', shutdown)
  // The bench died without stopping us: do not linger as an orphan.
  process.on('disconnect', shutdown)
}

export function reportFailure(err: unknown): void {
  const message = err instanceof Error ? (err.stack ?? err.message) : String(err)
  process.stderr.write(`${message}\n`)
  if (!process.send) process.exit(1)
  else process.send({ type: 'error', message } satisfies ServerMessage, () => process.exit(1))
}
