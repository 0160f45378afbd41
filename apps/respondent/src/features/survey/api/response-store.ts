// A questionnaire's answers on this device, kept in IndexedDB as they are typed: the copy that
// survives a dead connection, a closed tab or a crash until the server has it, sent by the app's one
// sync queue (lib/sync-queue.ts). Small and zod-free, because the app's start (not only the lazy
// questionnaire chunk) uses it to send what is waiting.
import type { Answer } from '@klantreis/shared/surveys'
import type { RespondentSurvey } from '@klantreis/shared/responses'
import { ApiRequestError, api } from '../../../lib/api-client'
import * as db from '../../../lib/idb'
import { createSyncQueue, type Result } from '../../../lib/sync-queue'

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
  /** Made anew at every write here: a confirmed send marks the copy clean only if nothing changed since. */
  rev?: number
}

/** Fired on window when questionnaires waiting on this device have been sent. */
export const SURVEYS_CHANGED = 'klantreis:surveys-changed'

const key = (source: Source, surveyId: string) => `survey:${source}:${surveyId}`
// the questionnaire itself is stored apart: it is written when loaded, the answers at every change
const copyKey = (source: Source, surveyId: string) => `survey-copy:${source}:${surveyId}`

/**
 * What the questionnaire screens of this tab last wrote, by key: sent from here (the device copy is
 * written a moment later, or not at all when storage fails), and sent again after a failure.
 */
const latest = new Map<string, LocalResponse>()
/** The screen asked for a send (an answer, leaving a question, "Send"): sent even if refused before. */
const asked = new Set<string>()
/**
 * Refused for a reason a new try does not cure by itself (closed, full, gone, moved on): not sent by
 * the queue again until the screen writes it again, or the app starts anew.
 */
const held = new Set<string>()
/** Sources whose finished questionnaires are sent without their screen: the participant's, once the diary starts. */
const sources = new Set<Source>()

export const readLocal = (source: Source, surveyId: string) => db.get<LocalResponse>('meta', key(source, surveyId))
/** This device's copy of the answers (resolves when on disk); the queue sends it from now on. */
export function writeLocal(r: LocalResponse) {
  const k = key(r.source, r.surveyId)
  const rec = { ...r, rev: Math.random() }
  latest.set(k, rec)
  held.delete(k)
  return db.set('meta', k, rec)
}
export function forgetLocal(source: Source, surveyId: string) {
  latest.delete(key(source, surveyId))
  return db.remove('meta', key(source, surveyId))
}
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

/** What became of a questionnaire's answers on their way (null: nothing of it was left to send). */
export type Sent = Result<{ id: string; complete: boolean } | null>

/** The questions a refusal names: `body.answers.<questionId>` (and anything below it). */
export const refusedQuestions = (err: ApiRequestError) => [
  ...new Set(err.fields.flatMap((f) => /^answers\.([^.]+)/.exec(f)?.[1] ?? [])),
]

/** This source's questionnaires whose answers the server refused, waiting on this device to be fixed. */
export async function listRefused(source: Source): Promise<LocalResponse[]> {
  const all = (await db.getAll<LocalResponse | undefined>('meta').catch(() => [])) as (LocalResponse | undefined)[]
  return all.filter((r): r is LocalResponse => r?.kind === 'survey-response' && r.source === source && !!r.refused)
}

/** Each questionnaire screen's ear: `null` when its answers are on their way, then what became of them. */
const listeners = new Map<string, (r: Sent | null) => void>()
let listChanged = false

/**
 * Waiting: what a screen asked to send; what a screen of this tab wrote and the server has not
 * confirmed; and the questionnaires finished on this device (perhaps offline, then closed) of a
 * started source. Not what the server refused, until it is written again.
 */
