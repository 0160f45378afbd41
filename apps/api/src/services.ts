import type { Queue } from 'bullmq'
import type { FastifyBaseLogger } from 'fastify'
import type { Kysely } from 'kysely'
import type { Pool } from 'pg'
import type { Config } from './config.js'
import type { DB } from './db/schema.js'
import { createAccessService } from './modules/access/access.service.js'
import { createAuthService } from './modules/auth/auth.service.js'
import { createCodingService } from './modules/coding/coding.service.js'
import { createDashboardService } from './modules/dashboard/dashboard.service.js'
import { createDiaryService } from './modules/diary/diary.service.js'
import { createErasureService } from './modules/erasure/erasure.service.js'
import { createDatasets } from './modules/exports/exports.datasets.js'
import { createExportsService } from './modules/exports/exports.service.js'
import { createEmpathyService } from './modules/empathy/empathy.service.js'
import { createFindingsService } from './modules/findings/findings.service.js'
import { createJourneyService } from './modules/journey/journey.service.js'
import { createMessagesService } from './modules/messages/messages.service.js'
import { createOrganizationService } from './modules/organization/organization.service.js'
import { createParticipantsService } from './modules/participants/participants.service.js'
import { createResponsesService } from './modules/responses/responses.service.js'
import { createRetentionService } from './modules/studies/retention.service.js'
import { createStudiesService } from './modules/studies/studies.service.js'
import { createLinksService } from './modules/surveys/links.service.js'
import { createSurveysService } from './modules/surveys/surveys.service.js'
import { createTeamService } from './modules/team/team.service.js'

export type ServiceDeps = {
  db: Kysely<DB>
  pool: Pool
  queues: { mail: Queue; work: Queue }
  config: Config
  log: FastifyBaseLogger
}

/** The composition root: every feature service, each given what it needs and the services it calls. */
export function createServices({ db, pool, queues, config, log }: ServiceDeps) {
  const auth = createAuthService({ db, pool, config })
  const organization = createOrganizationService({ db })
  const studies = createStudiesService({
    db,
    organization,
    mailQueue: queues.mail,
    // the diary service is built below (it calls studies); this runs only on a request, after it exists
    diaryEndsOn: async (studyId) => (await diary.findForStudy(studyId))?.ends_on ?? null,
    // the exports service is built below too (it calls studies)
    exportFiles: {
      list: (trx, studyId) => exports.studyFiles(trx, studyId),
      remove: (names) => exports.removeFiles(names),
    },
  })
  const journey = createJourneyService({ db, studies })
  const dashboard = createDashboardService({ db, studies, liveTimeoutMs: config.DASHBOARD_LIVE_TIMEOUT_MS })
  const participants = createParticipantsService({ db, pool, config, studies, dashboard, workQueue: queues.work })
  const diary = createDiaryService({ db, pool, studies, journey, participants })
  const surveys = createSurveysService({ db, studies, journey, dashboard })
  const responses = createResponsesService({ db, pool, studies, participants, surveys })
  const links = createLinksService({ db, config, studies })
  const coding = createCodingService({ db, studies })
  const findings = createFindingsService({ db, studies, surveys, responses })
  const empathy = createEmpathyService({ db, studies, journey })
  const datasets = createDatasets({
    studies,
    responses,
    surveys,
    diary,
    participants,
    coding,
    findings,
    dashboard,
    journey,
  })
  const exports = createExportsService({
    db,
    studies,
    datasets,
    workQueue: queues.work,
    dataDir: config.dataDir,
    log,
  })
  const erasure = createErasureService({
    db,
    studies,
    participants,
    responses,
    coding,
    findings,
    dashboard,
    exports,
    mailQueue: queues.mail,
  })
  const retention = createRetentionService({ db, erasure, log })
  const access = createAccessService({ db, studies, participants, responses, coding, erasure })
  const messages = createMessagesService({
    db,
    studies,
    diary,
    participants,
    surveys,
    mailQueue: queues.mail,
    log,
    publicUrl: config.publicUrl,
  })
  const team = createTeamService({ db, config, mailQueue: queues.mail, log, auth })
  return {
    auth,
    team,
    studies,
    journey,
    participants,
    diary,
    surveys,
    responses,
    links,
    messages,
    coding,
    findings,
    empathy,
    dashboard,
    erasure,
    exports,
    access,
    organization,
    retention,
  }
}
export type Services = ReturnType<typeof createServices>
