import type { Dashboard } from '@klantreis/shared/dashboard'

export type Touchpoint = Dashboard['touchpoints'][number]
export type Interval = Touchpoint['experienced']

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

/** The touchpoint is a moment of truth by the researchers' say or by the data's. */
export const isMomentOfTruth = (tp: Touchpoint) => tp.momentOfTruth.designated || tp.momentOfTruth.candidate
