import type { Role } from '@klantreis/shared/auth'
import { lazy, Suspense, useState } from 'react'
import { ErrorAlert, Loading } from '../../../components/ui/alert'
import { useDashboardI18n } from '../i18n'
import { canEditStudies } from '../../../lib/roles'
import { useJourneyModel } from '../../journey-model'
import { StudyFrame } from '../../../components/layouts/study-frame'
import { type DashboardFilters, type QuotesSelection, useDashboard } from '../api/dashboard'
import { QuotesDrawer } from './quotes-drawer'
import '../dashboard.css'

// recharts is heavy: the charts load only when the dashboard is opened
const DashboardCharts = lazy(() => import('./dashboard-charts').then((m) => ({ default: m.DashboardCharts })))

const NO_FILTERS: DashboardFilters = { personaId: '', segment: '', from: '', to: '' }

export function DashboardPage({ studyId, role }: { studyId: string; role: Role }) {
  const { t } = useDashboardI18n()
  const [filters, setFilters] = useState<DashboardFilters>(NO_FILTERS)
  const [quotes, setQuotes] = useState<QuotesSelection | null>(null)
  const dashboard = useDashboard(studyId, filters)
  const segments = dashboard.data?.segments ?? []
  const model = useJourneyModel(studyId)
  const personas = model.data?.personas ?? []
  const set = (patch: Partial<DashboardFilters>) => setFilters((f) => ({ ...f, ...patch }))
  const filtered = filters.personaId !== '' || filters.segment !== '' || filters.from !== '' || filters.to !== ''

  return (
    <StudyFrame studyId={studyId} tab="dashboard" canEdit={canEditStudies(role)}>
      {() => (
        <>
          <div className="page-header">
            <div>
              <h2>{t.dashboard.heading}</h2>
              <p className="muted section-intro">{t.dashboard.intro}</p>
            </div>
          </div>
          <form className="dashboard-filters" aria-label={t.dashboard.filters} onSubmit={(e) => e.preventDefault()}>
            <label className="inline-field">
              <span className="inline-field__label">{t.dashboard.persona}</span>{' '}
              <select
                className="input input--select input--compact"
                value={filters.personaId}
                onChange={(e) => set({ personaId: e.target.value })}
              >
                <option value="">{t.dashboard.allPersonas}</option>
                {personas.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </select>
            </label>
            <label className="inline-field">
              <span className="inline-field__label">{t.dashboard.segment}</span>{' '}
              <select
                className="input input--select input--compact"
                value={filters.segment}
                onChange={(e) => set({ segment: e.target.value })}
              >
                <option value="">{t.dashboard.allSegments}</option>
                {segments.map((s) => (
                  <optgroup key={s.key} label={s.key}>
                    {s.values.map((v) => (
                      <option key={v} value={`${s.key}:${v}`}>
                        {s.key}: {v}
                      </option>
                    ))}
                  </optgroup>
                ))}
                {/* a chosen segment the filtered answer no longer lists stays selectable, so the select shows what is applied */}
                {filters.segment && !segments.some((s) => s.values.some((v) => `${s.key}:${v}` === filters.segment)) ? (
                  <option value={filters.segment}>{filters.segment}</option>
                ) : null}
              </select>
            </label>
            <label className="inline-field">
              <span className="inline-field__label">{t.dashboard.from}</span>{' '}
              <input
                type="date"
                className="input input--compact"
                value={filters.from}
                max={filters.to || undefined}
                onChange={(e) => set({ from: e.target.value })}
              />
            </label>
            <label className="inline-field">
              <span className="inline-field__label">{t.dashboard.to}</span>{' '}
              <input
                type="date"
                className="input input--compact"
                value={filters.to}
                min={filters.from || undefined}
                onChange={(e) => set({ to: e.target.value })}
              />
            </label>
            {filtered ? (
              <button type="button" className="btn btn--secondary btn--small" onClick={() => setFilters(NO_FILTERS)}>
                {t.dashboard.clear}
              </button>
            ) : null}
          </form>
          {dashboard.data ? (
            <p className="muted dashboard__responses" data-testid="dashboard-responses">
              {t.dashboard.responses(dashboard.data.responses)}
            </p>
          ) : null}
          {dashboard.isPending ? <Loading /> : null}
          {dashboard.isError ? <ErrorAlert error={dashboard.error} /> : null}
          {dashboard.data ? (
            <div
              className={`dashboard${dashboard.isPlaceholderData ? ' is-stale' : ''}`}
              aria-busy={dashboard.isFetching}
            >
              <Suspense fallback={<Loading />}>
                <DashboardCharts data={dashboard.data} studyId={studyId} onOpenQuotes={setQuotes} />
              </Suspense>
            </div>
          ) : null}
          <QuotesDrawer studyId={studyId} filters={filters} selection={quotes} onClose={() => setQuotes(null)} />
        </>
      )}
    </StudyFrame>
  )
}
