import type { Code, CodingValence } from '@klantreis/shared/coding'

/** The codes in tree order (parents before their children), each with its depth. */
export function codeTree(codes: readonly Code[]): { code: Code; depth: number }[] {
  const byParent = new Map<string | null, Code[]>()
  const ids = new Set(codes.map((c) => c.id))
  for (const c of codes) {
    const parent = c.parentId && ids.has(c.parentId) ? c.parentId : null
    byParent.set(parent, [...(byParent.get(parent) ?? []), c])
  }
  const out: { code: Code; depth: number }[] = []
  const seen = new Set<string>()
  const walk = (parent: string | null, depth: number) => {
    const children = (byParent.get(parent) ?? []).sort(
      (a, b) => a.position - b.position || a.name.localeCompare(b.name),
    )
    for (const c of children) {
      if (seen.has(c.id)) continue
      seen.add(c.id)
      out.push({ code: c, depth })
      walk(c.id, depth + 1)
    }
  }
  walk(null, 0)
  return out
}

/** A code and everything under it (a code cannot move under itself or its own children). */
export function descendantsOf(codes: readonly Code[], id: string): Set<string> {
  const out = new Set([id])
  let grew = true
  while (grew) {
    grew = false
    for (const c of codes) {
      if (c.parentId && out.has(c.parentId) && !out.has(c.id)) {
        out.add(c.id)
        grew = true
      }
    }
  }
  return out
}

/** Keys the workbench uses itself: a code's shortcut may not be one of them. */
export const RESERVED_KEYS = ['a', 'e', 'g', 'j', 'k', 'n', 'p', 's', 't'] as const

export const VALENCE_COLOURS: Record<CodingValence, string> = { pain: '#b42318', gain: '#17603a', neutral: '#5b6573' }
