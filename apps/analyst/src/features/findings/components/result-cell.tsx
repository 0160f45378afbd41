import type { Operationalization, OperationalizationResult } from '@klantreis/shared/findings'
import { useFindingsI18n } from '../i18n'
import { ForestPlot } from './forest-plot'
import { formatDelta, formatValue, isShare } from '../../../components/charts/format'

/** One operationalization's result: target and reference (or threshold), the difference and its forest plot. */
export function ResultCell({ o, r }: { o: Operationalization; r: OperationalizationResult }) {
  const { t, lang } = useFindingsI18n()
  const m = o.metric
  const levelRef =
    o.claim.kind === 'level'
      ? formatValue(m, isShare(m) || m === 'nps' ? o.claim.threshold : o.claim.threshold, lang)
      : null
  return (
    <div className="num" data-result={o.id} style={{ marginBottom: '0.5rem' }}>
      <div>
        {t.findings.target}: {formatValue(m, r.target.value, lang)} (n = {r.target.n})
      </div>
      {r.reference ? (
        <div>
          {t.findings.reference}: {formatValue(m, r.reference.value, lang)} (n = {r.reference.n})
        </div>
      ) : levelRef !== null ? (
        <div>
          {t.findings.threshold}: {levelRef}
        </div>
      ) : null}
      {r.estimate !== null ? (
        <div data-delta>
          {t.findings.delta} {formatDelta(m, r.estimate, lang)} [{formatDelta(m, r.lower, lang)},{' '}
          {formatDelta(m, r.upper, lang)}]
        </div>
      ) : null}
      {r.estimate !== null && r.lower !== null && r.upper !== null ? (
        <ForestPlot
          estimate={r.estimate}
          lower={r.lower}
          upper={r.upper}
          sesoi={r.sesoi}
          label={t.findings.forestLabel(
            formatDelta(m, r.estimate, lang),
            formatDelta(m, r.lower, lang),
            formatDelta(m, r.upper, lang),
            formatDelta(m, r.sesoi, lang),
          )}
        />
      ) : null}
    </div>
  )
}
