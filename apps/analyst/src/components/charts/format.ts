import type { Metric } from '@klantreis/shared/findings'

// Numbers as the charts, their tables and the findings show them. Two families, kept as they were:
// the findings' formatters follow the interface language (3,45 in Dutch); the dashboard's short
// forms (pct, num, signed, interval) are language-neutral (a decimal point and a true minus).

const locale = (lang: string) => (lang === 'nl' ? 'nl-NL' : 'en-GB')

/** A number with exactly `digits` decimals in the interface language. */
export const formatNumber = (v: number, digits: number, lang: string) =>
  v.toLocaleString(locale(lang), { minimumFractionDigits: digits, maximumFractionDigits: digits })

/** Shares (0–1) are shown as percentages, NPS (−1…1) as points, a mean as is. */
export const isShare = (m: Metric) => m === 'top2box' || m === 'bottom2box' || m === 'detractor_share'
const scale = (m: Metric) => (isShare(m) || m === 'nps' ? 100 : 1)

/** A level of the metric: 40.0% / NPS 12 / 3.45. */
export function formatValue(m: Metric, v: number | null, lang: string): string {
  if (v === null) return '–'
  if (isShare(m)) return `${formatNumber(v * 100, 1, lang)}%`
  if (m === 'nps') return formatNumber(v * 100, 0, lang)
  return formatNumber(v, 2, lang)
}

/** A difference: +37.5 pp / −0.15. */
export function formatDelta(m: Metric, v: number | null, lang: string): string {
  if (v === null) return '–'
  const s = scale(m)
  const digits = isShare(m) ? 1 : m === 'nps' ? 0 : 2
  const body = formatNumber(Math.abs(v * s), digits, lang)
  const sign =
    v * s > 0 && Number(body.replace(',', '.')) !== 0 ? '+' : v < 0 && Number(body.replace(',', '.')) !== 0 ? '−' : ''
  return `${sign}${body}${isShare(m) ? ' pp' : ''}`
}

/** A p-value as "= 0.012" or "< 0.001". */
export function formatP(p: number | null, lang: string): string {
  if (p === null) return '–'
  if (p < 0.001) return `< ${formatNumber(0.001, 3, lang)}`
  return `= ${formatNumber(p, 3, lang)}`
}

/** An estimate with its 95% interval and its n. */
export type Interval = { estimate: number | null; lower: number | null; upper: number | null; n: number }

export const pct = (x: number | null) => (x === null ? '—' : `${Math.round(x * 100)}%`)
export const num = (x: number | null, digits = 1) => (x === null ? '—' : x.toFixed(digits).replace('-', '−'))
export const signed = (x: number | null) =>
  x === null ? '—' : `${x > 0 ? '+' : x < 0 ? '−' : ''}${Math.abs(Math.round(x))}`

/** An estimate with its 95% interval and n: "62% (51% … 72%), n = 80". */
export function interval(i: Interval, fmt: (x: number | null) => string = num) {
  if (i.estimate === null) return `— (n = ${i.n})`
  const ci = i.lower !== null && i.upper !== null ? ` (${fmt(i.lower)} … ${fmt(i.upper)})` : ''
  return `${fmt(i.estimate)}${ci}, n = ${i.n}`
}

/** A bar label: the count without its sign, and nothing for zero. */
export const hideZero = (v: unknown) => (typeof v === 'number' && v !== 0 ? String(Math.abs(v)) : '')
