import {
  lazy,
  Suspense,
  useCallback,
  useEffect,
  useMemo,
  useReducer,
  useRef,
  useState,
  useSyncExternalStore,
} from 'react'
import { ApiRequestError, api } from '../lib/api-client'
import {
  AppContext,
  type AppCtx,
  parseRoute,
  type Route,
  routeHash,
  UiContext,
  type UiCtx,
  useScreenHeading,
} from '../lib/context'
import { browserLang, formatDay, loadMessages, type Messages, messagesIfLoaded } from '../lib/i18n'
import * as db from '../lib/idb'
import { readMigrated, STORAGE_PREFIX } from '../lib/storage'
import { ConflictScreen } from '../features/diary/components/conflict-screen'
import { ConsentScreen } from '../features/consent/components/consent-screen'
import { HomeScreen } from '../features/diary/components/home-screen'
import { MessagePage } from '../components/message-page'
import { ConfirmDialog } from '../components/confirm-dialog'
import { Header } from '../components/header'
import { getSnapshot, pendingCount, reload, startSync, subscribe } from '../features/diary/api/entry-store'
import { startResponses } from '../features/survey/api/response-store'
import type { Lang, LocalRecord, RespondentMe } from '../lib/types'
import { isMe } from '../lib/validate'

// The entry form and the questionnaire runtime are chunks of their own: each route loads only what
// it shows (the service worker keeps them all, so they open offline too).
const EntryFormScreen = lazy(() =>
  import('../features/diary/components/entry-form-screen').then((m) => ({ default: m.EntryFormScreen })),
)
const SurveyScreen = lazy(() =>
  import('../features/survey/components/survey-screen').then((m) => ({ default: m.SurveyScreen })),
)

/** After an erasure at the participant's request: the moments kept on this device must not be sent again. */
async function forgetThisDevice() {
  const records = await db.getAll<LocalRecord>('entries').catch(() => [])
  for (const r of records) await db.remove('entries', r.id).catch(() => undefined)
  await db.remove('meta', 'me').catch(() => undefined)
}

// "Mijn gegevens": rarely opened, so a chunk of its own too (it gets the shell's parts as a kit)
const MyDataScreen = lazy(() =>
  import('../features/my-data/components/my-data-screen').then((m) => ({ default: m.MyDataScreen })),
)

type Boot =
  | { kind: 'loading' }
  /** An anonymous survey link (`/s/<token>` lands on `/r/?survey=<id>`): the questionnaire alone, no diary. */
  | { kind: 'anonymous'; surveyId: string }
  | { kind: 'invalid'; session: boolean }
  | { kind: 'nosession'; pending: number }
  | { kind: 'error' }
  | { kind: 'ready'; me: RespondentMe }

/** A language chosen (maybe offline) and not yet confirmed by PATCH /me. */
const LANG_PENDING = `${STORAGE_PREFIX}language`
const LANG_PENDING_LEGACY = 'klantreis-diary-lang'

