import type {
  AddFindingQuestionBodySchema,
  AddFindingQuestionResult,
  CreateFindingBodySchema,
  Finding,
  UpdateFindingBodySchema,
} from '@klantreis/shared/findings'
import { ClaimSchema, DEFAULT_SESOI, METRICS_BY_TYPE } from '@klantreis/shared/findings'
import type { Kysely } from 'kysely'
import type { z } from 'zod'
import type { DB } from '../../db/schema.js'
import { isScaleType, scaleBounds } from '@klantreis/shared/surveys/constants'
import { RuleValidationError } from '../../lib/errors.js'
import { pseudonym } from '../../lib/pseudonym.js'
import { requireRole } from '../../lib/roles.js'
import type { Analyst } from '../../lib/actors.js'
import { CodingNotFoundError } from '../coding/coding.errors.js'
import { PersonaNotFoundError, TouchpointNotFoundError } from '../journey/journey.errors.js'
import type { StudiesService } from '../studies/studies.service.js'
import type { ResponsesService } from '../responses/responses.service.js'
import type { SurveysService } from '../surveys/surveys.service.js'
import { SurveyNotFoundError } from '../surveys/surveys.errors.js'
import { FindingConflictError, FindingNotFoundError } from './findings.errors.js'
import {
  appendOperationalization,
  countIn,
  deleteFinding,
  eraseEvidence,
  findingLinks,
  insertFinding,
  listFindingRows,
  lockFinding,
  replaceLinks,
  updateFinding,
} from './findings.queries.js'
import {
  type Answer,
  type OperationalizationInput as VerifyInput,
  SETTINGS,
  verifyFindings,
} from './findings.verify.js'

type OperationalizationInput = z.output<typeof CreateFindingBodySchema>['operationalizations'][number]

type Definition = { pages?: { questions?: { id: string; type: string; touchpointId?: string | null }[] }[] }
const questionsOf = (d: unknown) => (d as Definition | null | undefined)?.pages?.flatMap((p) => p.questions ?? []) ?? []

