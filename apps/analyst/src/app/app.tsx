import type { Me } from '@klantreis/shared/auth'
import { useQueryClient } from '@tanstack/react-query'
import { lazy, Suspense, useEffect, useState, type ComponentProps, type ReactNode } from 'react'
import { AppShell } from '../components/layouts/app-shell'
import { ErrorAlert, Loading } from '../components/ui/alert'
import { AcceptInvitationPage } from '../features/auth/components/accept-invitation-page'
import { LoginPage } from '../features/auth/components/login-page'
import { meQueryKey } from '../lib/query-keys'
import { useMe } from '../features/auth/api/get-me'
import { useLogout } from '../features/auth/api/logout'
import { useSwitchOrganization } from '../features/auth/api/switch-organization'
import { setCsrfToken, setUnauthenticatedListener } from '../lib/api-client'
import { useI18n } from '../lib/i18n'
import { navigate, routeHref, useRoute, type Route } from '../lib/routes'

// Each section is its own chunk, with its stylesheet and strings; the entry holds the shell and the sign-in screens.
const StudiesPage = lazy(() =>
  import('../features/studies/components/studies-page').then((m) => ({ default: m.StudiesPage })),
)
const StudySetupPage = lazy(() =>
  import('../features/studies/components/study-setup-page').then((m) => ({ default: m.StudySetupPage })),
)
const TeamPage = lazy(() => import('../features/team/components/team-page').then((m) => ({ default: m.TeamPage })))
const DiaryPage = lazy(() => import('../features/diary/components/diary-page').then((m) => ({ default: m.DiaryPage })))
const EntriesPage = lazy(() =>
  import('../features/entries/components/entries-page').then((m) => ({ default: m.EntriesPage })),
)
const SurveysPage = lazy(() =>
  import('../features/surveys/components/surveys-page').then((m) => ({ default: m.SurveysPage })),
)
const SurveyPage = lazy(() =>
  import('../features/surveys/components/survey-page').then((m) => ({ default: m.SurveyPage })),
)
const MessagesPage = lazy(() =>
  import('../features/messages/components/messages-page').then((m) => ({ default: m.MessagesPage })),
)
const CodingPage = lazy(() =>
  import('../features/coding/components/coding-page').then((m) => ({ default: m.CodingPage })),
)
const FindingsPage = lazy(() =>
  import('../features/findings/components/findings-page').then((m) => ({ default: m.FindingsPage })),
)
const DashboardPage = lazy(() =>
  import('../features/dashboard/components/dashboard-page').then((m) => ({ default: m.DashboardPage })),
)
const EmpathyPage = lazy(() =>
  import('../features/empathy/components/empathy-page').then((m) => ({ default: m.EmpathyPage })),
)
const ExportsPage = lazy(() =>
  import('../features/exports/components/exports-page').then((m) => ({ default: m.ExportsPage })),
)
const ParticipantsPage = lazy(() =>
  import('../features/participants/components/participants-page').then((m) => ({ default: m.ParticipantsPage })),
)
const LazyMessageLog = lazy(() => import('../features/messages').then((m) => ({ default: m.MessageLog })))

/** One participant's messages (the participants page's slot), loaded with the messages chunk when first opened. */
function MessageLog(props: ComponentProps<typeof LazyMessageLog>) {
  return (
    <Suspense fallback={<Loading />}>
      <LazyMessageLog {...props} />
    </Suspense>
  )
}

