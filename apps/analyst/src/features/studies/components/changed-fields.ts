/** The subset of `next` that differs from `current`, so a PATCH only carries real edits. */
export function changedFields<C extends object, N extends Partial<Record<keyof C, unknown>>>(
  current: C,
  next: N,
): Partial<N> {
  const out: Partial<N> = {}
  for (const key of Object.keys(next) as (keyof N & keyof C)[]) {
    if (JSON.stringify(current[key]) !== JSON.stringify(next[key])) out[key] = next[key]
  }
  return out
}
