import type { FastifyPluginAsync } from 'fastify'
import authPublicRoutes from '../modules/auth/auth.public.routes.js'
import type { Services } from '../services.js'

/** What needs no session: signing in and accepting a teammate invitation. */
const publicRoutes: FastifyPluginAsync<Pick<Services, 'auth' | 'team'>> = async (app, s) => {
  await app.register(authPublicRoutes, { auth: s.auth, team: s.team })
}
export default publicRoutes