export function createFindingsService({
  db,
  studies,
  surveys,
  responses,
}: {
  db: Kysely<DB>
  studies: StudiesService
  surveys: SurveysService
  responses: ResponsesService
}) {
  /**
   * A question of a survey as an operationalization may name it: in the newest published version,
   * else in the draft (a question added for a finding waits there until the next publish).
   */
  async function surveyQuestion(studyId: string, surveyId: string, questionId: string) {
    const d = await surveys.definitionsOf(studyId, surveyId)
    if (!d) return undefined
    const find = (definition: unknown) => questionsOf(definition).find((q) => q.id === questionId)
    return { question: find(d.published) ?? find(d.draft) ?? null }
  }

  async function load(studyId: string, findingId?: string): Promise<Finding[]> {
    const rows = await listFindingRows(db, studyId, findingId)
    const links = await findingLinks(
      db,
      rows.map((r) => r.id),
    )
    const questionTouchpoint = new Map<string, string | null>()
    for (const o of links.operationalizations) {
      const key = `${o.survey_id}:${o.question_id}`
      if (questionTouchpoint.has(key)) continue
      const found = await surveyQuestion(studyId, o.survey_id, o.question_id)
      questionTouchpoint.set(key, found?.question?.touchpointId ?? null)
    }
    return rows.map((r) => ({
      id: r.id,
      statement: r.statement,
      touchpointIds: links.touchpoints.filter((t) => t.finding_id === r.id).map((t) => t.touchpoint_id),
      personaIds: links.personas.filter((p) => p.finding_id === r.id).map((p) => p.persona_id),
      evidence: links.evidence
        .filter((e) => e.finding_id === r.id)
        .map((e) => {
          const participant = e.entry_participant ?? e.response_participant
          return {
            codingId: e.coding_id,
            quote: e.quote,
            source: e.source,
            participant: participant ? pseudonym(participant) : null,
            touchpointId: e.touchpoint_id,
            valence: e.valence as 'pain' | 'gain' | 'neutral' | null,
          }
        }),
      erasedEvidence: r.erased_evidence,
      operationalizations: links.operationalizations
        .filter((o) => o.finding_id === r.id)
        .map((o) => ({
          id: o.id,
          surveyId: o.survey_id,
          questionId: o.question_id,
          touchpointId: questionTouchpoint.get(`${o.survey_id}:${o.question_id}`) ?? null,
          metric: o.metric as Finding['operationalizations'][number]['metric'],
          claim: ClaimSchema.parse(o.claim),
          sesoi: o.sesoi,
          primary: o.is_primary,
        })),
      metaInference: r.meta_inference,
      version: r.version,
      createdAt: r.created_at.toISOString(),
      updatedAt: r.updated_at.toISOString(),
    }))
  }

  /** Every finding checked against the survey data as it is now (docs/analysis.md §5). */
  async function verifyAll(studyId: string, adjustment: 'bh' | 'holm') {
    const all = await load(studyId)
    type Q = { id: string; type: string; touchpointId?: string | null; points?: number; max?: number }
    const inputs = []
    for (const f of all) {
      const ops: VerifyInput[] = []
      for (const o of f.operationalizations) {
        const d = await surveys.definitionsOf(studyId, o.surveyId)
        const questions = (d ? questionsOf(d.published ?? d.draft) : []) as Q[]
        const q = questions.find((x) => x.id === o.questionId)
        if (!q || !isScaleType(q.type)) continue // the question left the survey: nothing measures it now
        const claim = o.claim
        const refQuestions =
          claim.kind === 'comparative'
            ? questions.filter(
                (x) =>
                  x.type === q.type &&
                  x.id !== q.id &&
                  x.touchpointId &&
                  (claim.reference === 'rest' ? x.touchpointId !== q.touchpointId : x.touchpointId === claim.reference),
              )
            : []
        const rows = await responses.numericAnswers(o.surveyId, [q.id, ...refQuestions.map((x) => x.id)])
        const toAnswer = (r: (typeof rows)[number]): Answer => ({
          respondent: r.participant_id ?? r.response_id,
          persona: r.persona_id,
          value: Number(r.value),
        })
        const ofTarget = rows.filter((r) => r.question_id === q.id).map(toAnswer)
        const target = claim.kind === 'personas' ? ofTarget.filter((x) => x.persona === claim.personaId) : ofTarget
        const reference =
          claim.kind === 'level'
            ? null
            : claim.kind === 'personas'
              ? ofTarget.filter((x) => x.persona === claim.otherPersonaId)
              : rows.filter((r) => r.question_id !== q.id).map(toAnswer)
        ops.push({
          id: o.id,
          primary: o.primary,
          metric: o.metric,
          claim,
          sesoi: o.sesoi,
          scale: scaleBounds(q as never),
          target,
          reference,
        })
      }
      inputs.push({ id: f.id, operationalizations: ops })
    }
    return { items: verifyFindings(inputs, adjustment), settings: { ...SETTINGS, adjustment } }
  }

  /** Every id must be this study's (a foreign one is a 404), and every measure must fit its question. */
  async function check(
    studyId: string,
    b: {
      touchpointIds?: string[]
      personaIds?: string[]
      codingIds?: string[]
      operationalizations?: OperationalizationInput[]
    },
  ) {
    const all = async (table: 'touchpoint' | 'persona' | 'coding', ids: string[] | undefined, err: () => Error) => {
      const unique = [...new Set(ids ?? [])]
      if ((await countIn(db, table, studyId, unique)) !== unique.length) throw err()
      return unique
    }
    const touchpointIds =
      b.touchpointIds &&
      (await all('touchpoint', b.touchpointIds, () => new TouchpointNotFoundError('one or more of touchpointIds')))
    const personaIds =
      b.personaIds && (await all('persona', b.personaIds, () => new PersonaNotFoundError('one or more of personaIds')))
    const codingIds =
      b.codingIds && (await all('coding', b.codingIds, () => new CodingNotFoundError('one or more of codingIds')))
    const issues: { path: string; message: string }[] = []
    for (const [i, o] of (b.operationalizations ?? []).entries()) {
      const found = await surveyQuestion(studyId, o.surveyId, o.questionId)
      if (!found) throw new SurveyNotFoundError(o.surveyId)
      const q = found.question
      if (!q) {
        issues.push({ path: `body.operationalizations.${i}.questionId`, message: 'no such question in this survey' })
        continue
      }
      if (!(METRICS_BY_TYPE[q.type] ?? []).includes(o.metric))
        issues.push({
          path: `body.operationalizations.${i}.metric`,
          message: `a ${q.type.replace('_', ' ')} question cannot be measured as ${o.metric}`,
        })
      // a share is 0–1 and an NPS −1…+1: a threshold outside cannot be met or missed
      if (o.claim.kind === 'level' && o.metric !== 'mean') {
        const [lo, hi] = o.metric === 'nps' ? [-1, 1] : [0, 1]
        if (o.claim.threshold < lo || o.claim.threshold > hi)
          issues.push({
            path: `body.operationalizations.${i}.claim.threshold`,
            message: `a ${o.metric} threshold lies between ${lo} and ${hi}`,
          })
      }
      if (
        o.claim.kind === 'comparative' &&
        o.claim.reference !== 'rest' &&
        (await countIn(db, 'touchpoint', studyId, [o.claim.reference])) !== 1
      )
        throw new TouchpointNotFoundError(o.claim.reference)
      if (
        o.claim.kind === 'personas' &&
        (await countIn(db, 'persona', studyId, [o.claim.personaId, o.claim.otherPersonaId])) !==
          new Set([o.claim.personaId, o.claim.otherPersonaId]).size
      )
        throw new PersonaNotFoundError('one of the claim personas')
    }
    if (issues.length) throw new RuleValidationError(issues)
    return { touchpointIds, personaIds, codingIds }
  }

  return {
    /** Erasure: unlinks the codings of an erased participant; each finding counts its erased quotes. */
    eraseEvidence: (trx: Kysely<DB>, codingIds: string[]) => eraseEvidence(trx, codingIds),

    async list(a: Analyst, studyId: string) {
      await studies.get(a, studyId)
      return { items: await load(studyId) }
    },

    async get(a: Analyst, studyId: string, findingId: string) {
      await studies.get(a, studyId)
      const [f] = await load(studyId, findingId)
      if (!f) throw new FindingNotFoundError(findingId)
      return f
    },

    async create(a: Analyst, studyId: string, b: z.output<typeof CreateFindingBodySchema>) {
      requireRole(a, 'researcher', 'write findings')
      await studies.get(a, studyId)
      const ids = await check(studyId, b)
      const id = await db.transaction().execute(async (trx) => {
        const f = await insertFinding(trx, {
          studyId,
          statement: b.statement,
          metaInference: b.metaInference,
          createdBy: a.accountId,
        })
        await replaceLinks(trx, f.id, { ...ids, operationalizations: b.operationalizations })
        return f.id
      })
      return (await load(studyId, id))[0]!
    },

    async update(a: Analyst, studyId: string, findingId: string, b: z.output<typeof UpdateFindingBodySchema>) {
      requireRole(a, 'researcher', 'write findings')
      await studies.get(a, studyId)
      const [current] = await listFindingRows(db, studyId, findingId)
      if (!current) throw new FindingNotFoundError(findingId)
      const ids = await check(studyId, b)
      await db.transaction().execute(async (trx) => {
        const done = await updateFinding(trx, findingId, b.baseVersion, {
          ...(b.statement !== undefined ? { statement: b.statement } : {}),
          ...(b.metaInference !== undefined ? { meta_inference: b.metaInference } : {}),
        })
        if (!done) throw new FindingConflictError()
        await replaceLinks(trx, findingId, { ...ids, operationalizations: b.operationalizations })
      })
      return (await load(studyId, findingId))[0]!
    },

    /** Every finding checked against the survey data as it is now (docs/analysis.md §5). */
    async verify(a: Analyst, studyId: string, adjustment: 'bh' | 'holm') {
      await studies.get(a, studyId)
      return verifyAll(studyId, adjustment)
    },

    /**
     * For a finding no survey item measures (verdict "silence"): a CSAT question about its touchpoint
     * in the survey's draft, and the measure that tests it, so that the finding becomes verifiable
     * once the draft is published and answered. Pain evidence is tested as "more customers
     * dissatisfied here than in the rest of the journey" (bottom-2-box higher), gain evidence as
     * "more satisfied" (top-2-box higher). A repeated call finds both and adds nothing.
     */
    async addQuestion(
      a: Analyst,
      studyId: string,
      findingId: string,
      b: z.output<typeof AddFindingQuestionBodySchema>,
    ): Promise<AddFindingQuestionResult> {
      requireRole(a, 'researcher', 'write findings')
      await studies.get(a, studyId)
      const [f] = await load(studyId, findingId)
      if (!f) throw new FindingNotFoundError(findingId)
      if (!(await surveys.kindOf(studyId, b.surveyId))) throw new SurveyNotFoundError(b.surveyId)

      const issues: { path: string; message: string }[] = []
      let touchpointId = b.touchpointId
      if (touchpointId === undefined) {
        if (f.touchpointIds.length === 1) touchpointId = f.touchpointIds[0]
        else
          issues.push({
            path: 'body.touchpointId',
            message: f.touchpointIds.length
              ? 'the finding names several touchpoints: say which one to ask about'
              : 'the finding names no touchpoint to ask about',
          })
      } else if (!f.touchpointIds.includes(touchpointId))
        issues.push({ path: 'body.touchpointId', message: 'not a touchpoint of this finding' })
      const pains = f.evidence.filter((e) => e.valence === 'pain').length
      const gains = f.evidence.filter((e) => e.valence === 'gain').length
      if (pains === gains)
        issues.push({
          path: 'params.findingId',
          message: pains
            ? 'the evidence holds as many pains as gains: choose the measure in the finding dialog'
            : 'the evidence has no pain or gain to test',
        })
      if (issues.length) throw new RuleValidationError(issues)

      const { questionId, created } = await surveys.ensureTouchpointCsat(a, studyId, b.surveyId, touchpointId!)
      const operationalizationCreated = await db.transaction().execute(async (trx) => {
        if (!(await lockFinding(trx, studyId, findingId))) throw new FindingNotFoundError(findingId)
        const links = await findingLinks(trx, [findingId])
        if (links.operationalizations.some((o) => o.survey_id === b.surveyId && o.question_id === questionId))
          return false
        await appendOperationalization(trx, findingId, {
          surveyId: b.surveyId,
          questionId,
          metric: pains > gains ? 'bottom2box' : 'top2box',
          claim: { kind: 'comparative', reference: 'rest', direction: 'higher' },
          sesoi: DEFAULT_SESOI,
          // the first measure sets the verdict; one added next to an existing primary supports it
          primary: !links.operationalizations.some((o) => o.is_primary),
        })
        return true
      })
      return {
        finding: (await load(studyId, findingId))[0]!,
        surveyId: b.surveyId,
        questionId,
        questionCreated: created,
        operationalizationCreated,
      }
    },

    async remove(a: Analyst, studyId: string, findingId: string) {
      requireRole(a, 'researcher', 'write findings')
      await studies.get(a, studyId)
      const [current] = await listFindingRows(db, studyId, findingId)
      if (!current) throw new FindingNotFoundError(findingId)
      await deleteFinding(db, findingId)
    },

    /**
     * The findings and their verification as the findings screen shows them (Benjamini–Hochberg, its
     * default), for an export (issue 15). Read through the pool, not the export's transaction: the
     * verification reads each survey's answers through the surveys and responses services, and a
     * study's findings are a handful of rows, so at most an edit made during the export differs.
     */
    async forExport(studyId: string) {
      const [findings, verification] = [await load(studyId), await verifyAll(studyId, 'bh')]
      return { findings, verification }
    },
  }
}
export type FindingsService = ReturnType<typeof createFindingsService>
