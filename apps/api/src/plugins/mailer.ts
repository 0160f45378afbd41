import { randomUUID } from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import fp from 'fastify-plugin'
import nodemailer from 'nodemailer'

export type OutgoingMail = { to: string; subject: string; text: string; html: string; messageId?: string; headers?: Record<string, string> }
export type Mailer = {
  transport: 'smtp' | 'file'
  send: (mail: OutgoingMail) => Promise<{ providerId: string }>
  close: () => void
}

declare module 'fastify' {
  interface FastifyInstance {
    mailer: Mailer
  }
}

/**
 * One transport, chosen once: SMTP_URL → pooled SMTP; none → each message written as an .eml
 * file under DATA_DIR/mail, so the zero-setup product still shows exactly what would be sent.
 */
export function createMailer(cfg: { SMTP_URL?: string; MAIL_FROM: string; MAIL_CONNECTIONS?: number; dataDir: string }): Mailer {
  if (cfg.SMTP_URL) {
    // pooled: a few connections kept open, many messages each (an option in the URL wins)
    const url = new URL(cfg.SMTP_URL)
    if (!url.searchParams.has('pool')) url.searchParams.set('pool', 'true')
    if (!url.searchParams.has('maxConnections')) url.searchParams.set('maxConnections', String(cfg.MAIL_CONNECTIONS ?? 5))
    const transport = nodemailer.createTransport(url.toString(), { from: cfg.MAIL_FROM })
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

export default fp(
  async (app) => {
    const mailer = createMailer(app.config)
    app.decorate('mailer', mailer)
    app.addHook('onClose', async () => mailer.close())
  },
  { name: 'mailer', dependencies: ['config'] },
)
