import type { Me } from '@klantreis/shared/auth'
import { useEffect, useId, useRef, useState, type ReactNode } from 'react'
import { routeHref, type Route } from '../../lib/routes'
import { useI18n } from '../../lib/i18n'
import { ErrorAlert } from '../ui/alert'
import { LanguageSwitch } from './language-switch'

/** The session actions the shell offers; the app supplies them, so the layout stays free of features. */
export type ShellSession = {
  switchOrganization: { pending: boolean; error: unknown; onSwitch: (organizationId: string) => void }
  logout: { pending: boolean; onLogout: () => void }
}

type Props = { me: Me; route: Route; session: ShellSession; children: ReactNode }

export function AppShell({ me, route, session, children }: Props) {
  const { t } = useI18n()
  const section = route.name === 'team' ? 'team' : 'studies'
  const switchOrg = session.switchOrganization

  return (
    <div className="app">
      <a
        className="skip-link"
        href="#main"
        onClick={(e) => {
          e.preventDefault()
          document.getElementById('main')?.focus()
        }}
      >
        {t.shell.skipToContent}
      </a>
      <header className="topbar">
        <div className="topbar__inner">
          <a className="brand" href={routeHref({ name: 'studies' })}>
            <span className="brand__mark" aria-hidden="true" />
            Klantreis
          </a>
          <nav aria-label={t.shell.mainNav} className="mainnav">
            <a href={routeHref({ name: 'studies' })} aria-current={section === 'studies' ? 'page' : undefined}>
              {t.nav.studies}
            </a>
            <a href={routeHref({ name: 'team' })} aria-current={section === 'team' ? 'page' : undefined}>
              {t.nav.team}
            </a>
          </nav>
          <div className="topbar__tools">
            <OrganizationSwitcher me={me} pending={switchOrg.pending} onSwitch={switchOrg.onSwitch} />
            <LanguageSwitch />
            <UserMenu me={me} logout={session.logout} />
          </div>
        </div>
      </header>
      {switchOrg.error ? (
        <div className="page-width">
          <ErrorAlert error={switchOrg.error} />
        </div>
      ) : null}
      <main id="main" tabIndex={-1} className="page-width main">
        {children}
      </main>
    </div>
  )
}

function OrganizationSwitcher({ me, pending, onSwitch }: { me: Me; pending: boolean; onSwitch: (id: string) => void }) {
  const { t } = useI18n()
  const id = useId()
  if (me.organizations.length <= 1) {
    return (
      <div className="inline-field">
        <span className="inline-field__label">{t.shell.organization}</span>
        <span className="org-name">{me.organization.name}</span>
      </div>
    )
  }
  return (
    <div className="inline-field">
      <label htmlFor={id} className="inline-field__label">
        {t.shell.organization}
      </label>
      <select
        id={id}
        className="input input--select input--compact"
        value={me.organization.id}
        disabled={pending}
        onChange={(e) => onSwitch(e.target.value)}
      >
        {me.organizations.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </select>
    </div>
  )
}

function UserMenu({ me, logout }: { me: Me; logout: ShellSession['logout'] }) {
  const { t } = useI18n()
  const [open, setOpen] = useState(false)
  const rootRef = useRef<HTMLDivElement>(null)
  const buttonRef = useRef<HTMLButtonElement>(null)
  const panelId = useId()

  useEffect(() => {
    if (!open) return
    const onPointer = (e: PointerEvent) => {
      if (rootRef.current && !rootRef.current.contains(e.target as Node)) setOpen(false)
    }
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        setOpen(false)
        buttonRef.current?.focus()
      }
    }
    document.addEventListener('pointerdown', onPointer)
    document.addEventListener('keydown', onKey)
    return () => {
      document.removeEventListener('pointerdown', onPointer)
      document.removeEventListener('keydown', onKey)
    }
  }, [open])

  const initials = me.user.name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((p) => p[0]?.toUpperCase() ?? '')
    .join('')

  return (
    <div className="usermenu" ref={rootRef}>
      <button
        ref={buttonRef}
        type="button"
        className="usermenu__button"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={t.shell.userMenu(me.user.name)}
        onClick={() => setOpen((o) => !o)}
      >
        <span className="avatar" aria-hidden="true">
          {initials || '?'}
        </span>
        <span className="usermenu__name">{me.user.name}</span>
        <span aria-hidden="true" className="usermenu__caret">
          ▾
        </span>
      </button>
      <div id={panelId} className="usermenu__panel" hidden={!open}>
        <p className="usermenu__who">
          <span className="muted">{t.shell.signedInAs}</span>
          <br />
          <strong>{me.user.name}</strong>
          <br />
          <span className="muted">{me.user.email}</span>
          <br />
          <span className="badge">{t.roles[me.organization.role]}</span>
        </p>
        <button
          type="button"
          className="btn btn--secondary btn--block"
          onClick={logout.onLogout}
          disabled={logout.pending}
        >
          {t.auth.signOut}
        </button>
      </div>
    </div>
  )
}
