import type { Metric } from '@klantreis/shared/findings'

/** Shares (0–1) are shown as percentages, NPS (−1…1) as points, a mean as is. */
export const isShare = (m: Metric) => m === 'top2box' || m === 'bottom2box' || m === 'detractor_share'
const scale = (m: Metric) => (isShare(m) || m === 'nps' ? 100 : 1)

const num = (v: number, digits: number, lang: string) =>
  v.toLocaleString(lang === 'nl' ? 'nl-NL' : 'en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits })

/** A level of the metric: 40.0% / NPS 12 / 3.45. */
export function formatValue(m: Metric, v: number | null, lang: string): string {
  if (v === null) return '–'
  if (isShare(m)) return `${num(v * 100, 1, lang)}%`
  if (m === 'nps') return num(v * 100, 0, lang)
  return num(v, 2, lang)
}

/** A difference: +37.5 pp / −0.15. */
export function formatDelta(m: Metric, v: number | null, lang: string): string {
  if (v === null) return '–'
  const s = scale(m)
  const digits = isShare(m) ? 1 : m === 'nps' ? 0 : 2
  const body = num(Math.abs(v * s), digits, lang)
  const sign =
    v * s > 0 && Number(body.replace(',', '.')) !== 0 ? '+' : v < 0 && Number(body.replace(',', '.')) !== 0 ? '−' : ''
  return `${sign}${body}${isShare(m) ? ' pp' : ''}`
}

export function formatP(p: number | null, lang: string): string {
  if (p === null) return '–'
  if (p < 0.001) return `< ${num(0.001, 3, lang)}`
  return `= ${num(p, 3, lang)}`
}

export const formatNumber = (v: number, digits: number, lang: string) => num(v, digits, lang)

/** The SESOI as entered: percentage points for shares. */
export const sesoiToInput = (m: Metric, v: number) => String(isShare(m) || m === 'nps' ? Math.round(v * 1000) / 10 : v)
export const sesoiFromInput = (m: Metric, s: string) => {
  const v = Number(s.replace(',', '.'))
  return isShare(m) || m === 'nps' ? v / 100 : v
}
