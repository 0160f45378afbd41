import { isScaleType, type SurveyDefinition, SurveyDefinitionSchema, validateResponse } from '@klantreis/shared/surveys'
import { type RespondentSurvey, SaveResponseBodySchema, type SurveyResults } from '@klantreis/shared/responses'
import { isDeepStrictEqual } from 'node:util'
import type { Kysely } from 'kysely'
import type { Pool } from 'pg'
import type { z } from 'zod'
import type { DB } from '../../db/schema.js'
import { RuleValidationError } from '../../lib/errors.js'
import { decodeCursor, pageFrom } from '../../lib/pagination.js'
import type { Analyst, ParticipantContext, Respondent } from '../../lib/actors.js'
import type { ParticipantsService } from '../participants/participants.service.js'
import type { StudiesService } from '../studies/studies.service.js'
import type { SurveysService } from '../surveys/surveys.service.js'
import {
  ResponseCompleteError,
  ResponseExistsError,
  ResponseNotFoundError,
  ResponseVersionError,
  SurveyClosedError,
  SurveyNotFoundError,
  SurveyVersionNotFoundError,
  LinkLimitReachedError,
} from '../surveys/surveys.errors.js'
import {
  answersOf,
  answersOfVersion,
  countLinkResponses,
  countResponses,
  eraseParticipantResponses,
  findParticipantResponse,
  findResponse,
  findSessionLink,
  findSessionResponse,
  insertNewResponse,
  insertResponse,
  listNumericAnswers,
  listResponses,
  listStudySurveysForParticipant,
  lockLink,
  lockResponse,
  replaceAnswers,
  touchResponse,
} from './responses.queries.js'
import { pseudonym } from '../../lib/pseudonym.js'
import { type ResponseRow, toResponse } from './responses.mappers.js'
import { answersForExport, responsesForExport } from './responses.access.queries.js'
import type { ExportRowFilter } from '../../db/export-filters.js'
import {
  countExportAnswerRows,
  countExportResponses,
  streamAnswersLong,
  streamResponsesWide,
} from './responses.queries.js'

type Question = SurveyDefinition['pages'][number]['questions'][number]
type Texts = Partial<Record<'nl' | 'en', string>>
/** A text of the questionnaire in the participant's language, else in the first it has. */
const inLanguage = (t: Texts | undefined, language: 'nl' | 'en') =>
  t ? (t[language] ?? Object.values(t)[0] ?? '') : ''
/** An answer as the participant would read it: the option texts for a choice, the number, their own words. */
function answerText(q: Question | undefined, value: unknown, language: 'nl' | 'en'): string {
  const options = q && 'options' in q ? (q.options as { id: string; text: Texts }[]) : []
  const option = (id: unknown) => inLanguage(options.find((o) => o.id === id)?.text, language) || String(id)
  if (typeof value === 'number') return String(value)
  if (typeof value === 'string') return options.length ? option(value) : value
  if (value && typeof value === 'object' && 'selected' in value) {
    const v = value as { selected: string[]; other?: string }
    return [...v.selected.map(option), ...(v.other ? [v.other] : [])].join('; ')
  }
  if (value && typeof value === 'object' && 'items' in value)
    return (value as { items: { text: string }[] }).items.map((i) => i.text).join('; ')
  return JSON.stringify(value)
}

export const participantRespondent = (p: ParticipantContext): Respondent => ({
  kind: 'participant',
  studyId: p.studyId,
  participantId: p.participantId,
  consentVersion: p.consentVersion,
  ...(p.study ? { latestConsent: p.study.latestConsent } : {}),
})
const owns = (row: { participant_id: string | null; anonymous_session_id: string | null }, who: Respondent) =>
  who.kind === 'participant' ? row.participant_id === who.participantId : row.anonymous_session_id === who.sessionId
const ownResponse = (db: Kysely<DB>, surveyId: string, who: Respondent) =>
  who.kind === 'participant'
    ? findParticipantResponse(db, surveyId, who.participantId)
    : findSessionResponse(db, surveyId, who.sessionId)

const present = (answers: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(answers).filter(([, v]) => v !== null && v !== undefined))

