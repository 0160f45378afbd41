// Krippendorff's α via the coincidence matrix (docs/analysis.md §3.3; Krippendorff 2011).
import { assertArray, checkCode, CodeKinds, compareCodes, describe, type Code } from './validate.js'

export const MEASUREMENT_LEVELS = ['nominal', 'ordinal', 'interval', 'ratio'] as const
export type MeasurementLevel = (typeof MEASUREMENT_LEVELS)[number]

export interface KrippendorffAlphaResult {
  /** 1 − D_o / D_e. NaN when no unit is pairable; 1 when all pairable values are identical (see `reason`). */
  alpha: number
  /** Pairable values: Σ m_u over the units with m_u ≥ 2. */
  n: number
  /** Pairable units: units coded by at least 2 coders. */
  units: number
  level: MeasurementLevel
  /** Observed disagreement D_o = Σ o_ck δ²_ck / n. */
  observedDisagreement: number
  /** Expected disagreement D_e = Σ n_c n_k δ²_ck / (n (n − 1)). */
  expectedDisagreement: number
  reason?: string
}

/**
 * Krippendorff's α for a coders × units matrix (`matrix[coder][unit]`), `null` = not coded.
 *
 * Only units with at least 2 values are pairable; the others are ignored. Nominal data may be
 * strings or numbers (not both); ordinal, interval and ratio data must be numbers (ordinal
 * ranks follow numeric order), and ratio data must be ≥ 0.
 *
 * δ² (§3.3): nominal [c ≠ k]; interval (c − k)²; ratio ((c − k)/(c + k))²;
 * ordinal (Σ_{g=c..k} n_g − (n_c + n_k)/2)², with g over the distinct pairable values in order.
 *
 * Degenerate cases:
 * - no pairable unit (n = 0) → alpha NaN with a `reason`;
 * - all pairable values identical → D_e = 0 and, necessarily, D_o = 0: α is 0/0, which
 *   Krippendorff calls undefined (no variation, so reliability cannot be assessed). It is
 *   reported here as alpha 1 with a `reason`, so a UI can show "perfect but uninformative".
 */
export function krippendorffAlpha(matrix: (Code | null)[][], level: MeasurementLevel): KrippendorffAlphaResult {
  if (!(MEASUREMENT_LEVELS as readonly unknown[]).includes(level)) {
    throw new TypeError(`level must be one of ${MEASUREMENT_LEVELS.join(', ')}, got ${describe(level)}`)
  }
  assertArray(matrix, 'reliability matrix')
  if (matrix.length < 2) throw new RangeError(`Krippendorff's α needs at least 2 coders (rows), got ${matrix.length}`)
  const numeric = level !== 'nominal'
  const kinds = new CodeKinds()
  let width = -1
  const rows = matrix.map((row, c) => {
    assertArray(row, `reliability matrix row ${c}`)
    if (width === -1) width = row.length
    else if (row.length !== width) {
      throw new RangeError(`reliability matrix is ragged: coder 0 has ${width} units but coder ${c} has ${row.length}`)
    }
    return Array.from(row, (v, u) => {
      const code = checkCode(v, `value of coder ${c}, unit ${u}`)
      if (numeric && code !== null && typeof code !== 'number') {
        throw new TypeError(`${level} data must be numbers: coder ${c}, unit ${u} has ${describe(code)}`)
      }
      if (level === 'ratio' && typeof code === 'number' && code < 0) {
        throw new RangeError(`ratio data must be ≥ 0: coder ${c}, unit ${u} has ${code}`)
      }
      kinds.add(code)
      return code
    })
  })
  kinds.assertSingle('the reliability matrix')

  // Per pairable unit: how often each value occurs, and m_u.
  const pairable: { counts: Map<Code, number>; m: number }[] = []
  for (let u = 0; u < Math.max(width, 0); u++) {
    const counts = new Map<Code, number>()
    let m = 0
    for (const row of rows) {
      const v = row[u]
      if (v === null || v === undefined) continue
      counts.set(v, (counts.get(v) ?? 0) + 1)
      m += 1
    }
    if (m >= 2) pairable.push({ counts, m })
  }
  const n = pairable.reduce((s, p) => s + p.m, 0)
  if (n === 0) {
    return {
      alpha: Number.NaN,
      n: 0,
      units: 0,
      level,
      observedDisagreement: Number.NaN,
      expectedDisagreement: Number.NaN,
      reason: 'no pairable unit (no unit was coded by at least 2 coders)',
    }
  }

  const values = [...new Set(pairable.flatMap((p) => [...p.counts.keys()]))].sort(compareCodes)
  const index = new Map(values.map((v, i) => [v, i]))
  const K = values.length
  // Coincidences o_ck and marginals n_c.
  const o = values.map(() => new Array<number>(K).fill(0))
  const nc = new Array<number>(K).fill(0)
  for (const { counts, m } of pairable) {
    for (const [c, countC] of counts) {
      const ci = index.get(c)!
      nc[ci] = nc[ci]! + countC
      for (const [k, countK] of counts) {
        const ki = index.get(k)!
        const pairs = ci === ki ? countC * (countC - 1) : countC * countK
        o[ci]![ki] = o[ci]![ki]! + pairs / (m - 1)
      }
    }
  }
  if (K === 1) {
    return {
      alpha: 1,
      n,
      units: pairable.length,
      level,
      observedDisagreement: 0,
      expectedDisagreement: 0,
      reason: 'all pairable values are identical: expected disagreement is 0 (α is 0/0) and α is reported as 1',
    }
  }

  const delta2 = metric(level, values as number[], nc)
  let observed = 0
  let expected = 0
  for (let c = 0; c < K; c++) {
    for (let k = 0; k < K; k++) {
      const d = c === k ? 0 : delta2(c, k)
      observed += o[c]![k]! * d
      expected += nc[c]! * nc[k]! * d
    }
  }
  return {
    alpha: 1 - ((n - 1) * observed) / expected,
    n,
    units: pairable.length,
    level,
    observedDisagreement: observed / n,
    expectedDisagreement: expected / (n * (n - 1)),
  }
}

/** δ²(c, k) over value indices; `values` is sorted ascending for the numeric levels. */
function metric(level: MeasurementLevel, values: number[], nc: number[]): (c: number, k: number) => number {
  switch (level) {
    case 'nominal':
      return () => 1
    case 'interval':
      return (c, k) => (values[c]! - values[k]!) ** 2
    case 'ratio':
      return (c, k) => ((values[c]! - values[k]!) / (values[c]! + values[k]!)) ** 2
    case 'ordinal': {
      // prefix[i] = n_0 + … + n_{i−1}, so Σ_{g=lo..hi} n_g = prefix[hi + 1] − prefix[lo].
      const prefix = [0]
      nc.forEach((count, i) => prefix.push(prefix[i]! + count))
      return (c, k) => {
        const lo = Math.min(c, k)
        const hi = Math.max(c, k)
        return (prefix[hi + 1]! - prefix[lo]! - (nc[c]! + nc[k]!) / 2) ** 2
      }
    }
  }
}
