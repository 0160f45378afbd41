import type { Me } from '@klantreis/shared/auth'
import { useQueryClient } from '@tanstack/react-query'
import { useEffect, useState, type ReactNode } from 'react'
import { AppShell } from '../components/layouts/app-shell'
import { ErrorAlert, Loading } from '../components/ui/alert'
import { AcceptInvitationPage } from '../features/auth/components/accept-invitation-page'
import { LoginPage } from '../features/auth/components/login-page'
import { meQueryKey } from '../lib/query-keys'
import { useMe } from '../features/auth/api/get-me'
import { useLogout } from '../features/auth/api/logout'
import { useSwitchOrganization } from '../features/auth/api/switch-organization'
import { StudiesPage } from '../features/studies/components/studies-page'
import { StudySetupPage } from '../features/studies/components/study-setup-page'
import { TeamPage } from '../features/team/components/team-page'
import { DiaryPage } from '../features/diary/components/diary-page'
import { EntriesPage } from '../features/entries/components/entries-page'
import { SurveysPage } from '../features/surveys/components/surveys-page'
import { SurveyPage } from '../features/surveys/components/survey-page'
import { MessageLog } from '../features/messages'
import { MessagesPage } from '../features/messages/components/messages-page'
import { CodingPage } from '../features/coding/components/coding-page'
import { FindingsPage } from '../features/findings/components/findings-page'
import { DashboardPage } from '../features/dashboard/components/dashboard-page'
import { EmpathyPage } from '../features/empathy/components/empathy-page'
import { ParticipantsPage } from '../features/participants/components/participants-page'
import { setCsrfToken, setUnauthenticatedListener } from '../lib/api-client'
import { useI18n } from '../lib/i18n'
import { navigate, routeHref, useRoute, type Route } from '../lib/routes'

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
      {route.name === 'studies' ? <StudiesPage role={role} /> : null}
      {route.name === 'study-new' ? <StudySetupPage key="new" studyId={null} step="goal" role={role} /> : null}
      {route.name === 'study-setup' ? (
        <StudySetupPage key={route.studyId} studyId={route.studyId} step={route.step} role={role} />
      ) : null}
      {route.name === 'study-participants' ? (
        <ParticipantsPage key={route.studyId} studyId={route.studyId} role={role} messageLog={MessageLog} />
      ) : null}
      {route.name === 'study-diary' ? <DiaryPage key={route.studyId} studyId={route.studyId} role={role} /> : null}
      {route.name === 'study-entries' ? <EntriesPage key={route.studyId} studyId={route.studyId} role={role} /> : null}
      {route.name === 'study-surveys' ? <SurveysPage key={route.studyId} studyId={route.studyId} role={role} /> : null}
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
      {route.name === 'study-empathy' ? <EmpathyPage key={route.studyId} studyId={route.studyId} role={role} /> : null}
      {route.name === 'team' ? <TeamPage me={me.data} /> : null}
      {route.name === 'not-found' ? (
        <div className="stack">
          <h1>404</h1>
          <a href={routeHref({ name: 'studies' })}>{t.studies.backToList}</a>
        </div>
      ) : null}
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