export function createResponsesService({
  db,
  pool,
  studies,
  participants,
  surveys,
}: {
  db: Kysely<DB>
  pool: Pool
  studies: StudiesService
  participants: ParticipantsService
  /** The questionnaires a response answers: a survey of the study, its versions. */
  surveys: Pick<SurveysService, 'findInStudy' | 'latestVersion' | 'versionDefinition'>
}) {
  async function surveyOf(studyId: string, surveyId: string) {
    const s = await surveys.findInStudy(studyId, surveyId)
    if (!s) throw new SurveyNotFoundError(surveyId)
    return s
  }
  // A published version never changes: read and parse it once (every answer save checks against it).
  const definitions = new Map<string, { definition: SurveyDefinition; studyId: string }>()
  async function versionOf(surveyId: string, version: number) {
    const key = `${surveyId}:${version}`
    const known = definitions.get(key)
    if (known) return known
    const v = await surveys.versionDefinition(surveyId, version)
    if (!v) throw new SurveyVersionNotFoundError(version)
    const parsed = { definition: SurveyDefinitionSchema.parse(v.definition), studyId: v.study_id }
    if (definitions.size >= 1000) definitions.delete(definitions.keys().next().value!)
    definitions.set(key, parsed)
    return parsed
  }
  const definitionOf = async (surveyId: string, version: number) => (await versionOf(surveyId, version)).definition

  return {
    /** Erasure, in the caller's transaction after the dashboard unfolded them: the participant's responses and answers. */
    eraseParticipant: (trx: Kysely<DB>, participantId: string) => eraseParticipantResponses(trx, participantId),

    /**
     * Subject access (modules/access), in the caller's snapshot: the participant's questionnaire
     * responses, each answer with its question's text and the answer as they gave it (in their
     * language), and the items of their empathy maps.
     */
    async exportParticipant(trx: Kysely<DB>, participantId: string, language: 'nl' | 'en') {
      const rows = await responsesForExport(trx, participantId)
      const answers = await answersForExport(
        trx,
        rows.map((r) => r.id),
      )
      const empathyItems: { survey: string; box: string; text: string; valence: string }[] = []
      const responses = []
      for (const r of rows) {
        const definition = await definitionOf(r.survey_id, r.version)
        const questions = definition.pages.flatMap((p) => p.questions)
        const order = new Map(questions.map((q, i) => [q.id, i]))
        const own = answers
          .filter((a) => a.response_id === r.id)
          .sort((a, b) => (order.get(a.question_id) ?? 1e9) - (order.get(b.question_id) ?? 1e9))
        for (const a of own) {
          const items = (a.value as { items?: unknown } | null)?.items
          if (Array.isArray(items))
            for (const i of items as { box: string; text: string; valence: string }[])
              empathyItems.push({ survey: r.title, box: i.box, text: i.text, valence: i.valence })
        }
        responses.push({
          survey: r.title,
          kind: r.kind,
          status: r.status,
          startedAt: r.started_at.toISOString(),
          completedAt: r.completed_at?.toISOString() ?? null,
          answers: own.map((a) => {
            const q = questions.find((x) => x.id === a.question_id)
            return {
              questionId: a.question_id,
              question: inLanguage(q?.text, language),
              answer: answerText(q, a.value, language),
              value: a.value,
              answeredAt: a.answered_at.toISOString(),
            }
          }),
        })
      }
      return { responses, empathyItems }
    },

    // ---------- participant ----------
    async listForParticipant(p: ParticipantContext) {
      const rows = await listStudySurveysForParticipant(db, p.studyId, p.participantId)
      return {
        items: rows.map((r) => ({
          id: r.id,
          title: r.title,
          kind: r.kind as 'survey',
          responseStatus: (r.response_status ?? 'none') as 'none' | 'in_progress' | 'complete',
        })),
      }
    },

    /** The version to answer: the one their response started on, else the newest. Resuming on another device starts here. */
    async getFor(who: Respondent, surveyId: string): Promise<RespondentSurvey> {
      const s = await surveyOf(who.studyId, surveyId)
      const response = await ownResponse(db, surveyId, who)
      const version = response?.version ?? (await surveys.latestVersion(surveyId))?.version
      if (!version) throw new SurveyNotFoundError(surveyId) // nothing published yet
      return {
        survey: { id: s.id, title: s.title, kind: s.kind as 'survey', status: s.status as 'open' },
        version,
        definition: await definitionOf(surveyId, version),
        response: response ? toResponse(response, await answersOf(db, response.id)) : null,
      }
    },

    /**
     * Save as you go, and submit. The body carries every answer so far, so saving twice is saving
     * once; the device made the response id. Answers are checked against the version the response
     * is on (never the newest): only questions on the path actually taken count, and a submit needs
     * every required one of them.
     */
    async save(who: Respondent, surveyId: string, responseId: string, body: z.output<typeof SaveResponseBodySchema>) {
      if (who.kind === 'participant') await participants.requireConsent(who)
      const version = await versionOf(surveyId, body.version).catch(() => null)
      // another study's survey is not found, whatever its versions say
      if (version && version.studyId !== who.studyId) throw new SurveyNotFoundError(surveyId)
      const answers = present(body.answers)
      const issues = version
        ? validateResponse(version.definition, answers, { complete: body.complete }).filter(
            // while in progress, an answer the path no longer shows is kept (nothing typed is lost); a submit must not carry it
            (i) => body.complete || i.message !== 'this question is not shown for the answers given',
          )
        : []
      // The common case, a participant's first save, is one statement; anything else (a later
      // save, a replay, a closed survey, a second response) takes the locked path, which says which.
      if (who.kind === 'participant' && version && issues.length === 0) {
        const row = await insertNewResponse(pool, {
          id: responseId,
          surveyId,
          studyId: who.studyId,
          version: body.version,
          participantId: who.participantId,
          complete: body.complete,
          answers,
        })
        if (row) return { created: true, response: toResponse(row as ResponseRow, answers) }
      }
      const s = await surveyOf(who.studyId, surveyId)
      if (!version) await definitionOf(surveyId, body.version) // the version's own 404
      return db.transaction().execute(async (trx) => {
        let row = await lockResponse(trx, responseId)
        if (row && !owns(row, who)) throw new ResponseNotFoundError(responseId)
        if (row && row.status === 'complete') {
          if (row.version === body.version && isDeepStrictEqual(await answersOf(trx, responseId), answers))
            return { created: false, response: toResponse(row, answers) }
          throw new ResponseCompleteError()
        }
        if (s.status !== 'open') throw new SurveyClosedError()
        if (row && row.version !== body.version) throw new ResponseVersionError()
        if (issues.length)
          throw new RuleValidationError(
            issues.map((i) => ({ path: `body.answers.${i.questionId}`, message: i.message })),
          )
        let created = false
        if (!row) {
          if (await ownResponse(trx, surveyId, who)) throw new ResponseExistsError()
          if (who.kind === 'anonymous') {
            await lockLink(trx, who.linkId)
            const link = await findSessionLink(trx, who.sessionId)
            if (!link || link.revoked_at || (link.expires_at && link.expires_at <= new Date()))
              throw new SurveyClosedError()
            if (link.max_responses !== null && (await countLinkResponses(trx, who.linkId)) >= link.max_responses)
              throw new LinkLimitReachedError()
          }
          created = !!(await insertResponse(trx, {
            id: responseId,
            surveyId,
            version: body.version,
            ...(who.kind === 'participant'
              ? { participantId: who.participantId }
              : { linkId: who.linkId, sessionId: who.sessionId }),
          }))
          row = (await lockResponse(trx, responseId))!
          if (!owns(row, who)) throw new ResponseNotFoundError(responseId)
        }
        await replaceAnswers(trx, responseId, answers)
        await touchResponse(trx, responseId, body.complete)
        return { created, response: toResponse((await lockResponse(trx, responseId))!, answers) }
      })
    },

    // ---------- analyst ----------
    numericAnswers: (surveyId: string, questionIds: string[]) => listNumericAnswers(db, surveyId, questionIds),

    async list(a: Analyst, studyId: string, surveyId: string, q: { limit: number; cursor?: string }) {
      await studies.get(a, studyId)
      await surveyOf(studyId, surveyId)
      const after = decodeCursor(q.cursor, ['timestamp', 'uuid'])
      const rows = await listResponses(db, surveyId, { limit: q.limit, after })
      return pageFrom(
        rows,
        q.limit,
        (r) => {
          const { answers: _a, ...rest } = toResponse(r, {})
          return {
            ...rest,
            participant: r.participant_id ? { id: r.participant_id, pseudonym: pseudonym(r.participant_id) } : null,
          }
        },
        (r) => [r.started_key, r.id],
      )
    },

    async get(a: Analyst, studyId: string, surveyId: string, responseId: string) {
      await studies.get(a, studyId)
      await surveyOf(studyId, surveyId)
      const r = await findResponse(db, surveyId, responseId)
      if (!r) throw new ResponseNotFoundError(responseId)
      return {
        ...toResponse(r, await answersOf(db, r.id)),
        participant: r.participant_id ? { id: r.participant_id, pseudonym: pseudonym(r.participant_id) } : null,
      }
    },

    /** Per-question counts, distribution and mean, completion and where people stopped, for one version. */
    async results(a: Analyst, studyId: string, surveyId: string, version?: number): Promise<SurveyResults> {
      await studies.get(a, studyId)
      await surveyOf(studyId, surveyId)
      const v = version ?? (await surveys.latestVersion(surveyId))?.version
      if (!v) throw new SurveyVersionNotFoundError(1)
      const definition = await definitionOf(surveyId, v)
      const [counts, rows] = await Promise.all([countResponses(db, surveyId, v), answersOfVersion(db, surveyId, v)])
      const started = Number(counts.started)
      const completed = Number(counts.completed)
      const pageOfQuestion = new Map(definition.pages.flatMap((pg, i) => pg.questions.map((q) => [q.id, i] as const)))
      const furthest = new Map<string, { page: number; complete: boolean }>()
      for (const r of rows) {
        const page = pageOfQuestion.get(r.question_id) ?? -1
        const f = furthest.get(r.response_id)
        if (!f || page > f.page) furthest.set(r.response_id, { page, complete: r.status === 'complete' })
      }
      const pages = definition.pages.map((pg, i) => {
        const reached = [...furthest.values()].filter((f) => f.page >= i || f.complete).length
        const stoppedHere = [...furthest.values()].filter((f) => !f.complete && f.page === i).length
        return { pageId: pg.id, reached, stoppedHere }
      })
      const questions = definition.pages.flatMap((pg) =>
        pg.questions.map((q) => {
          const values = rows.filter((r) => r.question_id === q.id).map((r) => r.value)
          const tally = new Map<string, number>()
          const add = (k: string) => tally.set(k, (tally.get(k) ?? 0) + 1)
          for (const v of values) {
            if (isScaleType(q.type) || q.type === 'single_choice') add(String(v))
            else if (q.type === 'multiple_choice') {
              const m = v as { selected?: string[]; other?: string }
              for (const s of m.selected ?? []) add(s)
              if (m.other) add('other')
            } else if (q.type === 'empathy_map')
              for (const item of (v as { items?: { box: string; valence: string }[] }).items ?? [])
                add(`${item.box}:${item.valence}`)
          }
          const numbers = isScaleType(q.type) ? values.filter((v): v is number => typeof v === 'number') : []
          return {
            questionId: q.id,
            type: q.type,
            answered: values.length,
            distribution: [...tally.entries()]
              .sort(([x], [y]) => (isScaleType(q.type) ? Number(x) - Number(y) : x.localeCompare(y)))
              .map(([value, count]) => ({ value, count })),
            mean: numbers.length ? numbers.reduce((s, n) => s + n, 0) / numbers.length : null,
          }
        }),
      )
      return { version: v, started, completed, completionRate: started ? completed / started : null, pages, questions }
    },

    // ---------- exports (issue 15): read in the export job's transaction, rows through a cursor ----------
    countForExport: (trx: Kysely<DB>, f: ExportRowFilter) => countExportResponses(trx, f),
    streamWideForExport: (
      trx: Kysely<DB>,
      f: ExportRowFilter & { surveyId: string },
      contact: boolean,
      chunk: number,
    ) => streamResponsesWide(trx, f, contact, chunk),
    countAnswerRowsForExport: (trx: Kysely<DB>, f: ExportRowFilter) => countExportAnswerRows(trx, f),
    streamLongForExport: (trx: Kysely<DB>, f: ExportRowFilter, contact: boolean, chunk: number) =>
      streamAnswersLong(trx, f, contact, chunk),
  }
}
export type ResponsesService = ReturnType<typeof createResponsesService>
