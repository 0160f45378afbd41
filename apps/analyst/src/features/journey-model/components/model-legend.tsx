import { useJourneyModelI18n } from '../i18n'

/** Explains the card markings; each uses shape and text, never colour alone. */
export function ModelLegend() {
  const { t } = useJourneyModelI18n()
  return (
    <ul className="legend" aria-label={t.model.legend}>
      <li>
        <span className="legend__swatch legend__swatch--direct" aria-hidden="true" />
        {t.model.legendDirect}
      </li>
      <li>
        <span className="legend__swatch legend__swatch--indirect" aria-hidden="true" />
        {t.model.legendIndirect}
      </li>
      <li>
        <span className="legend__glyph" aria-hidden="true">
          ★
        </span>
        {t.model.legendMot}
      </li>
      <li>
        <span className="legend__glyph" aria-hidden="true">
          ◆
        </span>
        {t.model.legendResearch}
      </li>
    </ul>
  )
}
