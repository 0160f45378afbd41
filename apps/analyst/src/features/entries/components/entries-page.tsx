import type { Role } from '@klantreis/shared/auth'
import { lazy, Suspense, useMemo, useState } from 'react'
import { ErrorAlert, Loading, Notice } from '../../../components/ui/alert'
import { useEntriesI18n } from '../i18n'
import { canEditStudies } from '../../../lib/roles'
import { useParticipantOptions } from '../../participants'
import { useJourneyModel } from '../../journey-model'
import { StudyFrame } from '../../../components/layouts/study-frame'
import { EMPTY_FILTERS, useEntries, type EntryFilters as Filters } from '../api/entries'
import { EntryCard } from './entry-card'
import { EntryFilters } from './entry-filters'
import { ProposalsQueue } from './proposals-queue'
import { LoadMore } from '../../../components/ui/load-more'
import '../entries.css'

// recharts is most of the bundle: load it with this page only
const ValenceChart = lazy(() => import('./valence-chart').then((m) => ({ default: m.ValenceChart })))

export function EntriesPage({ studyId, role }: { studyId: string; role: Role }) {
  const { t } = useEntriesI18n()
  const canEdit = canEditStudies(role)
  const model = useJourneyModel(studyId)
  const participants = useParticipantOptions(studyId)
  const [filters, setFilters] = useState<Filters>(EMPTY_FILTERS)
  const [resolved, setResolved] = useState<'accepted' | 'merged' | 'rejected' | null>(null)
  const entries = useEntries(studyId, filters)

  const items = useMemo(() => entries.data?.pages.flatMap((p) => p.items) ?? [], [entries.data])
  const touchpoints = useMemo(() => new Map((model.data?.touchpoints ?? []).map((tp) => [tp.id, tp])), [model.data])
  const stages = useMemo(() => new Map((model.data?.stages ?? []).map((s) => [s.id, s])), [model.data])
  const filtered = Object.values(filters).some(Boolean)

  return (
    <StudyFrame studyId={studyId} tab="entries" canEdit={canEdit}>
      {() => (
        <>
          <div>
            <h2>{t.entries.heading}</h2>
            <p className="muted section-intro">{t.entries.intro}</p>
          </div>
          {resolved ? <Notice tone="success">{t.proposals.resolved[resolved]}</Notice> : null}
          <ProposalsQueue studyId={studyId} model={model.data} canEdit={canEdit} onResolved={setResolved} />
          <EntryFilters
            value={filters}
            onChange={setFilters}
            model={model.data}
            participants={participants.data?.items ?? []}
          />
          {model.isError ? <ErrorAlert error={model.error} /> : null}

          {entries.isPending ? <Loading /> : null}
          {entries.isError && !entries.isFetchNextPageError ? (
            <ErrorAlert error={entries.error}>
              <button type="button" className="btn btn--secondary" onClick={() => void entries.refetch()}>
                {t.common.retry}
              </button>
            </ErrorAlert>
          ) : null}

          {entries.data ? (
            <div
              className={`entries-layout${entries.isPlaceholderData ? ' is-stale' : ''}`}
              aria-busy={entries.isFetching || undefined}
            >
              <Suspense fallback={<Loading />}>
                <ValenceChart entries={items} stages={model.data?.stages ?? []} />
              </Suspense>
              <section className="stack" aria-labelledby="entry-list-heading">
                <div className="section-header">
                  <h2 id="entry-list-heading" className="visually-hidden">
                    {t.entries.list}
                  </h2>
                  <p className="muted" role="status">
                    {t.entries.loaded(items.length, entries.hasNextPage)}
                  </p>
                </div>
                {items.length === 0 ? (
                  <div className="empty">
                    <p>{filtered ? t.entries.emptyFiltered : t.entries.empty}</p>
                  </div>
                ) : (
                  <ol className="entry-list">
                    {items.map((entry) => (
                      <li key={entry.id}>
                        <EntryCard studyId={studyId} entry={entry} touchpoints={touchpoints} stages={stages} />
                      </li>
                    ))}
                  </ol>
                )}
                <LoadMore pages={entries} />
              </section>
            </div>
          ) : null}
          {entries.isFetchNextPageError ? <ErrorAlert error={entries.error} /> : null}
        </>
      )}
    </StudyFrame>
  )
}
