import type { ReactNode } from 'react'
import { LanguageSwitch } from './language-switch'

/** The centred card used before someone is signed in. */
export function AuthLayout({ title, intro, children }: { title: string; intro?: string; children: ReactNode }) {
  return (
    <div className="auth-layout">
      <header className="auth-layout__top">
        <span className="brand">
          <span className="brand__mark" aria-hidden="true" />
          Klantreis
        </span>
        <LanguageSwitch />
      </header>
      <main className="auth-card" id="main">
        <h1 className="auth-card__title">{title}</h1>
        {intro ? <p className="auth-card__intro">{intro}</p> : null}
        {children}
      </main>
    </div>
  )
}
