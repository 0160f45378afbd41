// A questionnaire, one question per screen: loaded lazily (its own chunk). Every answer is kept on
// this device the moment it is given (IndexedDB) and sent to the server as you go by the app's sync
// queue (api/response-store.ts: retries, back-off, `online`), so the link resumes on any device, and
// a dead connection, a closed tab or a crash loses nothing.
import type { Answer } from '@klantreis/shared/surveys'
import type { RespondentSurvey } from '@klantreis/shared/responses'
import { isEmptyAnswer, surveyPath, validateAnswer } from '@klantreis/shared/surveys/rules'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { ApiRequestError, api } from '../../../lib/api-client'
import { QuestionInput } from './question-input'
import { useScreenHeading, useUi } from '../../../lib/context'
import {
  type Answers,
  endpoints,
  forgetLocal,
  type LocalResponse,
  readCopy,
  readLocal,
  refusedQuestions,
  type Sent,
  type Source,
  sendNow,
  sendSoon,
  startResponses,
  watch,
  writeCopy,
  writeLocal,
} from '../api/response-store'
import { hasUnstorable } from '../../../lib/text'
import type { Lang } from '../../../lib/types'
import { Header } from '../../../components/header'

type Loaded = RespondentSurvey
type ErrorKind = 'load' | 'closed' | 'notfound' | 'limit'
type State =
  | { kind: 'loading' }
  | { kind: 'error'; message: ErrorKind }
  | { kind: 'ready' }
  /** queued: sent from this device as soon as there is a connection */
  | { kind: 'thanks'; queued: boolean }
type SaveState = 'idle' | 'saving' | 'saved' | 'offline'
/** The questionnaire closed, or its anonymous link was revoked or expired. */
const closedCode = (code: string) => code === 'SURVEY_CLOSED' || code === 'LINK_CLOSED'

/** Every piece of text in an answer (a text, the "other" of a choice, the items of an empathy map). */
const textsIn = (v: unknown): string[] =>
  typeof v === 'string' ? [v] : v && typeof v === 'object' ? Object.values(v).flatMap(textsIn) : []

/** Where to resume: after the last answered question on the path. */
function resumeIndex(data: Loaded, answers: Answers) {
  const path = surveyPath(data.definition, answers)
  let last = -1
  path.forEach((p, i) => {
    if (!isEmptyAnswer(answers[p.question.id])) last = i
  })
  return Math.max(0, Math.min(path.length - 1, last + 1))
}

/** What a submit sends: the valid answers on the path taken (an answer off the path is kept while in progress, not sent). */
function submitBody(d: Loaded, all: Answers): Answers {
  const body: Answers = {}
  for (const { question } of surveyPath(d.definition, all)) {
    const check = validateAnswer(question, all[question.id])
    if (check.ok && !isEmptyAnswer(check.value)) body[question.id] = check.value
  }
  return body
}

/**
 * What to show after loading: the server's answers, with what this device holds and the server
 * has not confirmed laid over them (only for questions this version has).
 */
function merge(d: Loaded, local: LocalResponse | undefined): { responseId: string; answers: Answers; dirty: boolean } {
  const server = (d.response?.answers ?? {}) as Answers
  const responseId = d.response?.id ?? local?.responseId ?? crypto.randomUUID()
  if (!local?.dirty) return { responseId, answers: server, dirty: false }
  const ids = new Set(d.definition.pages.flatMap((p) => p.questions.map((q) => q.id)))
  const mine = Object.fromEntries(Object.entries(local.answers).filter(([k]) => ids.has(k))) as Answers
  // the same response: this device's copy is the newer whole; another device's response: keep both
  const same = local.responseId === responseId && local.version === d.version
  return { responseId, answers: same ? mine : { ...server, ...mine }, dirty: true }
}

