// Texts per language, loaded on demand: a participant downloads one language, not both.
import type { Messages } from './en'
import type { Lang } from '../types'

export type { Messages }

/** Each language's own name, for the switch (shown in that language). */
export const LANG_NAMES: Record<Lang, string> = { en: 'English', nl: 'Nederlands' }

const loaded: Partial<Record<Lang, Messages>> = {}
const loaders: Record<Lang, () => Promise<Messages>> = {
  en: () => import('./en').then((m) => m.en),
  nl: () => import('./nl').then((m) => m.nl),
}
/** The texts of a language once loaded, else undefined. */
export const messagesIfLoaded = (lang: Lang) => loaded[lang]
/** Loads (once) and returns a language's texts. */
export async function loadMessages(lang: Lang): Promise<Messages> {
  return (loaded[lang] ??= await loaders[lang]())
}

/** The browser's language, for pages shown before we know the participant. */
export function browserLang(): Lang {
  for (const l of navigator.languages ?? [navigator.language]) {
    const base = l.toLowerCase().slice(0, 2)
    if (base === 'nl') return 'nl'
    if (base === 'en') return 'en'
  }
  return 'en'
}

const LOCALES: Record<Lang, string> = { nl: 'nl-NL', en: 'en-GB' }
export const formatDateTime = (lang: Lang, iso: string) =>
  new Intl.DateTimeFormat(LOCALES[lang], {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(iso))
export const formatTime = (lang: Lang, d: Date) =>
  new Intl.DateTimeFormat(LOCALES[lang], { hour: '2-digit', minute: '2-digit' }).format(d)
/** A calendar date (YYYY-MM-DD) in words, without shifting it through a time zone. */
export const formatDay = (lang: Lang, ymd: string) =>
  new Intl.DateTimeFormat(LOCALES[lang], { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${ymd}T12:00:00Z`),
  )
