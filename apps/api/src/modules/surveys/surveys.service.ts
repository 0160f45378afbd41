import { type Language } from '@klantreis/shared/common'
import {
  type CreateSurveyBodySchema,
  type GenerateSurveyBodySchema,
  generateSurveyFromJourney,
  type SurveyDefinition,
  type SurveyDefinitionInput,
  touchpointCsatQuestion,
  SurveyDefinitionSchema,
  type SurveyDetail,
  type SurveyVersion,
  type UpdateSurveyBodySchema,
} from '@klantreis/shared/surveys'
import type { Kysely } from 'kysely'
import type { z } from 'zod'
import type { DB } from '../../db/schema.js'
import { RuleValidationError } from '../../lib/errors.js'
import { TouchpointNotFoundError } from '../journey/journey.errors.js'
import { decodeCursor, pageFrom } from '../../lib/pagination.js'
import { requireRole } from '../../lib/roles.js'
import type { Analyst } from '../../lib/actors.js'
import { recordAnalystAudit, studySubject } from '../audit/audit.service.js'
import type { JourneyService } from '../journey/journey.service.js'
import type { DashboardService } from '../dashboard/dashboard.service.js'
import type { StudiesService } from '../studies/studies.service.js'
import { SurveyClosedForChangesError, SurveyNotFoundError, SurveyVersionNotFoundError } from './surveys.errors.js'
import {
  currentVersion,
  deleteSurvey,
  findSurvey,
  findSurveyInStudy,
  findVersion,
  findVersionDefinition,
  insertSurvey,
  insertVersion,
  listSurveys,
  listVersions,
  lockSurvey,
  updateSurvey,
} from './surveys.queries.js'
import { toSummary } from './surveys.mappers.js'
import { listSurveyVersionsForExport } from './surveys.queries.js'

/** What a new questionnaire starts from: one empty page, or one empathy map. */
function starterDraft(kind: 'survey' | 'empathy_map', languages: Language[]): SurveyDefinition {
  const t = (en: string, nl: string) => Object.fromEntries(languages.map((l) => [l, l === 'nl' ? nl : en]))
  return SurveyDefinitionSchema.parse({
    kind,
    languages,
    pages: [
      kind === 'survey'
        ? { id: 'page-1', title: t('Your experience', 'Uw ervaring'), questions: [] }
        : {
            id: 'page-1',
            title: t('Your empathy map', 'Uw empathy map'),
            questions: [
              {
                id: 'empathy',
                type: 'empathy_map',
                required: true,
                text: t(
                  'What did you say, think, do, feel, see and hear? Mark each item as a pain or a gain.',
                  'Wat zei, dacht, deed, voelde, zag en hoorde u? Markeer elk punt als pijn of winst.',
                ),
              },
            ],
          },
    ],
  })
}

