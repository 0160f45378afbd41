import type { Source } from '@klantreis/shared/coding'
import { useCodingI18n } from '../i18n'

/** What the participant said about the source (touchpoint, pain or gain), with the button that takes it over. */
export function SuggestionLine({
  suggestion,
  tpName,
  canEdit,
  onApply,
}: {
  suggestion: Source['suggestion'] | undefined
  tpName: (id: string | null) => string | null
  canEdit: boolean
  onApply: () => void
}) {
  const { t } = useCodingI18n()
  return (
    <p className="suggestion">
      <strong>{t.coding.participantSaid}</strong>{' '}
      {suggestion && (suggestion.touchpointId || suggestion.valence)
        ? [
            tpName(suggestion.touchpointId) ?? t.coding.noSuggestion,
            suggestion.valence ? t.coding.valences[suggestion.valence].toLowerCase() : null,
          ]
            .filter(Boolean)
            .join(' · ')
        : t.coding.noSuggestion}
      {canEdit && suggestion && (suggestion.touchpointId || suggestion.valence) ? (
        <>
          {' '}
          <button type="button" className="btn btn--secondary btn--small" onClick={onApply} aria-keyshortcuts="Enter">
            {t.coding.useSuggestion} <kbd>Enter</kbd>
          </button>
        </>
      ) : null}
    </p>
  )
}
