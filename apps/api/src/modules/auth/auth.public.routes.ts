import { ApiErrorSchema } from '@klantreis/shared/common'
import {
  AcceptInvitationBodySchema,
  InvitationPreviewSchema,
  InvitationTokenBodySchema,
  LoginBodySchema,
  MeSchema,
} from '@klantreis/shared/auth'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { clientOf } from '../../plugins/auth.js'
import type { AuthService } from './auth.service.js'
import type { TeamService } from '../team/team.service.js'

type Opts = { auth: AuthService; team: TeamService }

/** Routes reachable without a session: sign-in and accepting a teammate invitation. */
const authPublicRoutes: FastifyPluginAsyncZod<Opts> = async (app, { auth, team }) => {
  const limit = app.config.LOGIN_RATE_LIMIT
  app.post(
    '/auth/login',
    {
      schema: {
        tags: ['auth'],
        body: LoginBodySchema,
        response: { 200: MeSchema, 401: ApiErrorSchema, 429: ApiErrorSchema },
      },
      // A cheap first line per address in this process; the limits that hold across addresses and
      // API instances (per account, and per address over all accounts) are counted in the database
      // by the service.
      config: { rateLimit: { max: limit * 5, timeWindow: '1 minute', keyGenerator: (req) => `login|${req.ip}` } },
    },
    async (request, reply) => {
      const { me, sessionToken } = await auth.login(clientOf(request), request.body)
      reply.setAnalystSession(sessionToken)
      return me
    },
  )
  app.post(
    '/auth/invitations/preview',
    {
      schema: {
        tags: ['auth'],
        body: InvitationTokenBodySchema,
        response: { 200: InvitationPreviewSchema, 400: ApiErrorSchema },
      },
      config: { rateLimit: { max: limit * 3, timeWindow: '1 minute' } },
    },
    async (request) => team.previewInvitation(request.body.token),
  )
  app.post(
    '/auth/invitations/accept',
    {
      schema: {
        tags: ['auth'],
        body: AcceptInvitationBodySchema,
        response: { 200: MeSchema, 400: ApiErrorSchema, 401: ApiErrorSchema },
      },
      config: { rateLimit: { max: limit, timeWindow: '1 minute' } },
    },
    async (request, reply) => {
      const { me, sessionToken } = await team.acceptInvitation(clientOf(request), request.body)
      reply.setAnalystSession(sessionToken)
      return me
    },
  )
}
export default authPublicRoutes
