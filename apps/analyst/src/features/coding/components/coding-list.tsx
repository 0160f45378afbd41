import type { Code, Coding } from '@klantreis/shared/coding'
import { ErrorAlert } from '../../../components/ui/alert'
import { useCodingI18n } from '../i18n'
import type { useCodingsOf } from '../api/coding'

/** The source's codings so far, each a button that opens it in the coding panel. */
export function CodingList({
  codings,
  codingItems,
  currentId,
  colourOf,
  tpName,
  codeById,
  onSelect,
}: {
  codings: ReturnType<typeof useCodingsOf>
  /** The codings this coder may see. */
  codingItems: Coding[]
  currentId: string
  colourOf: (c: Coding) => string
  tpName: (id: string | null) => string | null
  codeById: Map<string, Code>
  onSelect: (c: Coding) => void
}) {
  const { t } = useCodingI18n()
  return (
    <section aria-labelledby="coding-existing-heading" className="stack stack--sm">
      <h4 id="coding-existing-heading">{t.coding.existing}</h4>
      {codings.isError ? <ErrorAlert error={codings.error} /> : null}
      {codings.data && codingItems.length === 0 ? <p className="muted">{t.coding.noCodings}</p> : null}
      <ul className="coding-list">
        {codingItems.map((c) => (
          <li key={c.id}>
            <button
              type="button"
              className="coding-list__item"
              aria-pressed={c.id === currentId}
              aria-label={t.coding.selectCoding(c.quote)}
              onClick={() => onSelect(c)}
              style={{ borderLeftColor: colourOf(c) }}
            >
              <span className="coding-list__quote">“{c.quote}”</span>
              <span className="coding-list__meta">
                {[
                  tpName(c.touchpointId),
                  c.valence ? t.coding.valences[c.valence] : null,
                  ...c.codeIds.map((id) => codeById.get(id)?.name ?? '?'),
                  c.coder ? t.coding.by(c.coder.name) : null,
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </span>
              {c.stale ? <span className="coding-list__stale">⚠ {t.coding.stale}</span> : null}
            </button>
          </li>
        ))}
      </ul>
    </section>
  )
}
