const CANDIDATES = [',', ';', '\t'] as const
export type CsvDelimiter = (typeof CANDIDATES)[number]

/**
 * The field separator of a CSV file, read from its header line: Dutch and Belgian Excel save "CSV" with
 * `;` (the comma is their decimal sign), most other programs with `,`, some with a tab. Separators
 * inside quotes do not count. A header with none of them (one column) is read as comma-separated.
 */
export function detectDelimiter(text: string): CsvDelimiter {
  const counts = new Map<CsvDelimiter, number>(CANDIDATES.map((c) => [c, 0]))
  let quoted = false
  for (let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; i < text.length; i++) {
    const ch = text[i]!
    if (ch === '"') quoted = !quoted
    else if (!quoted && (ch === '\n' || ch === '\r')) break
    else if (!quoted && counts.has(ch as CsvDelimiter))
      counts.set(ch as CsvDelimiter, counts.get(ch as CsvDelimiter)! + 1)
  }
  let best: CsvDelimiter = ','
  for (const c of CANDIDATES) if (counts.get(c)! > counts.get(best)!) best = c
  return best
}
