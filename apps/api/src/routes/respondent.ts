import type { FastifyPluginAsync, FastifyRequest } from 'fastify'
import accessRespondentRoutes from '../modules/access/access.respondent.routes.js'
import diaryRespondentRoutes from '../modules/diary/diary.respondent.routes.js'
import responsesRespondentRoutes from '../modules/responses/responses.respondent.routes.js'
import { isUnavailable } from '../plugins/errors.js'
import type { Services } from '../services.js'

export const RESPONDENT_WRITES_PER_MINUTE = 120
export const RESPONDENT_READS_PER_MINUTE = 600

/** Everything a participant does: one hook resolves the participant cookie for the whole tree. */
const respondentRoutes: FastifyPluginAsync<Pick<Services, 'diary' | 'responses' | 'access'>> = async (app, s) => {
  // One limiter (the plugin runs only one per request), with separate buckets: per participant
  // once the cookie is known to be one (phones behind one address do not hold each other back), per
  // address otherwise, so a made-up cookie per request is counted like no cookie at all; writes get
  // a tighter budget than reads. The cookie is looked up first and its refusal answered only after
  // the count, so refused requests count too.
  const refused = new WeakMap<FastifyRequest, unknown>()
  const isWrite = (method: string) => !['GET', 'HEAD', 'OPTIONS'].includes(method)
  app.addHook('onRequest', async (req, reply) => {
    try {
      await app.verifyParticipantSession(req, reply)
    } catch (err) {
      // the database away is an outage (503), not a refused cookie: nothing to count
      if (isUnavailable(err)) throw err
      refused.set(req, err)
    }
  })
  app.addHook(
    'onRequest',
    app.rateLimit({
      timeWindow: '1 minute',
      keyGenerator: (req) =>
        `${req.participant && !refused.has(req) ? `p|${req.participant.participantId}` : `ip|${req.ip}`}|${isWrite(req.method) ? 'w' : 'r'}`,
      max: (req) => (isWrite(req.method) ? RESPONDENT_WRITES_PER_MINUTE : RESPONDENT_READS_PER_MINUTE),
    }),
  )
  app.addHook('onRequest', async (req) => {
    if (refused.has(req)) throw refused.get(req)
  })
  await app.register(diaryRespondentRoutes, { diary: s.diary })
  await app.register(responsesRespondentRoutes, { responses: s.responses })
  await app.register(accessRespondentRoutes, { access: s.access })
}
export default respondentRoutes
