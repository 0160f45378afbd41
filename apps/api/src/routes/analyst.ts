import type { FastifyPluginAsync } from 'fastify'
import type { Services } from '../services.js'
import authAnalystRoutes from '../modules/auth/auth.analyst.routes.js'
import journeyAnalystRoutes from '../modules/journey/journey.analyst.routes.js'
import studiesAnalystRoutes from '../modules/studies/studies.analyst.routes.js'
import teamAnalystRoutes from '../modules/team/team.analyst.routes.js'
import diaryAnalystRoutes from '../modules/diary/diary.analyst.routes.js'
import surveysAnalystRoutes from '../modules/surveys/surveys.analyst.routes.js'
import { linksAnalystRoutes } from '../modules/surveys/links.routes.js'
import codingAnalystRoutes from '../modules/coding/coding.analyst.routes.js'
import dashboardAnalystRoutes from '../modules/dashboard/dashboard.analyst.routes.js'
import erasureAnalystRoutes from '../modules/erasure/erasure.analyst.routes.js'
import exportsAnalystRoutes from '../modules/exports/exports.analyst.routes.js'
import accessAnalystRoutes from '../modules/access/access.analyst.routes.js'
import empathyAnalystRoutes from '../modules/empathy/empathy.analyst.routes.js'
import findingsAnalystRoutes from '../modules/findings/findings.analyst.routes.js'
import messagesAnalystRoutes from '../modules/messages/messages.analyst.routes.js'
import organizationAnalystRoutes from '../modules/organization/organization.analyst.routes.js'
import participantsAnalystRoutes from '../modules/participants/participants.analyst.routes.js'

/** Everything an analyst does after signing in: one session hook (with CSRF) for the whole tree. */
const analystRoutes: FastifyPluginAsync<Services> = async (app, s) => {
  app.addHook('onRequest', app.verifyAnalystSession)
  // A member limited to some studies (issue 14) gets 404 for every other study's routes, checked once
  // here after validation, whichever way each service reaches its rows.
  app.addHook('preHandler', async (req) => {
    const { studyId } = (req.params ?? {}) as { studyId?: unknown }
    if (typeof studyId === 'string') s.studies.assertInScope(req.analyst, studyId)
  })
  await app.register(authAnalystRoutes, { auth: s.auth })
  await app.register(teamAnalystRoutes, { team: s.team })
  await app.register(organizationAnalystRoutes, { organization: s.organization })
  await app.register(studiesAnalystRoutes, { studies: s.studies, journey: s.journey })
  await app.register(journeyAnalystRoutes, { journey: s.journey })
  await app.register(participantsAnalystRoutes, { participants: s.participants })
  await app.register(diaryAnalystRoutes, { diary: s.diary })
  await app.register(surveysAnalystRoutes, { surveys: s.surveys, responses: s.responses })
  await app.register(linksAnalystRoutes, { links: s.links })
  await app.register(messagesAnalystRoutes, { messages: s.messages, participants: s.participants })
  await app.register(codingAnalystRoutes, { coding: s.coding })
  await app.register(findingsAnalystRoutes, { findings: s.findings })
  await app.register(empathyAnalystRoutes, { empathy: s.empathy })
  await app.register(dashboardAnalystRoutes, { dashboard: s.dashboard })
  await app.register(erasureAnalystRoutes, { erasure: s.erasure })
  await app.register(accessAnalystRoutes, { access: s.access })
  await app.register(exportsAnalystRoutes, { exports: s.exports })
}
export default analystRoutes
