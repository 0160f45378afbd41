// Plain-TypeScript checks of what the server sends. zod stays out of the bundle on purpose: even
// zod/mini with one object schema is about 5 KiB gzipped, and the questionnaire route has about
// 1 KiB left under its 90 KiB budget (scripts/check-bundle.mjs). So each guard is a record keyed by
// the contract's own type (`Fields<DiaryEntry>`, `Fields<RespondentMe>` from @klantreis/shared,
// type-only): a field added to or removed from the contract is a type error here until the guard
// says how it checks it. They guard the shapes the app relies on; the server's schemas are the full contract.
import type { DiaryEntry, RespondentMe } from './types'

type Fields<T> = { [K in keyof T]-?: (v: unknown) => boolean }

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x)
const isStr = (x: unknown): x is string => typeof x === 'string'
const isStrOrNull = (x: unknown) => x === null || typeof x === 'string'
const isIntOrNull = (x: unknown) => x === null || Number.isInteger(x)
/** A field the app does not rely on: passed through as it comes. */
const unchecked = () => true
const fits = <T>(x: unknown, fields: Fields<T>): x is T =>
  isObj(x) && Object.entries<(v: unknown) => boolean>(fields).every(([k, ok]) => ok(x[k]))

const entryFields: Fields<DiaryEntry> = {
  id: isStr,
  occurredAt: isStr,
  touchpointId: isStrOrNull,
  proposal: (p) => p === null || (isObj(p) && isStr(p.description)),
  text: isStr,
  emotion: isIntOrNull,
  valence: isStrOrNull,
  channel: isStrOrNull,
  photoId: isStrOrNull,
  version: Number.isInteger,
  createdAt: unchecked,
  updatedAt: unchecked,
}
export const isDiaryEntry = (x: unknown): x is DiaryEntry => fits(x, entryFields)

const meFields: Fields<RespondentMe> = {
  participant: (p) => isObj(p) && (p.language === 'nl' || p.language === 'en') && isStr(p.id),
  study: isObj,
  consent: (c) => c === null || (isObj(c) && typeof c.given === 'boolean' && Number.isInteger(c.version)),
  diary: (d) => d === null || (isObj(d) && isObj(d.form) && isStr(d.state)),
  stages: (s) => Array.isArray(s) && s.every((st) => isObj(st) && isStr(st.id) && Array.isArray(st.touchpoints)),
}
export const isMe = (x: unknown): x is RespondentMe => fits(x, meFields)

export function expect<T>(guard: (x: unknown) => x is T, x: unknown, what: string): T {
  if (!guard(x)) throw new Error(`unexpected ${what} from the server`)
  return x
}
