/**
 * The one CSV cell writer of the API (audit log, subject access, codebook, exports), and its inverse for
 * the imports (codebook, participants).
 *
 * Formula injection: a spreadsheet runs a cell that starts with = + - @ (or a tab or CR, which some strip
 * first) as a formula, so such a text gets a leading ' (OWASP's advice), which shows it as text. To make
 * that reversible, a text that already starts with one or more ' before such a character gets one more:
 * then "remove one leading ' where the text is '…' followed by a formula start" undoes it exactly, and a
 * file we exported imports to the very values we wrote (`'abc` is left alone both ways).
 */
import type { CsvSeparator } from '@klantreis/shared/exports'

const GUARDED = /^'*[=+\-@\t\r]/
const UNGUARD = /^'+[=+\-@\t\r]/

/** A text cell as a spreadsheet may safely open it (see above). */
export const guardFormula = (text: string) => (GUARDED.test(text) ? `'${text}` : text)

/** The inverse of guardFormula: `unguardFormula(guardFormula(s)) === s` for every string. */
export const unguardFormula = (text: string) => (UNGUARD.test(text) ? text.slice(1) : text)

/**
 * One RFC 4180 field: quoted when it holds the separator, a quote, CR or LF, or starts or ends with
 * whitespace (our imports trim unquoted cells, and so do many readers); quotes doubled. `always` quotes
 * every field, as the audit log has always done.
 */
export function csvField(text: string, separator: CsvSeparator, always = false): string {
  const quote =
    always ||
    text.includes(separator) ||
    /["\r\n]/.test(text) ||
    (text.length > 0 && (/^\s/.test(text) || /\s$/.test(text)))
  return quote ? `"${text.replace(/"/g, '""')}"` : text
}

/** A text cell from someone else's hands: formula-guarded, then quoted as needed. */
export const csvText = (text: string, separator: CsvSeparator, always = false) =>
  csvField(guardFormula(text), separator, always)
