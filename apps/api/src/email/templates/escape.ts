const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!)
/** Subjects come from names people typed: no line breaks, so no header injection. */
export const oneLine = (s: string) => s.replace(/[\r\n\t]+/g, ' ').trim().slice(0, 200)
