import {
  ConfirmRemovalRequestBodySchema,
  DeclineRemovalRequestBodySchema,
  ParticipantErasureSchema,
  ParticipantParamsSchema,
  RemovalRequestListSchema,
  RemovalRequestParamsSchema,
  RemovalRequestSchema,
} from '@klantreis/shared/participants'
import { StudyParamsSchema } from '@klantreis/shared/studies'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { AccessService } from './access.service.js'

const accessAnalystRoutes: FastifyPluginAsyncZod<{ access: AccessService }> = async (app, { access }) => {
  const tags = ['participants']
  app.get(
    '/studies/:studyId/participants/:participantId/export',
    {
      schema: {
        tags,
        summary: 'Download everything held about one participant as a ZIP (researcher and up; audited)',
        description:
          "data.json (every part), summary.html (readable, in the participant's language), entries.csv and answers.csv (RFC 4180, formula cells guarded), photos/<file>. The file is named by the pseudonym. Another organization's participant or an unknown id is a 404.",
        params: ParticipantParamsSchema,
        produces: ['application/zip'],
        // documents the download; a stream is sent as it is, never serialized
        response: { 200: z.any().describe('the ZIP file') },
      },
    },
    async (req, reply) => {
      const { fileName, stream } = await access.exportForAnalyst(
        req.analyst,
        req.params.studyId,
        req.params.participantId,
        req.ip,
      )
      return reply
        .type('application/zip')
        .header('content-disposition', `attachment; filename="${fileName}"`)
        .header('cache-control', 'no-store')
        .send(stream)
    },
  )
  app.get(
    '/studies/:studyId/removal-requests',
    {
      schema: {
        tags,
        summary: "Participants' requests to have their data removed (pending first)",
        params: StudyParamsSchema,
        response: { 200: RemovalRequestListSchema },
      },
    },
    async (req) => access.listRequests(req.analyst, req.params.studyId),
  )
  app.post(
    '/studies/:studyId/removal-requests/:requestId/confirm',
    {
      schema: {
        tags,
        summary: 'Confirm a removal request: erase the participant, reason participant_request (admin)',
        params: RemovalRequestParamsSchema,
        body: ConfirmRemovalRequestBodySchema,
        response: { 200: ParticipantErasureSchema },
      },
    },
    async (req) => access.confirmRequest(req.analyst, req.params.studyId, req.params.requestId, req.ip),
  )
  app.post(
    '/studies/:studyId/removal-requests/:requestId/decline',
    {
      schema: {
        tags,
        summary: 'Decline a removal request, optionally saying why; the participant sees it (admin)',
        params: RemovalRequestParamsSchema,
        body: DeclineRemovalRequestBodySchema,
        response: { 200: RemovalRequestSchema },
      },
    },
    async (req) =>
      access.declineRequest(req.analyst, req.params.studyId, req.params.requestId, req.ip, req.body.reason),
  )
}
export default accessAnalystRoutes
