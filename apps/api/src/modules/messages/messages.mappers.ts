import type { Language } from '@klantreis/shared/common'

/** What the researcher wrote for one language, or else the other one. */
export const textIn = (t: Partial<Record<Language, string>> | undefined, language: Language) =>
  t?.[language] ?? t?.[language === 'nl' ? 'en' : 'nl'] ?? ''

/** A DATE column: 'YYYY-MM-DD' from the db plugin's text parser, a Date elsewhere. */
export const ymd = (d: unknown) => (d instanceof Date ? d.toISOString().slice(0, 10) : String(d))
