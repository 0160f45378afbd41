import { type ReactNode, useId } from 'react'
import { useDashboardI18n } from '../i18n'

/** The width of the touchpoint-name axis in the horizontal bar charts. */
export const NAME_AXIS_WIDTH = 150

/** A figure with its caption (title + n), the chart or "No data yet", and its data as a table for screen readers and the curious. */
export function ChartFigure({
  testId,
  title,
  caption,
  empty,
  chart,
  table,
  summary,
  wide = false,
}: {
  testId: string
  title: string
  caption: string
  empty: boolean
  chart: ReactNode
  table: ReactNode
  summary?: ReactNode
  wide?: boolean
}) {
  const { t } = useDashboardI18n()
  const captionId = useId()
  return (
    <figure
      className={`panel chart-panel${wide ? ' dashboard__wide' : ''}`}
      aria-labelledby={captionId}
      data-testid={testId}
    >
      <figcaption id={captionId} className="chart-panel__caption">
        <h3 className="chart-panel__title">{title}</h3>
        <p className="muted">{caption}</p>
      </figcaption>
      {empty ? (
        <p className="dashboard__empty muted">{t.dashboard.noData}</p>
      ) : (
        <>
          {/* hidden from assistive technology (the table below is the chart's accessible form), so each
              chart turns off recharts' keyboard layer: nothing inside may take focus */}
          <div className="chart-panel__chart" aria-hidden="true">
            {chart}
          </div>
          {summary}
          <details className="chart-panel__table">
            <summary>{t.dashboard.showTable}</summary>
            <div className="table-wrap">{table}</div>
          </details>
        </>
      )}
    </figure>
  )
}

export type Column<R> = { header: ReactNode; numeric?: boolean; cell: (row: R) => ReactNode }

/** A chart's data as a table: one row per touchpoint, its name as the row header, then the columns. */
export function TouchpointTable<R extends { key: string }>({
  rows,
  name,
  columns,
}: {
  rows: R[]
  name: (row: R) => ReactNode
  columns: Column<R>[]
}) {
  const { t } = useDashboardI18n()
  const num = (c: Column<R>) => (c.numeric ? 'table__num' : undefined)
  return (
    <table className="table table--dense">
      <thead>
        <tr>
          <th scope="col">{t.dashboard.touchpoint}</th>
          {columns.map((c, i) => (
            <th key={i} scope="col" className={num(c)}>
              {c.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key}>
            <th scope="row">{name(r)}</th>
            {columns.map((c, i) => (
              <td key={i} className={num(c)}>
                {c.cell(r)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/** A table that is itself the view (no chart to stand in for): a titled panel, or "No data yet". */
export function TablePanel({
  testId,
  title,
  caption,
  empty,
  children,
  footer,
}: {
  testId: string
  title: string
  caption: string
  empty: boolean
  children: ReactNode
  footer?: ReactNode
}) {
  const { t } = useDashboardI18n()
  const titleId = useId()
  return (
    <section className="panel chart-panel dashboard__wide" aria-labelledby={titleId} data-testid={testId}>
      <header className="chart-panel__caption">
        <h3 id={titleId} className="chart-panel__title">
          {title}
        </h3>
        <p className="muted">{caption}</p>
      </header>
      {empty ? (
        <p className="dashboard__empty muted">{t.dashboard.noData}</p>
      ) : (
        <div className="table-wrap">{children}</div>
      )}
      {empty ? null : footer}
    </section>
  )
}

/** A code as a chip in its codebook colour. */
export function CodeChip({ name, colour, n }: { name: string; colour: string; n?: number }) {
  return (
    <span className="code-chip">
      <span className="code-swatch" style={{ backgroundColor: colour }} aria-hidden="true" />
      {name}
      {n !== undefined ? <span className="code-chip__n"> {n}</span> : null}
    </span>
  )
}

/** A participant's words, as plain text: never markup. */
export function Quote({
  quote,
  participant,
  anonymous,
}: {
  quote: string
  participant: string | null
  anonymous: string
}) {
  return (
    <blockquote className="quote">
      “{quote}” <span className="quote__who">— {participant ?? anonymous}</span>
    </blockquote>
  )
}
