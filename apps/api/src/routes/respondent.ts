import type { FastifyPluginAsync } from 'fastify'
import diaryRespondentRoutes from '../modules/diary/diary.respondent.routes.js'
import type { DiaryService } from '../modules/diary/diary.service.js'
import responsesRespondentRoutes from '../modules/surveys/responses.respondent.routes.js'
import type { ResponsesService } from '../modules/surveys/responses.service.js'
import { PARTICIPANT_COOKIE, type ParticipantsService } from '../modules/participants/participants.service.js'

export const RESPONDENT_WRITES_PER_MINUTE = 120
export const RESPONDENT_READS_PER_MINUTE = 600

/** Everything a participant does: one hook resolves the participant cookie for the whole tree. */
const respondentRoutes: FastifyPluginAsync<{ participants: ParticipantsService; diary: DiaryService; responses: ResponsesService }> = async (app, s) => {
  // One limiter (the plugin runs only one per request), with separate buckets: per participant
  // when the cookie is there (phones behind one address do not hold each other back), per address
  // when it is not; writes get a tighter budget than reads.
  const isWrite = (method: string) => !['GET', 'HEAD', 'OPTIONS'].includes(method)
  app.addHook(
    'onRequest',
    app.rateLimit({
      timeWindow: '1 minute',
      keyGenerator: (req) => `${req.cookies[PARTICIPANT_COOKIE] ? `p|${req.cookies[PARTICIPANT_COOKIE]}` : `ip|${req.ip}`}|${isWrite(req.method) ? 'w' : 'r'}`,
      max: (req) => (isWrite(req.method) ? RESPONDENT_WRITES_PER_MINUTE : RESPONDENT_READS_PER_MINUTE),
    }),
  )
  app.addHook('onRequest', s.participants.verifyParticipant)
  await app.register(diaryRespondentRoutes, { diary: s.diary })
  await app.register(responsesRespondentRoutes, { responses: s.responses })
}
export default respondentRoutes
