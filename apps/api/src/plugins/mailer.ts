import fp from 'fastify-plugin'
import { createMailer, type Mailer } from '../email/transport.js'

declare module 'fastify' {
  interface FastifyInstance {
    mailer: Mailer
  }
}

/** The one transport (email/transport.ts), built from config and closed with the app. */
export default fp(
  async (app) => {
    const mailer = createMailer(app.config)
    app.decorate('mailer', mailer)
    app.addHook('onClose', async () => mailer.close())
  },
  { name: 'mailer', dependencies: ['config'] },
)
