import { MeSchema, SwitchOrganizationBodySchema } from '@klantreis/shared/auth'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { AuthService } from './auth.service.js'

const authAnalystRoutes: FastifyPluginAsyncZod<{ auth: AuthService }> = async (app, { auth }) => {
  app.get('/auth/me', { schema: { tags: ['auth'], response: { 200: MeSchema } } }, async (request) =>
    auth.meFor(request.analyst.sessionId),
  )
  app.post('/auth/logout', { schema: { tags: ['auth'], response: { 204: z.null() } } }, async (request, reply) => {
    await auth.logout(request.analyst, request.ip)
    return reply.clearAnalystSession().code(204).send(null)
  })
  app.post(
    '/auth/switch-organization',
    { schema: { tags: ['auth'], body: SwitchOrganizationBodySchema, response: { 200: MeSchema } } },
    async (request) => auth.switchOrganization(request.analyst, request.body.organizationId),
  )
}
export default authAnalystRoutes
