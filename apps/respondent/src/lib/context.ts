import { createContext, useContext, useEffect, useRef } from 'react'
import type { Messages } from './i18n'
import type { Lang, RespondentMe } from './types'

export type Route =
  | { name: 'home' }
  | { name: 'new' }
  | { name: 'edit'; id: string }
  | { name: 'conflict'; id: string }
  | { name: 'survey'; id: string }
  | { name: 'my-data' }

export function parseRoute(hash: string): Route {
  if (hash === '#/my-data') return { name: 'my-data' }
  const m = /^#\/(new|edit|conflict|survey)(?:\/([0-9a-fA-F-]{36}))?$/.exec(hash)
  if (m?.[1] === 'new') return { name: 'new' }
  if (m?.[1] === 'edit' && m[2]) return { name: 'edit', id: m[2] }
  if (m?.[1] === 'conflict' && m[2]) return { name: 'conflict', id: m[2] }
  if (m?.[1] === 'survey' && m[2]) return { name: 'survey', id: m[2] }
  return { name: 'home' }
}
export const routeHash = (r: Route) =>
  r.name === 'home' ? '' : r.name === 'new' || r.name === 'my-data' ? `#/${r.name}` : `#/${r.name}/${r.id}`

/** What every screen needs, with or without a participant: the questionnaire of an anonymous link has no `me`. */
export type UiCtx = {
  lang: Lang
  t: Messages
  /** The languages the participant may switch between (one: no switch). */
  languages: Lang[]
  setLang: (l: Lang) => void
  navigate: (r: Route, opts?: { replace?: boolean }) => void
  announce: (msg: string) => void
}
/** The diary's screens: a participant behind a personal link. */
export type AppCtx = UiCtx & { me: RespondentMe }

export const UiContext = createContext<UiCtx | null>(null)
export const AppContext = createContext<AppCtx | null>(null)
export function useUi() {
  const ctx = useContext(UiContext)
  if (!ctx) throw new Error('no ui context')
  return ctx
}
export function useApp() {
  const ctx = useContext(AppContext)
  if (!ctx) throw new Error('no app context')
  return ctx
}

/** Each screen moves focus to its heading, so screen-reader users hear where they are. */
export function useScreenHeading(title: string) {
  const ref = useRef<HTMLHeadingElement>(null)
  useEffect(() => {
    document.title = title
    ref.current?.focus({ preventScroll: false })
    window.scrollTo(0, 0)
  }, [title])
  return ref
}
