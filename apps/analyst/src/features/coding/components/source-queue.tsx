import { SOURCE_KINDS, VALENCES, type Source } from '@klantreis/shared/coding'
import { ErrorAlert, Loading } from '../../../components/ui/alert'
import { SelectField } from '../../../components/ui/field'
import { LoadMore } from '../../../components/ui/load-more'
import { useCodingI18n } from '../i18n'
import { routeHref } from '../../../lib/routes'
import type { SourceFilters, useSources } from '../api/coding'
import type { TouchpointOption } from './touchpoint-picker'

type Props = {
  studyId: string
  sampleId: string
  filters: SourceFilters
  setFilters: (filters: SourceFilters) => void
  touchpointOptions: TouchpointOption[]
  personas: { id: string; name: string }[]
  /** Named by pseudonym: outside the Participants tab nobody sees who a participant is (issue 14). */
  participants: { id: string; pseudonym: string }[]
  mySamples: { id: string; name: string }[]
  sources: ReturnType<typeof useSources>
  items: Source[]
  currentRef: string | undefined
  onPick: (ref: string) => void
}

/** The workbench's queue: the filters, and the sources to code, one button each. */
export function SourceQueue({
  studyId,
  sampleId,
  filters,
  setFilters,
  touchpointOptions,
  personas,
  participants,
  mySamples,
  sources,
  items,
  currentRef,
  onPick,
}: Props) {
  const { t } = useCodingI18n()
  return (
    <section className="panel workbench__queue stack" aria-labelledby="coding-queue-heading">
      <h3 id="coding-queue-heading">{t.coding.queue}</h3>
      <details className="workbench__filters">
        <summary>{t.coding.filters}</summary>
        <div className="stack stack--sm">
          <SelectField
            label={t.coding.kind}
            value={filters.kind}
            options={[
              { value: '' as const, label: t.coding.all },
              ...SOURCE_KINDS.map((k) => ({ value: k, label: t.coding.kinds[k] })),
            ]}
            onChange={(kind) => setFilters({ ...filters, kind })}
          />
          <SelectField
            label={t.coding.touchpoint}
            value={filters.touchpointId}
            options={[
              { value: '', label: t.coding.all },
              ...touchpointOptions.map((o) => ({ value: o.id, label: o.name })),
            ]}
            onChange={(touchpointId) => setFilters({ ...filters, touchpointId })}
          />
          <SelectField
            label={t.coding.persona}
            value={filters.personaId}
            options={[{ value: '', label: t.coding.all }, ...personas.map((p) => ({ value: p.id, label: p.name }))]}
            onChange={(personaId) => setFilters({ ...filters, personaId })}
          />
          <SelectField
            label={t.coding.participant}
            value={filters.participantId}
            options={[
              { value: '', label: t.coding.all },
              ...participants.map((p) => ({ value: p.id, label: p.pseudonym })),
            ]}
            onChange={(participantId) => setFilters({ ...filters, participantId })}
          />
          <SelectField
            label={t.coding.valence}
            value={filters.valence}
            options={[
              { value: '' as const, label: t.coding.all },
              ...VALENCES.map((v) => ({ value: v, label: t.coding.valences[v] })),
            ]}
            onChange={(valence) => setFilters({ ...filters, valence })}
          />
          <SelectField
            label={t.coding.coded}
            value={filters.coded}
            options={[
              { value: '' as const, label: t.coding.all },
              { value: 'no' as const, label: t.coding.codedNo },
              { value: 'yes' as const, label: t.coding.codedYes },
            ]}
            onChange={(coded) => setFilters({ ...filters, coded })}
          />
          {mySamples.length > 0 ? (
            <SelectField
              label={t.coding.sample}
              value={sampleId}
              options={[
                { value: '', label: t.coding.noSample },
                ...mySamples.map((s) => ({ value: s.id, label: s.name })),
              ]}
              onChange={(id) => {
                location.hash = `${routeHref({ name: 'study-coding', studyId, view: 'workbench' })}${id ? `?sample=${encodeURIComponent(id)}` : ''}`
              }}
            />
          ) : null}
        </div>
      </details>
      {sources.isPending ? <Loading /> : null}
      {sources.isError ? <ErrorAlert error={sources.error} /> : null}
      {sources.data && items.length === 0 ? (
        <p className="muted">{Object.values(filters).some(Boolean) ? t.coding.noSources : t.coding.noSourcesAtAll}</p>
      ) : null}
      <ol className="source-queue" aria-busy={sources.isFetching || undefined}>
        {items.map((s) => (
          <li key={s.ref}>
            <button
              type="button"
              className="source-queue__item"
              aria-current={s.ref === currentRef ? 'true' : undefined}
              onClick={() => onPick(s.ref)}
            >
              <span className="source-queue__text">{s.text.length > 90 ? `${s.text.slice(0, 90)}…` : s.text}</span>
              <span className="source-queue__meta">
                {s.participant?.pseudonym ?? t.coding.anonymous} · {t.coding.kinds[s.kind]}
                {s.codingCount > 0 ? <span className="count-badge">{t.coding.codingCount(s.codingCount)}</span> : null}
              </span>
            </button>
          </li>
        ))}
      </ol>
      <LoadMore pages={sources} />
    </section>
  )
}
