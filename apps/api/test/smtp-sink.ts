import type { AddressInfo } from 'node:net'
import { type ParsedMail, simpleParser } from 'mailparser'
import { SMTPServer } from 'smtp-server'

/**
 * A real SMTP server on loopback that records what it accepts; `failNext` makes it refuse messages,
 * `acceptThenFailNext` keeps them and still answers with a failure (a confirmation lost on the way).
 */
export async function startSmtpSink() {
  const messages: ParsedMail[] = []
  const waiters: (() => void)[] = []
  let refuse = 0
  let keepThenRefuse = 0
  const rejected = new Set<string>()
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    // a mailbox that does not exist: a permanent refusal (550), as a real server gives it
    onRcptTo(address, _session, callback) {
      if (rejected.has(address.address.toLowerCase()))
        return callback(Object.assign(new Error('5.1.1 mailbox unavailable'), { responseCode: 550 }))
      callback()
    },
    onData(stream, _session, callback) {
      if (refuse > 0) {
        refuse--
        stream.resume()
        stream.on('end', () => callback(Object.assign(new Error('mailbox busy, try later'), { responseCode: 451 })))
        return
      }
      simpleParser(stream)
        .then((m) => {
          messages.push(m)
          for (const w of waiters.splice(0)) w()
          if (keepThenRefuse > 0) {
            keepThenRefuse--
            return callback(Object.assign(new Error('connection lost, try later'), { responseCode: 451 }))
          }
          callback()
        })
        .catch(callback)
    },
  })
  // a client that dies mid-conversation (a killed worker) resets its socket: that is the client's problem, not the sink's
  server.on('error', () => {})
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.server.address() as AddressInfo
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    failNext: (n: number) => {
      refuse = n
    },
    /**
     * The next n messages arrive (they are recorded) but the sender is told 451, as when the server's
     * confirmation never reached it: the sender rightly tries again, and the message arrives twice.
     */
    acceptThenFailNext: (n: number) => {
      keepThenRefuse = n
    },
    /** Refuse this recipient for good (550). */
    rejectRecipient: (address: string) => void rejected.add(address.toLowerCase()),
    /** Resolves when at least n messages arrived; rejects after timeoutMs. */
    waitFor: (n: number, timeoutMs = 15_000) =>
      new Promise<ParsedMail[]>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`only ${messages.length} of ${n} messages arrived`)), timeoutMs)
        const check = () => {
          if (messages.length >= n) {
            clearTimeout(timer)
            resolve(messages)
          } else waiters.push(check)
        }
        check()
      }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
