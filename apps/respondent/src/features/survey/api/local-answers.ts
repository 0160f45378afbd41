// A questionnaire's answers on this device, kept in IndexedDB as they are typed: the copy that
// survives a dead connection, a closed tab or a crash until the server has it. Small and zod-free,
// because the app's start (not only the lazy questionnaire chunk) uses it to send what is waiting.
import type { Answer, RespondentSurvey } from '@klantreis/shared/surveys'
import { ApiRequestError, api } from '../../../lib/api-client'
import * as db from '../../../lib/idb'

/** The answers typed so far, by question id (an answer is checked by the shared survey rules). */
export type Answers = Record<string, Answer>

/** Whose questionnaire: the participant's (personal link) or an anonymous link's browser session. */
export type Source = 'participant' | 'anonymous'

export type LocalResponse = {
  kind: 'survey-response'
  source: Source
  surveyId: string
  responseId: string
  version: number
  answers: Answers
  /** Answers typed here that the server has not confirmed yet. */
  dirty: boolean
  /** "Send" was pressed and the server has not confirmed it yet. */
  complete: boolean
  /** With `complete`: the answers on the path taken, which is what a submit sends. */
  submitted?: Answers
  /**
   * The server refused these answers (400) and named these questions (possibly none): not sent
   * again by itself; the home screen asks the participant to open the questionnaire and fix them.
   */
  refused?: { questionIds: string[] }
}

/** Fired on window when questionnaires waiting on this device have been sent. */
export const SURVEYS_CHANGED = 'klantreis:surveys-changed'

const key = (source: Source, surveyId: string) => `survey:${source}:${surveyId}`
// the questionnaire itself is stored apart: it is written when loaded, the answers at every change
const copyKey = (source: Source, surveyId: string) => `survey-copy:${source}:${surveyId}`

export const readLocal = (source: Source, surveyId: string) => db.get<LocalResponse>('meta', key(source, surveyId))
export const writeLocal = (r: LocalResponse) => db.set('meta', key(r.source, r.surveyId), r)
export const forgetLocal = (source: Source, surveyId: string) => db.remove('meta', key(source, surveyId))
/** The questionnaire as last loaded, so it opens without a connection. */
export const readCopy = (source: Source, surveyId: string) =>
  db.get<RespondentSurvey>('meta', copyKey(source, surveyId))
export const writeCopy = (source: Source, s: RespondentSurvey) =>
  db.set('meta', copyKey(source, s.survey.id), { ...s, response: null })

/** Where each source's API lives. */
export const endpoints = (source: Source, surveyId: string) =>
  source === 'participant'
    ? {
        base: '/api/v1/respondent',
        survey: `/surveys/${surveyId}`,
        response: (id: string) => `/surveys/${surveyId}/responses/${id}`,
      }
    : { base: '/api/v1/anonymous', survey: '/survey', response: (id: string) => `/responses/${id}` }

export type SendResult = { ok: true; id: string } | { ok: false; error: ApiRequestError }

/** The questions a refusal names: `body.answers.<questionId>` (and anything below it). */
export const refusedQuestions = (err: ApiRequestError) => [
  ...new Set(err.fields.flatMap((f) => /^answers\.([^.]+)/.exec(f)?.[1] ?? [])),
]

/** This source's questionnaires whose answers the server refused, waiting on this device to be fixed. */
export async function listRefused(source: Source): Promise<LocalResponse[]> {
  const all = (await db.getAll<LocalResponse | undefined>('meta').catch(() => [])) as (LocalResponse | undefined)[]
  return all.filter((r): r is LocalResponse => r?.kind === 'survey-response' && r.source === source && !!r.refused)
}

/** PUT every answer so far (saving twice is saving once: the server keeps the response by its id). */
export async function sendResponse(
  r: Pick<LocalResponse, 'source' | 'surveyId' | 'responseId' | 'version'>,
  answers: Answers,
  complete: boolean,
): Promise<SendResult> {
  const e = endpoints(r.source, r.surveyId)
  try {
    const { data } = await api<{ id: string }>('PUT', e.response(r.responseId), {
      base: e.base,
      body: { version: r.version, answers, complete },
    })
    return { ok: true, id: data?.id ?? r.responseId }
  } catch (err) {
    return { ok: false, error: err instanceof ApiRequestError ? err : new ApiRequestError(0, 'NETWORK', String(err)) }
  }
}

/**
 * Sends the questionnaires a participant finished on this device while offline (and then closed):
 * called when the diary starts and when the connection returns. A refusal that retrying cannot
 * cure (closed meanwhile, already complete) ends the wait; the answers stay until the server has them.
 * Answers the server refuses as invalid are marked and wait for the participant; a server fault
 * skips to the next questionnaire; no connection or "come back later" stops until next time.
 */
export async function sendWaiting(source: Source): Promise<number> {
  const all = await db.getAll<unknown>('meta').catch(() => [])
  let sent = 0
  let refused = 0
  for (const v of all) {
    const r = v as LocalResponse
    if (r?.kind !== 'survey-response' || r.source !== source || !r.complete || r.refused) continue
    const res = await sendResponse(r, r.submitted ?? r.answers, true)
    if (res.ok || res.error.code === 'RESPONSE_COMPLETE') {
      await forgetLocal(source, r.surveyId).catch(() => undefined)
      sent++
    } else if (res.error.status === 400) {
      await writeLocal({ ...r, refused: { questionIds: refusedQuestions(res.error) } }).catch(() => undefined)
      refused++
    } else if (res.error.transient && !res.error.serverFault) break
  }
  if (sent || refused) window.dispatchEvent(new Event(SURVEYS_CHANGED))
  return sent
}
