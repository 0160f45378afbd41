/** Pure helpers of the workbench: word steps for the keyboard selection, and the text cut into highlighted segments. */

export type Span = { start: number; end: number }

const isWordChar = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}'’_-]/u.test(c)

/** The start of the next word after `pos` (or the end of the text). */
export function nextWordStart(text: string, pos: number): number {
  let i = pos
  while (i < text.length && isWordChar(text[i])) i++
  while (i < text.length && !isWordChar(text[i])) i++
  return i
}

/** The start of the word before `pos` (or 0). */
export function prevWordStart(text: string, pos: number): number {
  let i = pos
  while (i > 0 && !isWordChar(text[i - 1])) i--
  while (i > 0 && isWordChar(text[i - 1])) i--
  return i
}

/** The end of the word at or after `pos`, without the punctuation that follows it. */
export function wordEndAfter(text: string, pos: number): number {
  let i = pos
  while (i < text.length && !isWordChar(text[i])) i++
  while (i < text.length && isWordChar(text[i])) i++
  return i
}

/** Shrinks a span so it does not start or end in white space. */
export function trimSpan(text: string, span: Span): Span | null {
  let { start, end } = span
  start = Math.max(0, Math.min(start, text.length))
  end = Math.max(0, Math.min(end, text.length))
  if (end < start) [start, end] = [end, start]
  while (start < end && /\s/.test(text[start]!)) start++
  while (end > start && /\s/.test(text[end - 1]!)) end--
  return end > start ? { start, end } : null
}

export type Segment = { start: number; end: number; text: string; ids: string[]; selected: boolean; caret: boolean }

/**
 * Cuts the text at every edge of the highlighted spans and the selection: each segment knows which
 * spans cover it, so overlapping codings both show. Spans outside the text (a stale coding) are clipped.
 */
export function segments(
  text: string,
  spans: (Span & { id: string })[],
  selection: Span | null,
  caret: number | null = null,
): Segment[] {
  const clip = (n: number) => Math.max(0, Math.min(n, text.length))
  const all = spans.map((s) => ({ ...s, start: clip(s.start), end: clip(s.end) })).filter((s) => s.end > s.start)
  const cuts = new Set<number>([0, text.length])
  for (const s of all) {
    cuts.add(s.start)
    cuts.add(s.end)
  }
  if (caret !== null) cuts.add(clip(caret))
  if (selection) {
    cuts.add(clip(selection.start))
    cuts.add(clip(selection.end))
  }
  const edges = [...cuts].sort((a, b) => a - b)
  const out: Segment[] = []
  for (let i = 0; i < edges.length - 1; i++) {
    const start = edges[i]!
    const end = edges[i + 1]!
    if (end <= start) continue
    const ids = all.filter((s) => s.start <= start && s.end >= end).map((s) => s.id)
    const selected = selection !== null && selection.start <= start && selection.end >= end
    const prev = out[out.length - 1]
    // merge neighbours that look the same, so one coding is one <mark>
    const atCaret = caret !== null && clip(caret) === start
    if (prev && !atCaret && prev.selected === selected && prev.ids.join() === ids.join()) {
      prev.end = end
      prev.text = text.slice(prev.start, end)
    } else out.push({ start, end, text: text.slice(start, end), ids, selected, caret: atCaret })
  }
  return out
}
