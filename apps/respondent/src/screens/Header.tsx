import { useApp } from '../context'
import { messages } from '../i18n'
import type { Lang } from '../types'

/** The top bar: the study's name and the language switch. */
export function Header({ back }: { back?: () => void }) {
  const { me, lang, setLang, t } = useApp()
  const langs: Lang[] = me.study.languages.length > 1 ? me.study.languages : []
  const other = langs.find((l) => l !== lang)
  return (
    <header className="topbar">
      {back ? (
        <button type="button" className="back" onClick={back}>
          <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
            <path d="M15 5l-7 7 7 7" fill="none" stroke="currentColor" strokeWidth="2.4" strokeLinecap="round" strokeLinejoin="round" />
          </svg>
          {t.back}
        </button>
      ) : (
        <span className="brand">
          <img src="/r/icon.svg" alt="" width="28" height="28" />
          {t.appName}
        </span>
      )}
      {other && (
        <button type="button" className="lang-switch" lang={other} onClick={() => setLang(other)}>
          <span className="visually-hidden" lang={lang}>
            {t.language}:{' '}
          </span>
          {messages[other].langName}
        </button>
      )}
    </header>
  )
}
