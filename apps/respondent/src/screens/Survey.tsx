// A questionnaire, one question per screen: loaded lazily (its own chunk), answers saved to the
// server as they are given, so the personal link resumes on any device.
import type { RespondentSurvey } from '@klantreis/shared/surveys'
import { useCallback, useEffect, useRef, useState } from 'react'
import { ApiError, api } from '../api'
import { QuestionInput } from '../components/QuestionInput'
import { useApp, useScreenHeading } from '../context'
import * as db from '../idb'
import { type Answer, type Answers, checkAnswer, isEmptyAnswer, visibleQuestions } from '../survey/logic'
import { Header } from './Header'

type Loaded = RespondentSurvey
type State =
  | { kind: 'loading' }
  | { kind: 'error'; message: 'load' | 'closed' | 'notfound' }
  | { kind: 'ready' }
  | { kind: 'thanks' }
type SaveState = 'idle' | 'saving' | 'saved' | 'offline'

const metaKey = (surveyId: string) => `survey-response:${surveyId}`

/** Where to resume: after the last answered question on the path. */
function resumeIndex(data: Loaded, answers: Answers) {
  const path = visibleQuestions(data.definition, answers)
  let last = -1
  path.forEach((p, i) => {
    if (!isEmptyAnswer(answers[p.q.id])) last = i
  })
  return Math.max(0, Math.min(path.length - 1, last + 1))
}

