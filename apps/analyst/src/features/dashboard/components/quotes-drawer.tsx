import { Dialog } from '../../../components/ui/dialog'
import { ErrorAlert, Loading } from '../../../components/ui/alert'
import { useDashboardI18n } from '../i18n'
import { type DashboardFilters, type QuotesSelection, useDashboardQuotes } from '../api/dashboard'
import { CodeChip } from './figure'

// the contract names diary | answer | empathy; a coding's own source (`diary_entry:<id>`, `answer:<id>:<q>`) is mapped, never shown raw
const sourceKind = (source: string) => {
  const kind = source.split(':')[0] ?? source
  return kind === 'diary_entry' ? 'diary' : kind
}

/** The coded passages behind a pain or gain count. The native dialog closes on Escape and gives focus back to the button that opened it. */
export function QuotesDrawer({
  studyId,
  filters,
  selection,
  onClose,
}: {
  studyId: string
  filters: DashboardFilters
  selection: QuotesSelection | null
  onClose: () => void
}) {
  const { t } = useDashboardI18n()
  const l = t.dashboard.quotes
  const quotes = useDashboardQuotes(studyId, filters, selection)
  return (
    <Dialog
      open={selection !== null}
      title={selection ? l.title(selection.valence, selection.touchpointName) : ''}
      onClose={onClose}
      size="large"
    >
      <div className="quotes-drawer" data-testid="dashboard-quotes">
        {quotes.isPending ? <Loading /> : null}
        {quotes.isError ? <ErrorAlert error={quotes.error} /> : null}
        {quotes.data ? (
          <>
            <p className="muted">
              {quotes.data.items.length ? l.count(quotes.data.items.length, quotes.data.total) : l.none}
            </p>
            <ul className="quotes-drawer__list">
              {quotes.data.items.map((q) => (
                <li key={q.codingId} className="quotes-drawer__item">
                  <blockquote className="quote">“{q.quote}”</blockquote>
                  <div className="quotes-drawer__meta">
                    <span className="quote__who">— {q.participant ?? t.dashboard.joint.anonymous}</span>
                    <span className="muted"> · {l.sources[sourceKind(q.source)] ?? sourceKind(q.source)}</span>
                    {q.codes.map((c) => (
                      <CodeChip key={c.id} name={c.name} colour={c.colour} />
                    ))}
                  </div>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </div>
    </Dialog>
  )
}
