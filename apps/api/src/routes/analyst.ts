import type { FastifyPluginAsync } from 'fastify'
import authAnalystRoutes from '../modules/auth/auth.analyst.routes.js'
import type { AuthService } from '../modules/auth/auth.service.js'
import journeyAnalystRoutes from '../modules/journey/journey.analyst.routes.js'
import type { JourneyService } from '../modules/journey/journey.service.js'
import studiesAnalystRoutes from '../modules/studies/studies.analyst.routes.js'
import type { StudiesService } from '../modules/studies/studies.service.js'
import teamAnalystRoutes from '../modules/team/team.analyst.routes.js'
import type { TeamService } from '../modules/team/team.service.js'
import diaryAnalystRoutes from '../modules/diary/diary.analyst.routes.js'
import type { DiaryService } from '../modules/diary/diary.service.js'
import surveysAnalystRoutes from '../modules/surveys/surveys.analyst.routes.js'
import type { SurveysService } from '../modules/surveys/surveys.service.js'
import type { ResponsesService } from '../modules/responses/responses.service.js'
import { linksAnalystRoutes } from '../modules/surveys/links.routes.js'
import type { LinksService } from '../modules/surveys/links.service.js'
import codingAnalystRoutes from '../modules/coding/coding.analyst.routes.js'
import type { CodingService } from '../modules/coding/coding.service.js'
import dashboardAnalystRoutes from '../modules/dashboard/dashboard.analyst.routes.js'
import type { DashboardService } from '../modules/dashboard/dashboard.service.js'
import empathyAnalystRoutes from '../modules/empathy/empathy.analyst.routes.js'
import type { EmpathyService } from '../modules/empathy/empathy.service.js'
import findingsAnalystRoutes from '../modules/findings/findings.analyst.routes.js'
import type { FindingsService } from '../modules/findings/findings.service.js'
import messagesAnalystRoutes from '../modules/messages/messages.analyst.routes.js'
import type { MessagesService } from '../modules/messages/messages.service.js'
import participantsAnalystRoutes from '../modules/participants/participants.analyst.routes.js'
import type { ParticipantsService } from '../modules/participants/participants.service.js'

type Services = {
  auth: AuthService
  team: TeamService
  studies: StudiesService
  journey: JourneyService
  participants: ParticipantsService
  diary: DiaryService
  surveys: SurveysService
  responses: ResponsesService
  links: LinksService
  messages: MessagesService
  coding: CodingService
  findings: FindingsService
  empathy: EmpathyService
  dashboard: DashboardService
}

/** Everything an analyst does after signing in: one session hook (with CSRF) for the whole tree. */
const analystRoutes: FastifyPluginAsync<Services> = async (app, s) => {
  app.addHook('onRequest', s.auth.verifySession)
  await app.register(authAnalystRoutes, { auth: s.auth })
  await app.register(teamAnalystRoutes, { team: s.team })
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
}
export default analystRoutes
