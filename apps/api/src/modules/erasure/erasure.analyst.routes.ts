import { ParticipantErasureSchema, ParticipantParamsSchema } from '@klantreis/shared/participants'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import type { ErasureService } from './erasure.service.js'

const erasureAnalystRoutes: FastifyPluginAsyncZod<{ erasure: ErasureService }> = async (app, { erasure }) => {
  app.delete(
    '/studies/:studyId/participants/:participantId',
    {
      schema: {
        tags: ['participants'],
        summary: 'Erase a participant and every trace of them, for good (admin)',
        description:
          'Removes the participant and their attributes, consent record, links, diary entries and photos, proposals, responses and answers, empathy items, codings (codes count down), evidence links (the finding counts its erased quotes), outbox mails and their queued jobs, and their dashboard rollups; keeps an anonymous tombstone (study, when, by whom, counts). Erasing again answers 404. Files already written to the mail folder (DATA_DIR/mail, dev mode) are not removed.',
        params: ParticipantParamsSchema,
        response: { 200: ParticipantErasureSchema },
      },
    },
    async (req) => erasure.eraseParticipant(req.analyst, req.params.studyId, req.params.participantId, req.ip),
  )
}
export default erasureAnalystRoutes