export function SurveyScreen({ surveyId, source = 'participant' }: { surveyId: string; source?: Source }) {
  const { t, lang, navigate, setLang } = useUi()
  const anonymous = source === 'anonymous'
  const [state, setState] = useState<State>({ kind: 'loading' })
  const [data, setData] = useState<Loaded | null>(null)
  const [answers, setAnswers] = useState<Answers>({})
  const [index, setIndex] = useState(0)
  const [error, setError] = useState<string | null>(null)
  const [saveState, setSaveState] = useState<SaveState>('idle')
  const [busy, setBusy] = useState(false)
  const responseId = useRef<string>('')
  const answersRef = useRef<Answers>({})
  const dataRef = useRef<Loaded | null>(null)
  /** "Send" was pressed: the queue sends the whole response as complete. */
  const completing = useRef(false)
  /** The questions the server refused answers to (400), until they are changed or a save goes through. */
  const refusal = useRef<string[] | null>(null)
  const qHeading = useRef<HTMLHeadingElement>(null)
  const firstShow = useRef(true)
  const title = data?.survey.title ?? t.surveyTitle
  const h = useScreenHeading(state.kind === 'thanks' ? t.thanksTitle : title)
  const home = anonymous ? undefined : () => navigate({ name: 'home' })

  /** This device's copy of the answers: written before anything is sent. */
  const persist = useCallback(
    (dirty: boolean) => {
      const d = dataRef.current
      if (!d) return Promise.resolve()
      const rec: LocalResponse = {
        kind: 'survey-response',
        source,
        surveyId,
        responseId: responseId.current,
        version: d.version,
        answers: answersRef.current,
        dirty,
        complete: completing.current,
        ...(completing.current ? { submitted: submitBody(d, answersRef.current) } : {}),
        ...(refusal.current ? { refused: { questionIds: refusal.current } } : {}),
      }
      return writeLocal(rec).catch(() => undefined)
    },
    [source, surveyId],
  )

  /** A refusal: back to the first question it names on the path, with the error there. */
  // the texts of the language shown when the refusal arrives, without making the loader depend on them
  const textsRef = useRef(t)
  textsRef.current = t
  const showRefusal = useCallback((ids: string[]) => {
    const d = dataRef.current
    if (!d) return
    const path = surveyPath(d.definition, answersRef.current)
    const at = path.findIndex((p) => ids.includes(p.question.id))
    if (at >= 0) setIndex(at)
    const value = at >= 0 ? answersRef.current[path[at]!.question.id] : undefined
    setError(textsIn(value).some(hasUnstorable) ? textsRef.current.answerUnstorable : textsRef.current.answerInvalid)
  }, [])

  /** Ask the queue to send this device's copy (after a pause in typing, or now). */
  const send = useCallback(
    (ms?: number) => (ms === undefined ? sendNow(source, surveyId) : sendSoon(source, surveyId, ms)),
    [source, surveyId],
  )

  /** What became of the answers on their way, whoever sent them (a tap, the queue's retry, `online`). */
  const sent = async (res: Sent | null) => {
    if (!res) return setSaveState('saving')
    if (res.ok) {
      if (!res.value) return
      responseId.current = res.value.id
      refusal.current = null
      setSaveState('saved')
      if (res.value.complete) {
        completing.current = false
        setState({ kind: 'thanks', queued: false })
      }
      return
    }
    const err = res.error
    if (err.transient) {
      // the queue tries again; a submit is thanked for and waits on this device
      setSaveState('offline')
      if (completing.current) setState({ kind: 'thanks', queued: true })
      return
    }
    setSaveState('idle')
    completing.current = false
    if (closedCode(err.code)) setState({ kind: 'error', message: 'closed' })
    else if (err.code === 'LIMIT_REACHED') setState({ kind: 'error', message: 'limit' })
    else if (err.code === 'RESPONSE_EXISTS' || err.code === 'VERSION_MISMATCH') {
      // another device started, or the questionnaire moved on: take the server's response, with this device's answers over it
      void load()
    } else if (err.status === 400) {
      // kept on the device as refused, so the home screen can send the participant back here
      refusal.current = refusedQuestions(err)
      await persist(true)
      setState({ kind: 'ready' })
      showRefusal(refusal.current)
    } else if (err.status === 401 || err.status === 404) setState({ kind: 'error', message: 'notfound' })
  }
  const sentRef = useRef(sent)
  sentRef.current = sent

  const load = useCallback(async () => {
    setState({ kind: 'loading' })
    const e = endpoints(source, surveyId)
    const local = await readLocal(source, surveyId).catch(() => undefined)
    let d: Loaded
    let offline = false
    try {
      d = (await api<Loaded>('GET', e.survey, { base: e.base })).data
      void writeCopy(source, d).catch(() => undefined)
    } catch (err) {
      if (err instanceof ApiRequestError && !err.transient) {
        return setState({
          kind: 'error',
          message: closedCode(err.code) ? 'closed' : err.status === 404 || err.status === 401 ? 'notfound' : 'load',
        })
      }
      // no connection: the copy on this device, if it was opened here before
      const copy = await readCopy(source, surveyId).catch(() => undefined)
      if (!copy) return setState({ kind: 'error', message: 'load' })
      d = local ? { ...copy, version: local.version } : copy
      offline = true
    }
    if (d.response?.status === 'complete') {
      await forgetLocal(source, surveyId).catch(() => undefined)
      setData(d)
      return setState({ kind: 'thanks', queued: false })
    }
    const m = merge(d, local)
    responseId.current = m.responseId
    answersRef.current = m.answers
    dataRef.current = d
    refusal.current = m.dirty ? (local?.refused?.questionIds ?? null) : null
    // refused earlier: not sent again as it is, the participant fixes it first
    completing.current = !!local?.complete && m.dirty && !refusal.current
    setAnswers(m.answers)
    setData(d)
    setIndex(resumeIndex(d, m.answers))
    await persist(m.dirty)
    if (completing.current) {
      // sent offline earlier: send it now
      setState({ kind: 'thanks', queued: true })
      if (offline) setSaveState('offline')
      else void send()
      return
    }
    if (d.survey.status !== 'open' && !offline) return setState({ kind: 'error', message: 'closed' })
    setState({ kind: 'ready' })
    if (refusal.current) showRefusal(refusal.current)
    if (offline) setSaveState('offline')
    else if (m.dirty && !refusal.current) void send()
  }, [source, surveyId, persist, send, showRefusal])

  useEffect(() => {
    // the queue sends what waits on `online` and when the tab is hidden (perhaps closed)
    startResponses()
    const stop = watch(source, surveyId, (r) => void sentRef.current(r))
    void load()
    return stop
  }, [load, source, surveyId])

  // an anonymous questionnaire in a language the browser does not prefer: show it in one it has
  const languages = useMemo(() => (data?.definition.languages ?? []) as Lang[], [data])
  useEffect(() => {
    if (anonymous && languages.length > 0 && !languages.includes(lang)) setLang(languages[0]!)
  }, [anonymous, languages, lang, setLang])

  /** The top bar of an anonymous link: its own name and the questionnaire's languages (there is no diary). */
  const chrome = anonymous ? { languages, brand: t.anonymousBrand } : {}

  const setAnswer = (qid: string, v: Answer | null, delay: number) => {
    const next = { ...answersRef.current }
    if (v === null) delete next[qid]
    else next[qid] = v
    answersRef.current = next
    if (refusal.current) {
      const rest = refusal.current.filter((id) => id !== qid)
      refusal.current = rest.length ? rest : null
    }
    setAnswers(next)
    setError(null)
    // on the device first, then to the server after a pause in typing
    void persist(true).then(() => send(delay))
  }
  const flush = () => send()

  // each question: focus its "Question n of m" heading so a screen reader hears where it is
  useEffect(() => {
    if (state.kind !== 'ready') return
    if (firstShow.current) {
      firstShow.current = false
      return
    }
    qHeading.current?.focus()
  }, [index, state.kind])

  if (state.kind === 'loading' || !data) {
    return (
      <>
        <Header back={home} {...chrome} />
        <main className="page" id="main" aria-busy={state.kind === 'loading'}>
          <h1 ref={h} tabIndex={-1}>
            {title}
          </h1>
          {state.kind === 'loading' ? (
            <p className="loading">{t.loading}</p>
          ) : (
            <SurveyError message={state.kind === 'error' ? state.message : 'load'} retry={() => void load()} />
          )}
        </main>
      </>
    )
  }

  if (state.kind === 'thanks') {
    return (
      <>
        <Header {...chrome} />
        <main className="page message-page" id="main">
          <h1 ref={h} tabIndex={-1}>
            {t.thanksTitle}
          </h1>
          <p>{state.queued ? t.thanksQueued : t.thanksBody}</p>
          {state.queued && (
            <p className="save-state" role="status">
              {saveState === 'saving' ? t.savingAnswer : ''}
            </p>
          )}
          {home && (
            <button type="button" className="primary" onClick={home}>
              {t.toHome}
            </button>
          )}
        </main>
      </>
    )
  }

  if (state.kind === 'error') {
    return (
      <>
        <Header back={home} {...chrome} />
        <main className="page" id="main">
          <h1 ref={h} tabIndex={-1}>
            {title}
          </h1>
          <SurveyError message={state.message} retry={() => void load()} />
        </main>
      </>
    )
  }

  const path = surveyPath(data.definition, answers)
  const i = Math.min(index, path.length - 1)
  const current = path[i]
  const last = i === path.length - 1
  const page = current ? data.definition.pages.find((p) => p.id === current.pageId) : undefined
  const tx = (x: Partial<Record<string, string>> | undefined) => x?.[lang] ?? x?.en ?? x?.nl ?? ''

  /** The required check and the answer's own rules, before moving on. */
  const problem = (): string | null => {
    if (!current) return null
    const { question } = current
    const raw = answers[question.id]
    if (isEmptyAnswer(raw)) return question.required ? t.answerRequired : null
    if (validateAnswer(question, raw).ok) return null
    return t.answerInvalid
  }

  const next = async () => {
    const p = problem()
    if (p) {
      setError(p)
      return
    }
    setError(null)
    if (!last) {
      void flush()
      setIndex(i + 1)
      return
    }
    setBusy(true)
    // on the device first: if the connection fails now, the answers are sent when it returns
    completing.current = true
    await persist(true)
    // thanks (or the refusal) come through `sent`
    await send()
    setBusy(false)
  }

  return (
    <>
      <Header back={home} {...chrome} />
      <main className="page survey" id="main">
        <h1 ref={h} tabIndex={-1} className="survey-title">
          {title}
        </h1>
        <div className="survey-progress">
          <h2 ref={qHeading} tabIndex={-1} id="survey-progress-label" className="progress-label">
            {t.progress(i + 1, path.length)}
          </h2>
          <progress max={path.length} value={i + 1} aria-labelledby="survey-progress-label" />
        </div>
        {page && data.definition.pages.length > 1 && <p className="eyebrow">{tx(page.title)}</p>}
        {current && (
          <QuestionInput
            key={current.question.id}
            q={current.question}
            value={answers[current.question.id]}
            onChange={(v, delay) => setAnswer(current.question.id, v, delay)}
            onBlur={() => void flush()}
            error={error}
            tx={tx}
          />
        )}
        <div className="survey-nav">
          {i > 0 && (
            <button
              type="button"
              onClick={() => {
                setError(null)
                void flush()
                setIndex(i - 1)
              }}
            >
              {t.previous}
            </button>
          )}
          <button type="button" className="primary" onClick={() => void next()} disabled={busy}>
            {last ? (busy ? t.submitting : t.submit) : t.next}
          </button>
        </div>
        <p className={`save-state save-${saveState}`} role="status">
          {saveState === 'saving'
            ? t.savingAnswer
            : saveState === 'saved'
              ? t.saved
              : saveState === 'offline'
                ? t.saveOffline
                : ''}
        </p>
      </main>
    </>
  )
}

function SurveyError({ message, retry }: { message: ErrorKind; retry: () => void }) {
  const { t } = useUi()
  return (
    <>
      <p className="notice">
        {message === 'closed'
          ? t.surveyClosed
          : message === 'limit'
            ? t.surveyFull
            : message === 'notfound'
              ? t.surveyNotFound
              : t.surveyLoadError}
      </p>
      {message === 'load' && (
        <button type="button" className="primary" onClick={retry}>
          {t.tryAgain}
        </button>
      )}
    </>
  )
}