export function createSurveysService({
  db,
  studies,
  journey,
  dashboard,
}: {
  db: Kysely<DB>
  studies: StudiesService
  journey: JourneyService
  dashboard: Pick<DashboardService, 'unfoldSurvey'>
}) {
  /** The draft must speak every language of the study, and be of the survey's own kind. */
  function checkDraft(draft: SurveyDefinition, kind: string, languages: string[], path: string) {
    const problems: { path: string; message: string }[] = []
    if (draft.kind !== kind)
      problems.push({ path: `${path}.kind`, message: `must be '${kind}', the kind of this survey` })
    for (const l of languages)
      if (!draft.languages.includes(l as Language))
        problems.push({ path: `${path}.languages`, message: `the study also speaks '${l}'` })
    if (problems.length) throw new RuleValidationError(problems)
  }
  async function detail(studyId: string, surveyId: string): Promise<SurveyDetail> {
    const row = await findSurvey(db, studyId, surveyId)
    if (!row) throw new SurveyNotFoundError(surveyId)
    const versions = await listVersions(db, surveyId)
    return {
      ...toSummary(row),
      draft: SurveyDefinitionSchema.parse(row.draft),
      versions: versions.map((v) => ({ version: v.version, publishedAt: v.published_at.toISOString() })),
    }
  }

  return {
    /** A survey of a study, for a module that has already checked the caller may see the study (messages). */
    findInStudy: (studyId: string, surveyId: string) => findSurveyInStudy(db, studyId, surveyId),
    /** A survey's newest published version (undefined before the first publish). */
    latestVersion: (surveyId: string) => currentVersion(db, surveyId),
    /** One published version's definition, as stored, with its survey's study (undefined when there is none). */
    versionDefinition: (surveyId: string, version: number) => findVersionDefinition(db, surveyId, version),

    /**
     * A survey's newest published definition (null before the first publish) and its draft, as
     * stored; undefined when the study has no such survey.
     */
    async definitionsOf(
      studyId: string,
      surveyId: string,
    ): Promise<{ published: unknown; draft: unknown } | undefined> {
      const s = await findSurveyInStudy(db, studyId, surveyId)
      if (!s) return undefined
      const v = await currentVersion(db, surveyId)
      return { published: v?.definition ?? null, draft: s.draft }
    },

    kindOf: async (studyId: string, surveyId: string) => (await findSurveyInStudy(db, studyId, surveyId))?.kind,

    async list(a: Analyst, studyId: string, q: { limit: number; cursor?: string }) {
      await studies.get(a, studyId)
      const after = decodeCursor(q.cursor, ['timestamp', 'uuid'])
      return pageFrom(await listSurveys(db, studyId, { limit: q.limit, after }), q.limit, toSummary, (r) => [
        r.created_key,
        r.id,
      ])
    },

    async get(a: Analyst, studyId: string, surveyId: string) {
      await studies.get(a, studyId)
      return detail(studyId, surveyId)
    },

    async create(a: Analyst, studyId: string, body: z.output<typeof CreateSurveyBodySchema>) {
      requireRole(a, 'researcher', 'create surveys')
      const study = await studies.get(a, studyId)
      const draft = body.draft ?? starterDraft(body.kind, study.languages)
      checkDraft(draft, body.kind, study.languages, 'body.draft')
      const { id } = await insertSurvey(db, studyId, { title: body.title, kind: body.kind, draft })
      return detail(studyId, id)
    },

    /** A draft built from the touchpoint model: a CSAT per touchpoint in journey order, then NPS, CES and an open question. */
    async generate(a: Analyst, studyId: string, body: z.output<typeof GenerateSurveyBodySchema>) {
      requireRole(a, 'researcher', 'create surveys')
      const model = await journey.model(a, studyId)
      const draft = generateSurveyFromJourney(
        {
          languages: model.study.languages,
          stages: model.stages.map((s) => ({
            name: s.name,
            touchpoints: model.touchpoints.filter((t) => t.stageId === s.id).map((t) => ({ id: t.id, name: t.name })),
          })),
        },
        { includeWhy: body.includeWhy },
      )
      const { id } = await insertSurvey(db, studyId, { title: body.title, kind: 'survey', draft })
      return detail(studyId, id)
    },

    async update(
      a: Analyst,
      studyId: string,
      surveyId: string,
      body: z.output<typeof UpdateSurveyBodySchema>,
      ip: string,
    ) {
      requireRole(a, 'researcher', 'change surveys')
      const study = await studies.get(a, studyId)
      await db.transaction().execute(async (trx) => {
        const row = await lockSurvey(trx, studyId, surveyId)
        if (!row) throw new SurveyNotFoundError(surveyId)
        if (body.draft) checkDraft(body.draft, row.kind, study.languages, 'body.draft')
        if (body.status === 'open' && !(await listVersions(trx, surveyId)).length)
          throw new RuleValidationError([
            { path: 'body.status', message: 'publish a version before opening the survey' },
          ])
        await updateSurvey(trx, surveyId, body)
        if (body.status === 'closed' && row.status !== 'closed')
          await recordAnalystAudit(trx, a, ip, 'survey.closed', studySubject(studyId), { surveyId, title: row.title })
      })
      return detail(studyId, surveyId)
    },

    async remove(a: Analyst, studyId: string, surveyId: string) {
      requireRole(a, 'researcher', 'delete surveys')
      await studies.get(a, studyId)
      await db.transaction().execute(async (trx) => {
        // its answers leave the dashboard's rollups with it
        await dashboard.unfoldSurvey(trx, surveyId)
        if (!(await deleteSurvey(trx, studyId, surveyId))) throw new SurveyNotFoundError(surveyId)
      })
    },

    /**
     * Freezes the draft as the next version. Versions are never changed afterwards: a response
     * keeps the version it started on even when a newer one is published halfway.
     */
    async publish(a: Analyst, studyId: string, surveyId: string, ip: string) {
      requireRole(a, 'researcher', 'publish surveys')
      const study = await studies.get(a, studyId)
      return db.transaction().execute(async (trx) => {
        const row = await lockSurvey(trx, studyId, surveyId)
        if (!row) throw new SurveyNotFoundError(surveyId)
        const draft = SurveyDefinitionSchema.parse(row.draft)
        checkDraft(draft, row.kind, study.languages, 'draft')
        if (!draft.pages.some((p) => p.questions.length))
          throw new RuleValidationError([{ path: 'draft.pages', message: 'add at least one question' }])
        const v = await insertVersion(trx, surveyId, draft)
        if (row.status === 'draft') await updateSurvey(trx, surveyId, { status: 'open' })
        await recordAnalystAudit(trx, a, ip, 'survey.published', studySubject(studyId), {
          surveyId,
          title: row.title,
          version: v.version,
        })
        return { version: v.version, publishedAt: v.published_at.toISOString() }
      })
    },

    /**
     * A CSAT question about a touchpoint in the survey's draft, worded as the generator words it;
     * when the draft already asks one, that one. Always the draft: published versions stay frozen,
     * and the question reaches respondents with the next publish, as an edit in the builder does.
     * It goes after the questions about the same stage, else on an empty page, else on a new page
     * for the stage before the closing page.
     */
    async ensureTouchpointCsat(
      a: Analyst,
      studyId: string,
      surveyId: string,
      touchpointId: string,
    ): Promise<{ questionId: string; created: boolean }> {
      requireRole(a, 'researcher', 'change surveys')
      const model = await journey.model(a, studyId)
      const tp = model.touchpoints.find((x) => x.id === touchpointId)
      if (!tp) throw new TouchpointNotFoundError(touchpointId)
      const stageIndex = model.stages.findIndex((s) => s.id === tp.stageId)
      const sameStage = new Set(model.touchpoints.filter((x) => x.stageId === tp.stageId).map((x) => x.id))
      return db.transaction().execute(async (trx) => {
        const row = await lockSurvey(trx, studyId, surveyId)
        if (!row) throw new SurveyNotFoundError(surveyId)
        if (row.status === 'closed') throw new SurveyClosedForChangesError()
        if (row.kind !== 'survey')
          throw new RuleValidationError([
            { path: 'body.surveyId', message: 'an empathy-map questionnaire takes no CSAT question; choose a survey' },
          ])
        const draft = SurveyDefinitionSchema.parse(row.draft)
        const questions = draft.pages.flatMap((p) => p.questions)
        const existing = questions.find((q) => q.type === 'csat' && q.touchpointId === touchpointId)
        if (existing) return { questionId: existing.id, created: false }

        // ids already used by a published version keep their meaning: a new question never takes one
        const taken = new Set(questions.map((q) => q.id))
        for (const v of await listVersions(trx, surveyId)) {
          const def = (await findVersion(trx, surveyId, v.version))!.definition as SurveyDefinition
          for (const q of def.pages.flatMap((p) => p.questions)) taken.add(q.id)
        }
        const stem = `tp-${touchpointId.slice(0, 8)}-csat`
        let questionId = stem
        for (let i = 2; taken.has(questionId); i++) questionId = `${stem}-${i}`
        const question = touchpointCsatQuestion(questionId, tp, draft.languages)

        const pages: SurveyDefinitionInput['pages'] = structuredClone(draft.pages)
        const stagePage = [...pages]
          .reverse()
          .find((p) => p.questions.some((q) => q.touchpointId && sameStage.has(q.touchpointId)))
        const emptyPage = pages.find((p) => p.questions.length === 0)
        if (stagePage) {
          const last = stagePage.questions.findLastIndex((q) => q.touchpointId && sameStage.has(q.touchpointId))
          // a generated "why?" follow-up belongs to the CSAT before it
          let at = last + 1
          while (
            at < stagePage.questions.length &&
            stagePage.questions[at]!.showIf &&
            stagePage.questions[at]!.touchpointId === stagePage.questions[last]!.touchpointId
          )
            at++
          stagePage.questions.splice(at, 0, question)
        } else if (emptyPage) {
          emptyPage.questions.push(question)
        } else {
          let pageId = `stage-${stageIndex + 1}`
          for (let i = 2; pages.some((p) => p.id === pageId); i++) pageId = `stage-${stageIndex + 1}-${i}`
          const stageName = model.stages[stageIndex]?.name ?? tp.name
          const page = {
            id: pageId,
            title: Object.fromEntries(draft.languages.map((l) => [l, stageName])),
            questions: [question],
          }
          const closing = pages.findIndex((p) => p.id === 'overall')
          pages.splice(closing === -1 ? pages.length : closing, 0, page)
        }
        const next = SurveyDefinitionSchema.parse({ ...draft, pages })
        await updateSurvey(trx, surveyId, { draft: next })
        return { questionId, created: true }
      })
    },

    async version(a: Analyst, studyId: string, surveyId: string, version: number): Promise<SurveyVersion> {
      await studies.get(a, studyId)
      if (!(await findSurvey(db, studyId, surveyId))) throw new SurveyNotFoundError(surveyId)
      const v = await findVersion(db, surveyId, version)
      if (!v) throw new SurveyVersionNotFoundError(version)
      return {
        version: v.version,
        publishedAt: v.published_at.toISOString(),
        definition: SurveyDefinitionSchema.parse(v.definition),
      }
    },

    /** An export's surveys and their published versions, in the export job's transaction (issue 15). */
    versionsForExport: (trx: Kysely<DB>, studyId: string) => listSurveyVersionsForExport(trx, studyId),
  }
}
export type SurveysService = ReturnType<typeof createSurveysService>
