import { StrictMode, useState } from 'react'
import { createRoot } from 'react-dom/client'
import './styles.css'

const copy = {
  nl: {
    title: 'Welkom bij Klantreis',
    body: 'Open de persoonlijke link uit je uitnodiging om je dagboek bij te houden of een vragenlijst in te vullen.',
    switch: 'English',
  },
  en: {
    title: 'Welcome to Klantreis',
    body: 'Open the personal link from your invitation to keep your diary or answer a questionnaire.',
    switch: 'Nederlands',
  },
} as const
type Lang = keyof typeof copy

function App() {
  const [lang, setLang] = useState<Lang>(navigator.language.toLowerCase().startsWith('nl') ? 'nl' : 'en')
  const t = copy[lang]
  return (
    <main className="page" lang={lang}>
      <h1>{t.title}</h1>
      <p>{t.body}</p>
      <button type="button" onClick={() => setLang(lang === 'nl' ? 'en' : 'nl')}>
        {t.switch}
      </button>
    </main>
  )
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
)
