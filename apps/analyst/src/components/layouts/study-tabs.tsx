import { routeHref, type Route } from '../../lib/routes'
import { useI18n } from '../../lib/i18n'

export type StudyTab =
  | 'setup'
  | 'participants'
  | 'diary'
  | 'entries'
  | 'surveys'
  | 'messages'
  | 'coding'
  | 'findings'
  | 'empathy'
  | 'dashboard'
  | 'exports'

/** The study-level navigation: the set-up wizard and the diary sections, one link each. */
export function StudyTabs({ studyId, current }: { studyId: string; current: StudyTab }) {
  const { t } = useI18n()
  const tabs: { key: StudyTab; label: string; route: Route }[] = [
    { key: 'setup', label: t.studyNav.setup, route: { name: 'study-setup', studyId, step: 'goal' } },
    { key: 'participants', label: t.studyNav.participants, route: { name: 'study-participants', studyId } },
    { key: 'diary', label: t.studyNav.diary, route: { name: 'study-diary', studyId } },
    { key: 'entries', label: t.studyNav.entries, route: { name: 'study-entries', studyId } },
    { key: 'surveys', label: t.studyNav.surveys, route: { name: 'study-surveys', studyId } },
    { key: 'messages', label: t.studyNav.messages, route: { name: 'study-messages', studyId } },
    { key: 'coding', label: t.studyNav.coding, route: { name: 'study-coding', studyId, view: 'workbench' } },
    { key: 'findings', label: t.studyNav.findings, route: { name: 'study-findings', studyId } },
    { key: 'empathy', label: t.studyNav.empathy, route: { name: 'study-empathy', studyId } },
    { key: 'dashboard', label: t.studyNav.dashboard, route: { name: 'study-dashboard', studyId } },
    { key: 'exports', label: t.studyNav.exports, route: { name: 'study-exports', studyId } },
  ]
  return (
    <nav aria-label={t.studyNav.label} className="study-tabs">
      <ul>
        {tabs.map((tab) => (
          <li key={tab.key}>
            <a
              href={routeHref(tab.route)}
              className="study-tabs__tab"
              aria-current={tab.key === current ? 'page' : undefined}
            >
              {tab.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  )
}
