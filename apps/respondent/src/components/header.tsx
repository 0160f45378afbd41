import { useUi } from '../lib/context'
import { LANG_NAMES } from '../lib/i18n'
import type { Lang } from '../lib/types'

/** The top bar: a back button or the app's name, and the language switch. */
export function Header({ back, languages, brand }: { back?: () => void; languages?: Lang[]; brand?: string }) {
  const ui = useUi()
  const { lang, setLang, t } = ui
  const langs = languages ?? ui.languages
  const other = langs.length > 1 ? langs.find((l) => l !== lang) : undefined
  return (
    <header className="topbar">
      {back ? (
        <button type="button" className="back" onClick={back}>
          <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
            <path
              d="M15 5l-7 7 7 7"
              fill="none"
              stroke="currentColor"
              strokeWidth="2.4"
              strokeLinecap="round"
              strokeLinejoin="round"
            />
          </svg>
          {t.back}
        </button>
      ) : (
        <span className="brand">
          <img src="/r/icon.svg" alt="" width="28" height="28" />
          {brand ?? t.appName}
        </span>
      )}
      {other && (
        <button type="button" className="lang-switch" lang={other} onClick={() => setLang(other)}>
          <span className="visually-hidden" lang={lang}>
            {t.language}:{' '}
          </span>
          {LANG_NAMES[other]}
        </button>
      )}
    </header>
  )
}
