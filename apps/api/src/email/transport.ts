// The mail transport (nodemailer), used by the API's mailer plugin (plugins/mailer.ts) and the worker.
import { randomUUID } from 'node:crypto'
import fs from 'node:fs/promises'
import net from 'node:net'
import path from 'node:path'
import tls from 'node:tls'
import nodemailer from 'nodemailer'
import { parseConnectionUrl } from 'nodemailer/lib/shared/index.js'
import type SMTPConnection from 'nodemailer/lib/smtp-connection/index.js'

export type OutgoingMail = {
  to: string
  subject: string
  text: string
  html: string
  messageId?: string
  headers?: Record<string, string>
}
export type Mailer = {
  transport: 'smtp' | 'file'
  send: (mail: OutgoingMail) => Promise<{ providerId: string }>
  close: () => void
}

/**
 * One transport, chosen once: SMTP_URL → pooled SMTP; none → each message written as an .eml
 * file under DATA_DIR/mail, so the zero-setup product still shows exactly what would be sent.
 */
export function createMailer(cfg: {
  SMTP_URL?: string
  MAIL_FROM: string
  MAIL_CONNECTIONS?: number
  dataDir: string
}): Mailer {
  if (cfg.SMTP_URL) {
    // pooled: a few connections kept open, many messages each (an option in the URL wins)
    const url = new URL(cfg.SMTP_URL)
    if (!url.searchParams.has('pool')) url.searchParams.set('pool', 'true')
    if (!url.searchParams.has('maxConnections'))
      url.searchParams.set('maxConnections', String(cfg.MAIL_CONNECTIONS ?? 5))
    const transport = nodemailer.createTransport(
      { ...parseConnectionUrl(url.toString()), getSocket: socketWithoutDelay },
      { from: cfg.MAIL_FROM },
    )
    return {
      transport: 'smtp',
      send: async (m) => {
        const info = await transport.sendMail({ from: cfg.MAIL_FROM, ...m })
        return { providerId: String(info.messageId) }
      },
      close: () => transport.close(),
    }
  }
  const dir = path.join(cfg.dataDir, 'mail')
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' })
  return {
    transport: 'file',
    send: async (m) => {
      const info = await transport.sendMail({ from: cfg.MAIL_FROM, ...m })
      await fs.mkdir(dir, { recursive: true })
      const file = path.join(dir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomUUID()}.eml`)
      await fs.writeFile(file, info.message as Buffer)
      return { providerId: String(info.messageId) }
    },
    close: () => transport.close(),
  }
}

/**
 * nodemailer's sockets keep Nagle's algorithm on, and an SMTP exchange is many small writes: each
 * message then waits for the peer's delayed ACK (about 40 ms), so a pooled connection managed some
 * 20 messages a second to a local server. The same connection with TCP_NODELAY (nodemailer's
 * `getSocket` hook) sends about eight times as many.
 */
function socketWithoutDelay(
  options: SMTPConnection.Options,
  callback: (err: Error | null, socketOptions?: { connection: net.Socket; secured?: boolean }) => void,
) {
  const host = options.host ?? 'localhost'
  const port = options.port ?? (options.secure ? 465 : 587)
  const socket = options.secure
    ? tls.connect({
        host,
        port,
        servername: net.isIP(host) ? undefined : host,
        ...(options.tls as tls.ConnectionOptions | undefined),
      })
    : net.connect({ host, port })
  socket.setNoDelay(true)
  // a server that never answers: give up as nodemailer itself would (its default is 2 minutes)
  socket.setTimeout(options.connectionTimeout ?? 120_000, () =>
    socket.destroy(Object.assign(new Error('Connection timeout'), { code: 'ETIMEDOUT' })),
  )
  const fail = (err: Error) => callback(err)
  socket.once('error', fail)
  socket.once(options.secure ? 'secureConnect' : 'connect', () => {
    socket.setTimeout(0)
    socket.removeListener('error', fail)
    callback(null, { connection: socket, secured: !!options.secure })
  })
}
