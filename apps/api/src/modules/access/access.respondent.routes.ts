import { RespondentRemovalRequestBodySchema, RespondentRemovalStateSchema } from '@klantreis/shared/participants'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { PARTICIPANT_COOKIE } from '../../plugins/auth.js'
import type { AccessService } from './access.service.js'

const accessRespondentRoutes: FastifyPluginAsyncZod<{ access: AccessService }> = async (app, { access }) => {
  const tags = ['respondent']
  app.get(
    '/me/export',
    {
      schema: {
        tags,
        summary: 'The participant downloads everything held about them as a ZIP (audited)',
        produces: ['application/zip'],
        // documents the download; a stream is sent as it is, never serialized
        response: { 200: z.any().describe('the ZIP file') },
      },
    },
    async (req, reply) => {
      const { fileName, stream } = await access.exportForParticipant(req.participant, req.ip)
      return reply
        .type('application/zip')
        .header('content-disposition', `attachment; filename="${fileName}"`)
        .header('cache-control', 'no-store')
        .send(stream)
    },
  )
  app.get(
    '/me/removal-request',
    {
      schema: {
        tags,
        summary: 'The state of their request to be removed',
        response: { 200: RespondentRemovalStateSchema },
      },
    },
    async (req) => access.removalState(req.participant),
  )
  app.post(
    '/me/removal-request',
    {
      schema: {
        tags,
        summary: 'Ask to have their data removed (asking twice is one request)',
        description:
          "Where the study erases on request, the participant is erased at once and the answer's status is removed (their session is gone with them); else a pending request waits for an admin.",
        body: RespondentRemovalRequestBodySchema,
        response: { 200: RespondentRemovalStateSchema },
      },
    },
    async (req, reply) => {
      const state = await access.requestRemoval(req.participant, req.ip)
      // erased: their session went with them, so the cookie names nothing any more
      if (state.status === 'removed') reply.clearCookie(PARTICIPANT_COOKIE, { path: '/' })
      return state
    },
  )
}
export default accessRespondentRoutes
