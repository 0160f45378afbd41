import type { FastifyPluginAsync } from 'fastify'
import diaryRespondentRoutes from '../modules/diary/diary.respondent.routes.js'
import type { DiaryService } from '../modules/diary/diary.service.js'
import type { ParticipantsService } from '../modules/participants/participants.service.js'

/** Everything a participant does: one hook resolves the participant cookie for the whole tree. */
const respondentRoutes: FastifyPluginAsync<{ participants: ParticipantsService; diary: DiaryService }> = async (app, s) => {
  app.addHook('onRequest', s.participants.verifyParticipant)
  await app.register(diaryRespondentRoutes, { diary: s.diary })
}
export default respondentRoutes
