import { useCodingI18n } from '../i18n'

/** The source's heading ("Source 3 of 8") with the previous and next buttons (K and J). */
export function SourceHeader({
  title,
  canPrev,
  canNext,
  onPrev,
  onNext,
}: {
  title: string
  canPrev: boolean
  canNext: boolean
  onPrev: () => void
  onNext: () => void
}) {
  const { t } = useCodingI18n()
  return (
    <div className="section-header">
      <h3 id="coding-source-heading">{title}</h3>
      <div className="workbench__nav">
        <button
          type="button"
          className="btn btn--ghost btn--small"
          onClick={onPrev}
          disabled={!canPrev}
          aria-keyshortcuts="k"
        >
          ← {t.coding.prev} <kbd>K</kbd>
        </button>
        <button
          type="button"
          className="btn btn--ghost btn--small"
          onClick={onNext}
          disabled={!canNext}
          aria-keyshortcuts="j"
        >
          {t.coding.next} <kbd>J</kbd> →
        </button>
      </div>
    </div>
  )
}