/** GET /me; offline, the last copy from IndexedDB, so the diary opens without a connection. */
async function loadMe(): Promise<Boot> {
  try {
    const { data } = await api<unknown>('GET', '/me')
    if (!isMe(data)) throw new ApiRequestError(502, 'BAD_RESPONSE', 'unexpected answer')
    // another participant's link was opened on this device: show and send only theirs from now on
    if (await db.switchOwner(data.participant.id)) await reload()
    return { kind: 'ready', me: data }
  } catch (err) {
    if (err instanceof ApiRequestError && err.status === 401) {
      await db.remove('meta', 'me').catch(() => undefined)
      const records = await db.getAll<LocalRecord>('entries').catch(() => [])
      return { kind: 'nosession', pending: pendingCount(records) }
    }
    const cached = await db.get<unknown>('meta', 'me').catch(() => undefined)
    if (isMe(cached)) return { kind: 'ready', me: cached }
    return { kind: 'error' }
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export function App() {
  const params = new URLSearchParams(location.search)
  const linkInvalid = params.get('link') === 'invalid'
  const anonSurvey = params.get('survey')
  const [boot, setBoot] = useState<Boot>(
    linkInvalid
      ? { kind: 'invalid', session: false }
      : anonSurvey && UUID.test(anonSurvey)
        ? { kind: 'anonymous', surveyId: anonSurvey }
        : { kind: 'loading' },
  )
  const anonymous = boot.kind === 'anonymous'
  const [route, setRoute] = useState<Route>(() => parseRoute(location.hash))
  const [langOverride, setLangOverride] = useState<Lang | null>(
    () => readMigrated(LANG_PENDING, LANG_PENDING_LEGACY) as Lang | null,
  )
  const [toast, setToast] = useState('')
  const toastTimer = useRef<ReturnType<typeof setTimeout>>(undefined)
  const snap = useSyncExternalStore(subscribe, getSnapshot)

  const start = useCallback(async () => {
    if (anonymous) return
    const b = await loadMe()
    if (linkInvalid) setBoot({ kind: 'invalid', session: b.kind === 'ready' })
    else setBoot(b)
  }, [linkInvalid, anonymous])

  useEffect(() => {
    if (anonymous) return
    void reload()
    void start()
    const onPop = () => setRoute(parseRoute(location.hash))
    window.addEventListener('popstate', onPop)
    window.addEventListener('hashchange', onPop)
    // the diary may open or close while the app is open: look again when back online
    const refresh = () => {
      if (!linkInvalid) void loadMe().then((b) => b.kind === 'ready' && setBoot(b))
      startResponses('participant')
    }
    window.addEventListener('online', refresh)
    window.addEventListener('klantreis:refresh-me', refresh)
    return () => {
      window.removeEventListener('klantreis:refresh-me', refresh)
      window.removeEventListener('popstate', onPop)
      window.removeEventListener('hashchange', onPop)
      window.removeEventListener('online', refresh)
    }
  }, [start, linkInvalid, anonymous])

  const me = boot.kind === 'ready' ? boot.me : null
  const lang: Lang = langOverride ?? me?.participant.language ?? browserLang()
  // each language is its own chunk: until the chosen one has loaded, the one shown before stays
  const [, loadedLang] = useReducer((n: number) => n + 1, 0)
  const shown = useRef<Messages | undefined>(undefined)
  const t = messagesIfLoaded(lang) ?? shown.current
  shown.current = t
  useEffect(() => {
    if (!messagesIfLoaded(lang))
      loadMessages(lang).then(loadedLang, () => window.addEventListener('online', loadedLang, { once: true }))
  }, [lang, t])
  const mayWrite = !!me && (!me.consent || me.consent.given)

  useEffect(() => {
    document.documentElement.lang = lang
  }, [lang])
  // the last /me (also after consent or a language change) opens the diary offline
  useEffect(() => {
    if (me) void db.set('meta', 'me', me).catch(() => undefined)
  }, [me])
  useEffect(() => {
    if (!mayWrite) return
    startSync()
    // questionnaires finished on this device while offline, and closed before they could be sent
    startResponses('participant')
  }, [mayWrite])

  // a language chosen offline is sent once the server can be reached
  useEffect(() => {
    if (!me || !langOverride) return
    if (me.participant.language === langOverride) {
      localStorage.removeItem(LANG_PENDING)
      setLangOverride(null)
      return
    }
    api<unknown>('PATCH', '/me', { body: { language: langOverride } })
      .then(({ data }) => {
        if (isMe(data)) setBoot({ kind: 'ready', me: data })
      })
      .catch(() => undefined)
  }, [me, langOverride])

  const navigate = useCallback((r: Route, opts: { replace?: boolean } = {}) => {
    // an earlier "saved" message would contradict the conflict the participant now has to settle
    if (r.name === 'conflict') setToast('')
    if (r.name === 'home' && !opts.replace && (history.state as { inApp?: boolean } | null)?.inApp) {
      history.back() // the list is the page we came from: no extra history entry
      return
    }
    const url = routeHash(r) || location.pathname + location.search
    if (opts.replace) history.replaceState(null, '', url)
    else history.pushState({ inApp: true }, '', url)
    setRoute(r)
  }, [])

  const announce = useCallback((msg: string) => {
    setToast(msg)
    clearTimeout(toastTimer.current)
    toastTimer.current = setTimeout(() => setToast(''), 5000)
  }, [])

  const setLang = useCallback((l: Lang) => {
    localStorage.setItem(LANG_PENDING, l)
    setLangOverride(l)
  }, [])
  const ui = useMemo<UiCtx | null>(
    () => (t ? { lang, t, languages: me?.study.languages ?? [], setLang, navigate, announce } : null),
    [me, lang, t, setLang, navigate, announce],
  )
  const ctx = useMemo<AppCtx | null>(() => (ui && me ? { ...ui, me } : null), [ui, me])

  let screen: React.ReactNode
  if (!ui || !t) {
    // the texts of the language are still on their way (first visit only: the service worker keeps them)
    screen = <Busy />
  } else if (boot.kind === 'anonymous') {
    screen = (
      <Suspense fallback={<Busy text={t.loading} />}>
        <SurveyScreen surveyId={boot.surveyId} source="anonymous" />
      </Suspense>
    )
  } else if (boot.kind === 'invalid') {
    screen = (
      <MessagePage lang={lang} title={t.invalidTitle}>
        <p>{t.invalidBody}</p>
        {boot.session && (
          <a className="button primary" href="/r/">
            {t.toMyDiary}
          </a>
        )}
      </MessagePage>
    )
  } else if (boot.kind === 'nosession') {
    screen = (
      <MessagePage lang={lang} title={t.noSessionTitle}>
        <p>{t.noSessionBody}</p>
        {boot.pending > 0 && <p className="notice">{t.noSessionPending(boot.pending)}</p>}
      </MessagePage>
    )
  } else if (boot.kind === 'error') {
    screen = (
      <MessagePage lang={lang} title={t.loadErrorTitle} icon="cloud">
        <p>{t.loadErrorBody}</p>
        <button type="button" className="primary" onClick={() => void start()}>
          {t.tryAgain}
        </button>
      </MessagePage>
    )
  } else if (boot.kind === 'loading' || !ctx) {
    screen = <Busy text={t.loading} />
  } else if (ctx.me.consent && !ctx.me.consent.given) {
    screen = <ConsentScreen onConsented={(m) => setBoot({ kind: 'ready', me: m })} />
  } else if (route.name === 'new' || route.name === 'edit') {
    screen = (
      <Suspense fallback={<Busy text={t.loading} />}>
        <EntryFormScreen
          key={route.name === 'edit' ? route.id : 'new'}
          editId={route.name === 'edit' ? route.id : null}
        />
      </Suspense>
    )
  } else if (route.name === 'survey') {
    screen = (
      <Suspense fallback={<Busy text={t.loading} />}>
        <SurveyScreen key={route.id} surveyId={route.id} />
      </Suspense>
    )
  } else if (route.name === 'my-data') {
    screen = (
      <Suspense fallback={<Busy text={t.loading} />}>
        <MyDataScreen
          kit={{ app: ctx, Header, MessagePage, ConfirmDialog, api, useScreenHeading, formatDay, forgetThisDevice }}
        />
      </Suspense>
    )
  } else if (route.name === 'conflict') {
    screen = <ConflictScreen id={route.id} snap={snap} />
  } else {
    screen = <HomeScreen snap={snap} />
  }

  return (
    <>
      <UiContext.Provider value={ui}>
        {ctx ? <AppContext.Provider value={ctx}>{screen}</AppContext.Provider> : screen}
      </UiContext.Provider>
      <div className={`toast${toast ? ' toast-on' : ''}`} role="status" aria-live="polite">
        {toast}
      </div>
    </>
  )
}

function Busy({ text }: { text?: string }) {
  return (
    <main className="page" aria-busy="true">
      {text && <p className="loading">{text}</p>}
    </main>
  )
}