export function App({ inviteToken }: { inviteToken: string | null }) {
  const { t } = useI18n()
  const queryClient = useQueryClient()
  const [pendingInvite, setPendingInvite] = useState(inviteToken)
  const [sessionEnded, setSessionEnded] = useState(false)
  const me = useMe()
  const route = useRoute()

  // Any 401 means the session is gone: forget what we hold and show the sign-in screen.
  useEffect(() => {
    setUnauthenticatedListener(() => {
      setCsrfToken(null)
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== meQueryKey[0] })
      queryClient.setQueryData(meQueryKey, null)
      setSessionEnded(true)
    })
    return () => setUnauthenticatedListener(null)
  }, [queryClient])

  useEffect(() => {
    if (me.data) setSessionEnded(false)
  }, [me.data])

  if (pendingInvite) {
    return <AcceptInvitationPage token={pendingInvite} onDone={() => setPendingInvite(null)} />
  }
  if (me.isPending) {
    return (
      <div className="page-width main">
        <Loading />
      </div>
    )
  }
  if (me.isError) {
    return (
      <div className="page-width main">
        <ErrorAlert error={me.error}>
          <button type="button" className="btn btn--secondary" onClick={() => void me.refetch()}>
            {t.common.retry}
          </button>
        </ErrorAlert>
      </div>
    )
  }
  if (!me.data) return <LoginPage sessionEnded={sessionEnded} />

  const role = me.data.organization.role
  return (
    <SessionShell me={me.data} route={route}>
      <Suspense fallback={<Loading />}>
        {route.name === 'studies' ? <StudiesPage role={role} /> : null}
        {route.name === 'study-new' ? <StudySetupPage key="new" studyId={null} step="goal" role={role} /> : null}
        {route.name === 'study-setup' ? (
          <StudySetupPage key={route.studyId} studyId={route.studyId} step={route.step} role={role} />
        ) : null}
        {route.name === 'study-participants' ? (
          <ParticipantsPage key={route.studyId} studyId={route.studyId} role={role} messageLog={MessageLog} />
        ) : null}
        {route.name === 'study-diary' ? <DiaryPage key={route.studyId} studyId={route.studyId} role={role} /> : null}
        {route.name === 'study-entries' ? (
          <EntriesPage key={route.studyId} studyId={route.studyId} role={role} />
        ) : null}
        {route.name === 'study-surveys' ? (
          <SurveysPage key={route.studyId} studyId={route.studyId} role={role} />
        ) : null}
        {route.name === 'study-messages' ? (
          <MessagesPage key={route.studyId} studyId={route.studyId} role={role} />
        ) : null}
        {route.name === 'study-survey' ? (
          <SurveyPage
            key={route.surveyId}
            studyId={route.studyId}
            surveyId={route.surveyId}
            view={route.view}
            role={role}
          />
        ) : null}
        {route.name === 'study-coding' ? (
          <CodingPage key={route.studyId} studyId={route.studyId} view={route.view} role={role} me={me.data} />
        ) : null}
        {route.name === 'study-findings' ? (
          <FindingsPage key={route.studyId} studyId={route.studyId} role={role} />
        ) : null}
        {route.name === 'study-dashboard' ? (
          <DashboardPage key={route.studyId} studyId={route.studyId} role={role} />
        ) : null}
        {route.name === 'study-empathy' ? (
          <EmpathyPage key={route.studyId} studyId={route.studyId} role={role} />
        ) : null}
        {route.name === 'study-exports' ? (
          <ExportsPage key={route.studyId} studyId={route.studyId} role={role} />
        ) : null}
        {route.name === 'team' ? <TeamPage me={me.data} /> : null}
        {route.name === 'not-found' ? (
          <div className="stack">
            <h1>404</h1>
            <a href={routeHref({ name: 'studies' })}>{t.shell.backToStudies}</a>
          </div>
        ) : null}
      </Suspense>
    </SessionShell>
  )
}

/** The app shell with the signed-in session's actions (switch organization, sign out) wired in. */
function SessionShell({ me, route, children }: { me: Me; route: Route; children: ReactNode }) {
  const switchOrg = useSwitchOrganization()
  const logout = useLogout()
  return (
    <AppShell
      me={me}
      route={route}
      session={{
        switchOrganization: {
          pending: switchOrg.isPending,
          error: switchOrg.error,
          onSwitch: (organizationId) =>
            switchOrg.mutate(organizationId, { onSuccess: () => navigate({ name: 'studies' }) }),
        },
        logout: { pending: logout.isPending, onLogout: () => logout.mutate() },
      }}
    >
      {children}
    </AppShell>
  )
}
