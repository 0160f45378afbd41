/**
 * A mini forest plot: the 95% CI as a bar with the estimate as a dot, the 0 line, and the SESOI
 * band shaded. Positive is the claimed direction (arrow on the right).
 */
export function ForestPlot({
  estimate,
  lower,
  upper,
  sesoi,
  label,
}: {
  estimate: number
  lower: number
  upper: number
  sesoi: number
  label: string
}) {
  const W = 160
  const H = 28
  const pad = 10
  const span = Math.max(Math.abs(lower), Math.abs(upper), Math.abs(sesoi), 0.01) * 1.15
  const x = (v: number) => pad + ((v + span) / (2 * span)) * (W - 2 * pad)
  const tone = lower >= sesoi || lower > 0 ? 'forest--up' : upper < sesoi ? 'forest--down' : 'forest--mid'
  return (
    <svg className={`forest ${tone}`} width={W} height={H} viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label}>
      <title>{label}</title>
      {sesoi > 0 ? (
        <rect className="forest__band" x={x(-sesoi)} y={3} width={x(sesoi) - x(-sesoi)} height={H - 10} />
      ) : null}
      <line className="forest__zero" x1={x(0)} x2={x(0)} y1={1} y2={H - 5} />
      <line className="forest__ci" x1={x(lower)} x2={x(upper)} y1={(H - 4) / 2} y2={(H - 4) / 2} />
      <line className="forest__ci" x1={x(lower)} x2={x(lower)} y1={(H - 4) / 2 - 4} y2={(H - 4) / 2 + 4} />
      <line className="forest__ci" x1={x(upper)} x2={x(upper)} y1={(H - 4) / 2 - 4} y2={(H - 4) / 2 + 4} />
      <circle className="forest__dot" cx={x(estimate)} cy={(H - 4) / 2} r={3.5} />
      <path
        className="forest__arrow"
        d={`M ${W - 14} ${H - 2} L ${W - 4} ${H - 2} M ${W - 8} ${H - 5} L ${W - 4} ${H - 2} L ${W - 8} ${H + 1}`}
      />
    </svg>
  )
}
