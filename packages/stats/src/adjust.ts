// Multiple-comparison adjustments (docs/analysis.md §2.8): Holm (FWER) and Benjamini–Hochberg (FDR).
// Adjusted p-values are returned in the input order.
import { checkProbability, checkSample } from './validate.js'

function checkPValues(p: number[]): number[] {
  const values = checkSample(p, 'p-values')
  values.forEach((v, i) => checkProbability(v, `p-values[${i}]`))
  return values
}

/** Indices sorted by p ascending (stable). */
function ascending(values: number[]): number[] {
  return values.map((_, i) => i).sort((i, j) => values[i]! - values[j]! || i - j)
}

/**
 * Benjamini–Hochberg step-up adjustment (§2.8, §8 #18): adj₍ᵢ₎ = min_{j≥i} min(1, m·p₍ⱼ₎/j).
 * Same as R `p.adjust(p, 'BH')` and SciPy `false_discovery_control`. Empty input → [].
 */
export function benjaminiHochberg(p: number[]): number[] {
  const values = checkPValues(p)
  const m = values.length
  const order = ascending(values)
  const out = new Array<number>(m)
  let running = 1
  for (let r = m - 1; r >= 0; r -= 1) {
    const i = order[r]!
    running = Math.min(running, (m * values[i]!) / (r + 1))
    out[i] = Math.min(1, running)
  }
  return out
}

/**
 * Holm step-down adjustment (§2.8, §8 #19): adj₍ᵢ₎ = max_{j≤i} min(1, (m − j + 1)·p₍ⱼ₎).
 * Same as R `p.adjust(p, 'holm')`. Empty input → [].
 */
export function holm(p: number[]): number[] {
  const values = checkPValues(p)
  const m = values.length
  const order = ascending(values)
  const out = new Array<number>(m)
  let running = 0
  order.forEach((i, r) => {
    running = Math.max(running, Math.min(1, (m - r) * values[i]!))
    out[i] = running
  })
  return out
}
