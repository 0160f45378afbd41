import fp from 'fastify-plugin'
import type { Config } from '../config.js'

declare module 'fastify' {
  interface FastifyInstance {
    config: Config & { DATABASE_URL: string }
  }
}

export default fp<{ config: Config & { DATABASE_URL: string } }>(
  async (app, { config }) => {
    app.decorate('config', config)
  },
  { name: 'config' },
)