async function waiting() {
  const all = new Map<string, LocalResponse>()
  for (const r of await db.getAll<LocalResponse | undefined>('meta').catch(() => []))
    if (r?.kind === 'survey-response') all.set(key(r.source, r.surveyId), r)
  for (const [k, r] of latest) all.set(k, r)
  return [...all]
    .filter(
      ([k, r]) =>
        asked.has(k) ||
        (!r.refused && !held.has(k) && (latest.has(k) ? r.dirty || r.complete : r.complete && sources.has(r.source))),
    )
    .map(([k]) => k)
}

/** PUT every answer so far (saving twice is saving once: the server keeps the response by its id). */
async function send(k: string) {
  asked.delete(k)
  const r = latest.get(k) ?? (await db.get<LocalResponse>('meta', k))
  if (!r) return null
  listeners.get(k)?.(null)
  const e = endpoints(r.source, r.surveyId)
  // a submit sends the answers on the path taken; in progress, every answer given
  const answers = r.complete
    ? (r.submitted ?? r.answers)
    : Object.fromEntries(Object.entries(r.answers).filter(([, v]) => v !== undefined && v !== null))
  let id = r.responseId
  let complete = r.complete
  try {
    const { data } = await api<{ id?: string }>('PUT', e.response(r.responseId), {
      base: e.base,
      body: { version: r.version, answers, complete: r.complete },
    })
    id = data?.id ?? id
  } catch (err) {
    // already complete (sent from here or another device, its answer lost): done here too
    if (!(err instanceof ApiRequestError && err.code === 'RESPONSE_COMPLETE')) throw err
    complete = true
  }
  // complete: forgotten here; in progress: clean (and no longer refused), unless answered again meanwhile
  const clean = ({ refused: _, ...c }: LocalResponse) => ({ ...c, dirty: false })
  await db.update<LocalResponse>(
    k,
    (c) => (!c ? undefined : complete ? null : c.rev === r.rev ? clean(c) : undefined),
    'meta',
  )
  if (complete) latest.delete(k)
  else if (latest.get(k) === r) latest.set(k, clean(r))
  return { id, complete }
}

const queue = createSyncQueue({
  lock: 'klantreis.respondent.survey-sync',
  waiting,
  send,
  // no answer or "come back later": stop; a server fault: next round; a refusal: parked (a 400 for
  // the participant to fix, anything else held until the questionnaire is written again)
  classify: (e) => (e.transient ? (e.serverFault ? 'retry' : 'stop') : 'park'),
  async setAside(k, e, verdict) {
    if (verdict === 'retry') return
    if (e.status !== 400) return void held.add(k)
    // kept as refused, so the home screen can send the participant back to fix it
    const refused = { questionIds: refusedQuestions(e) }
    await db.update<LocalResponse>(k, (c) => c && { ...c, refused }, 'meta').catch(() => undefined)
    const l = latest.get(k)
    if (l) latest.set(k, { ...l, refused })
  },
  onResult(k, r) {
    listeners.get(k)?.(r)
    if (r.ok ? r.value?.complete : r.error.status === 400) listChanged = true
  },
  async afterRun() {
    if (listChanged && typeof window !== 'undefined') window.dispatchEvent(new Event(SURVEYS_CHANGED))
    listChanged = false
  },
})

/** Hear what becomes of one questionnaire's answers (its screen); returns the way to stop. */
export function watch(source: Source, surveyId: string, fn: (r: Sent | null) => void) {
  const k = key(source, surveyId)
  listeners.set(k, fn)
  return () => void (listeners.get(k) === fn && listeners.delete(k))
}
/** Send these answers after a pause of `ms` (typing), or at once. */
export function sendSoon(source: Source, surveyId: string, ms: number) {
  asked.add(key(source, surveyId))
  queue.soon(ms)
}
/** Send these answers now; resolves when the queue has tried (the outcome goes to `watch`). */
export function sendNow(source: Source, surveyId: string) {
  asked.add(key(source, surveyId))
  return queue.syncNow(true)
}
/**
 * Start sending: with a source, also the questionnaires of that source finished on this device
 * earlier (the diary calls it when it starts, and when it is told to look again).
 */
export function startResponses(source?: Source) {
  if (source) sources.add(source)
  queue.start()
}