export function SurveyScreen({ surveyId }: { surveyId: string }) {
  const { t, lang, navigate } = useApp()
  const [state, setState] = useState<State>({ kind: 'loading' })
  const [data, setData] = useState<Loaded | null>(null)
  const [answers, setAnswers] = useState<Answers>({})
  const [index, setIndex] = useState(0)
  const [error, setError] = useState<string | null>(null)
  const [saveState, setSaveState] = useState<SaveState>('idle')
  const [busy, setBusy] = useState(false)
  const responseId = useRef<string>('')
  const answersRef = useRef<Answers>({})
  const chain = useRef<Promise<unknown>>(Promise.resolve())
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined)
  const qHeading = useRef<HTMLHeadingElement>(null)
  const firstShow = useRef(true)
  const title = data?.survey.title ?? t.surveyTitle
  const h = useScreenHeading(state.kind === 'thanks' ? t.thanksTitle : title)

  const load = useCallback(async () => {
    setState({ kind: 'loading' })
    try {
      const { data: d } = await api<Loaded>('GET', `/surveys/${surveyId}`)
      let id = d.response?.id
      if (!id) {
        id = await db.get<string>('meta', metaKey(surveyId)).catch(() => undefined)
        if (!id) {
          id = crypto.randomUUID()
          await db.set('meta', metaKey(surveyId), id).catch(() => undefined)
        }
      } else void db.remove('meta', metaKey(surveyId)).catch(() => undefined)
      responseId.current = id
      const a = (d.response?.answers ?? {}) as Answers
      answersRef.current = a
      setAnswers(a)
      setData(d)
      if (d.response?.status === 'complete') return setState({ kind: 'thanks' })
      if (d.survey.status !== 'open') return setState({ kind: 'error', message: 'closed' })
      setIndex(resumeIndex(d, a))
      setState({ kind: 'ready' })
    } catch (err) {
      setState({ kind: 'error', message: err instanceof ApiError && err.status === 404 ? 'notfound' : 'load' })
    }
  }, [surveyId])

  useEffect(() => {
    void load()
    return () => clearTimeout(timer.current)
  }, [load])

  /** PUT the answers; queued, so saves reach the server in order. */
  const save = useCallback(
    (complete: boolean): Promise<boolean> => {
      const run = async (): Promise<boolean> => {
        if (!data) return false
        const all = answersRef.current
        const body: Record<string, Answer> = {}
        if (complete) {
          for (const { q } of visibleQuestions(data.definition, all)) {
            const v = checkAnswer(q, all[q.id])
            if (v !== null && !isEmptyAnswer(v)) body[q.id] = v
          }
        } else for (const [k, v] of Object.entries(all)) if (v !== undefined && v !== null) body[k] = v
        setSaveState('saving')
        try {
          const { data: r } = await api<{ id: string; status: string }>('PUT', `/surveys/${surveyId}/responses/${responseId.current}`, {
            body: { version: data.version, answers: body, complete },
          })
          if (r?.id && r.id !== responseId.current) responseId.current = r.id
          void db.remove('meta', metaKey(surveyId)).catch(() => undefined)
          setSaveState('saved')
          return true
        } catch (err) {
          if (!(err instanceof ApiError) || err.transient) {
            setSaveState('offline')
            return false
          }
          setSaveState('idle')
          if (err.code === 'SURVEY_CLOSED') setState({ kind: 'error', message: 'closed' })
          else if (err.code === 'RESPONSE_COMPLETE') setState({ kind: 'thanks' })
          else if (err.code === 'RESPONSE_EXISTS' || err.code === 'VERSION_MISMATCH') {
            // another device started, or the questionnaire moved on: take the server's response
            void load()
          } else if (err.code === 'VALIDATION_FAILED') setError(t.answerInvalid)
          return false
        }
      }
      const p = chain.current.then(run, run)
      chain.current = p
      return p
    },
    [data, surveyId, load, t],
  )

  const setAnswer = (qid: string, v: Answer | null, delay: number) => {
    const next = { ...answersRef.current }
    if (v === null) delete next[qid]
    else next[qid] = v
    answersRef.current = next
    setAnswers(next)
    setError(null)
    clearTimeout(timer.current)
    timer.current = setTimeout(() => void save(false), delay)
  }
  const flush = () => {
    clearTimeout(timer.current)
    return save(false)
  }

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
        <Header back={() => navigate({ name: 'home' })} />
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
        <Header />
        <main className="page message-page" id="main">
          <h1 ref={h} tabIndex={-1}>
            {t.thanksTitle}
          </h1>
          <p>{t.thanksBody}</p>
          <button type="button" className="primary" onClick={() => navigate({ name: 'home' })}>
            {t.toHome}
          </button>
        </main>
      </>
    )
  }

  if (state.kind === 'error') {
    return (
      <>
        <Header back={() => navigate({ name: 'home' })} />
        <main className="page" id="main">
          <h1 ref={h} tabIndex={-1}>
            {title}
          </h1>
          <SurveyError message={state.message} retry={() => void load()} />
        </main>
      </>
    )
  }

  const path = visibleQuestions(data.definition, answers)
  const i = Math.min(index, path.length - 1)
  const current = path[i]
  const last = i === path.length - 1
  const page = current ? data.definition.pages.find((p) => p.id === current.pageId) : undefined
  const tx = (x: Partial<Record<string, string>> | undefined) => x?.[lang] ?? x?.en ?? x?.nl ?? ''

  /** The required check and the answer's own rules, before moving on. */
  const problem = (): string | null => {
    if (!current) return null
    const { q } = current
    const raw = answers[q.id]
    if (isEmptyAnswer(raw)) return q.required ? t.answerRequired : null
    if (checkAnswer(q, raw) !== null) return null
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
    await flush()
    const ok = await save(true)
    setBusy(false)
    if (ok) {
      void db.remove('meta', metaKey(surveyId)).catch(() => undefined)
      setState({ kind: 'thanks' })
    }
  }

  return (
    <>
      <Header back={() => navigate({ name: 'home' })} />
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
            key={current.q.id}
            q={current.q}
            value={answers[current.q.id]}
            onChange={(v, delay) => setAnswer(current.q.id, v, delay)}
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
          {saveState === 'saving' ? t.savingAnswer : saveState === 'saved' ? t.saved : saveState === 'offline' ? t.saveOffline : ''}
        </p>
      </main>
    </>
  )
}

function SurveyError({ message, retry }: { message: 'load' | 'closed' | 'notfound'; retry: () => void }) {
  const { t } = useApp()
  return (
    <>
      <p className="notice">{message === 'closed' ? t.surveyClosed : message === 'notfound' ? t.surveyNotFound : t.surveyLoadError}</p>
      {message === 'load' && (
        <button type="button" className="primary" onClick={retry}>
          {t.tryAgain}
        </button>
      )}
    </>
  )
}
