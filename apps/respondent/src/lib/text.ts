// Characters the server cannot store: NUL (PostgreSQL text has no room for it) and a lone half of
// a UTF-16 surrogate pair (not a character, so it has no UTF-8 form). A whole pair is an emoji and stays.
const UNSTORABLE = /[\ud800-\udbff][\udc00-\udfff]|[\ud800-\udfff]|\0/g

/** The text without the characters the server cannot store. */
export const stripUnstorable = (s: string) => s.replace(UNSTORABLE, (m) => (m.length === 2 ? m : ''))
export const hasUnstorable = (s: string) => stripUnstorable(s) !== s

/** The text in pieces, null where an unstorable character stands (to show where it is). */
export function splitUnstorable(s: string): (string | null)[] {
  const parts: (string | null)[] = []
  let from = 0
  for (const m of s.matchAll(UNSTORABLE)) {
    if (m[0].length === 2) continue
    if (m.index! > from) parts.push(s.slice(from, m.index))
    parts.push(null)
    from = m.index! + 1
  }
  if (from < s.length) parts.push(s.slice(from))
  return parts
}
