import { useMemo, useSyncExternalStore } from 'react'

/**
 * Hash routes keep the app independent of server-side fallbacks: the API serves only `/`.
 * `#invite=<token>` is not a route; it is consumed before the app renders (see take-invite-token).
 */
export type Route =
  | { name: 'studies' }
  | { name: 'study-new' }
  | { name: 'study-setup'; studyId: string; step: SetupStep }
  | { name: 'study-participants'; studyId: string }
  | { name: 'study-diary'; studyId: string }
  | { name: 'study-entries'; studyId: string }
  | { name: 'study-surveys'; studyId: string }
  | { name: 'study-messages'; studyId: string }
  | { name: 'study-findings'; studyId: string }
  | { name: 'study-dashboard'; studyId: string }
  | { name: 'study-empathy'; studyId: string }
  | { name: 'study-exports'; studyId: string }
  | { name: 'study-survey'; studyId: string; surveyId: string; view: SurveyView }
  | { name: 'study-coding'; studyId: string; view: CodingView }
  | { name: 'team' }
  | { name: 'not-found' }

/** The study-level sections next to the set-up wizard, each its own route. */
export const STUDY_SECTIONS = [
  'participants',
  'diary',
  'entries',
  'surveys',
  'messages',
  'findings',
  'dashboard',
  'empathy',
  'exports',
] as const
export type StudySection = (typeof STUDY_SECTIONS)[number]
const sectionRoute = {
  participants: 'study-participants',
  diary: 'study-diary',
  entries: 'study-entries',
  surveys: 'study-surveys',
  messages: 'study-messages',
  findings: 'study-findings',
  dashboard: 'study-dashboard',
  empathy: 'study-empathy',
  exports: 'study-exports',
} as const

/** The survey page's tabs; the builder has no path segment of its own. */
export const SURVEY_VIEWS = ['build', 'results', 'links'] as const
export type SurveyView = (typeof SURVEY_VIEWS)[number]
const isSurveySubview = (s: string | undefined) => s !== 'build' && SURVEY_VIEWS.includes(s as SurveyView)

/** The coding section's sub-views; the workbench has no path segment of its own. */
export const CODING_VIEWS = ['workbench', 'codebook', 'agreement'] as const
export type CodingView = (typeof CODING_VIEWS)[number]
const isCodingSubview = (s: string | undefined) => s !== 'workbench' && CODING_VIEWS.includes(s as CodingView)

export const SETUP_STEPS = ['goal', 'scope', 'personas', 'model'] as const
export type SetupStep = (typeof SETUP_STEPS)[number]

const isStep = (s: string | undefined): s is SetupStep => SETUP_STEPS.includes(s as SetupStep)

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#\/?/, '').split('?')[0] ?? ''
  const parts = path.split('/').filter(Boolean)
  if (parts.length === 0 || (parts[0] === 'studies' && parts.length === 1)) return { name: 'studies' }
  if (parts[0] === 'team' && parts.length === 1) return { name: 'team' }
  if (parts[0] === 'studies' && parts[1] === 'new' && parts.length === 2) return { name: 'study-new' }
  if (parts[0] === 'studies' && parts[1] && parts[2] === 'setup') {
    const step = parts[3] ?? 'goal'
    if (isStep(step) && parts.length <= 4) return { name: 'study-setup', studyId: decodeURIComponent(parts[1]), step }
  }
  if (parts[0] === 'studies' && parts[1] && parts[1] !== 'new' && parts.length === 3) {
    const section = parts[2] as StudySection
    if (STUDY_SECTIONS.includes(section)) return { name: sectionRoute[section], studyId: decodeURIComponent(parts[1]) }
  }
  if (
    parts[0] === 'studies' &&
    parts[1] &&
    parts[1] !== 'new' &&
    parts[2] === 'coding' &&
    (parts.length === 3 || (parts.length === 4 && isCodingSubview(parts[3])))
  ) {
    return {
      name: 'study-coding',
      studyId: decodeURIComponent(parts[1]),
      view: (parts[3] ?? 'workbench') as CodingView,
    }
  }
  if (
    parts[0] === 'studies' &&
    parts[1] &&
    parts[2] === 'surveys' &&
    parts[3] &&
    (parts.length === 4 || (parts.length === 5 && isSurveySubview(parts[4])))
  ) {
    const view = (parts[4] ?? 'build') as SurveyView
    return { name: 'study-survey', studyId: decodeURIComponent(parts[1]), surveyId: decodeURIComponent(parts[3]), view }
  }
  return { name: 'not-found' }
}

export function routeHref(route: Route): string {
  switch (route.name) {
    case 'studies':
      return '#/studies'
    case 'study-new':
      return '#/studies/new'
    case 'study-setup':
      return `#/studies/${encodeURIComponent(route.studyId)}/setup/${route.step}`
    case 'study-participants':
      return `#/studies/${encodeURIComponent(route.studyId)}/participants`
    case 'study-diary':
      return `#/studies/${encodeURIComponent(route.studyId)}/diary`
    case 'study-entries':
      return `#/studies/${encodeURIComponent(route.studyId)}/entries`
    case 'study-surveys':
      return `#/studies/${encodeURIComponent(route.studyId)}/surveys`
    case 'study-messages':
      return `#/studies/${encodeURIComponent(route.studyId)}/messages`
    case 'study-findings':
      return `#/studies/${encodeURIComponent(route.studyId)}/findings`
    case 'study-dashboard':
      return `#/studies/${encodeURIComponent(route.studyId)}/dashboard`
    case 'study-empathy':
      return `#/studies/${encodeURIComponent(route.studyId)}/empathy`
    case 'study-exports':
      return `#/studies/${encodeURIComponent(route.studyId)}/exports`
    case 'study-survey':
      return `#/studies/${encodeURIComponent(route.studyId)}/surveys/${encodeURIComponent(route.surveyId)}${route.view === 'build' ? '' : `/${route.view}`}`
    case 'study-coding':
      return `#/studies/${encodeURIComponent(route.studyId)}/coding${route.view === 'workbench' ? '' : `/${route.view}`}`
    case 'team':
      return '#/team'
    case 'not-found':
      return '#/'
  }
}

export function navigate(route: Route, { replace = false } = {}): void {
  const href = routeHref(route)
  if (replace) {
    history.replaceState(history.state, '', href)
    window.dispatchEvent(new HashChangeEvent('hashchange'))
  } else {
    location.hash = href
  }
}

function subscribe(callback: () => void): () => void {
  window.addEventListener('hashchange', callback)
  return () => window.removeEventListener('hashchange', callback)
}

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => location.hash)
  return parseRoute(hash)
}

/** `?source=…&sample=…` after the route in the hash (parseRoute ignores it): the coding workbench's source and double-coding sample. */
export function useHashQuery(): URLSearchParams {
  const hash = useSyncExternalStore(subscribe, () => location.hash)
  return useMemo(() => new URLSearchParams(hash.split('?')[1] ?? ''), [hash])
}
