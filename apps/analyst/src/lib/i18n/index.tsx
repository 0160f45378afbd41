import { LanguageSchema, type Language } from '@klantreis/shared/common'
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react'
import { en, type Messages } from './en'
import { nl } from './nl'

const dictionaries: Record<Language, Messages> = { en, nl }
const STORAGE_KEY = 'klantreis.analyst.language'

function initialLanguage(): Language {
  try {
    const stored = LanguageSchema.safeParse(localStorage.getItem(STORAGE_KEY))
    if (stored.success) return stored.data
  } catch {
    // storage may be unavailable (private mode); fall back to the browser language
  }
  const preferred = navigator.languages?.length ? navigator.languages : [navigator.language]
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0]
    if (base === 'nl') return 'nl'
    if (base === 'en') return 'en'
  }
  return 'en'
}

type I18n = {
  lang: Language
  t: Messages
  setLang: (lang: Language) => void
  formatDate: (iso: string) => string
  formatDateTime: (iso: string) => string
}

const I18nContext = createContext<I18n | null>(null)

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Language>(initialLanguage)

  useEffect(() => {
    document.documentElement.lang = lang
  }, [lang])

  const setLang = useCallback((next: Language) => {
    setLangState(next)
    try {
      localStorage.setItem(STORAGE_KEY, next)
    } catch {
      // not remembered, still switched
    }
  }, [])

  const value = useMemo<I18n>(() => {
    const locale = lang === 'nl' ? 'nl-NL' : 'en-GB'
    const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' })
    const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' })
    return {
      lang,
      t: dictionaries[lang],
      setLang,
      formatDate: (iso) => date.format(new Date(iso)),
      formatDateTime: (iso) => dateTime.format(new Date(iso)),
    }
  }, [lang, setLang])

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext)
  if (!ctx) throw new Error('useI18n must be used inside <I18nProvider>')
  return ctx
}

/**
 * useI18n() with a feature's own strings added to `t`, in the current language. A feature wraps it once
 * (features/<f>/i18n: `useCodingI18n()`), so its strings load with its chunk and its call sites keep `t.coding.…`.
 */
export function useFeatureI18n<M extends object>(messages: Record<Language, M>): Omit<I18n, 't'> & { t: Messages & M } {
  const i18n = useI18n()
  return useMemo(() => ({ ...i18n, t: { ...i18n.t, ...messages[i18n.lang] } }), [i18n, messages])
}
