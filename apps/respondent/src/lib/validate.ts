// Plain-TypeScript checks of what the server sends (zod stays out of the bundle). They guard the
// shapes the app relies on; the server's own schemas are the full contract.
import type { DiaryEntry, RespondentMe } from './types'

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x)
const isStr = (x: unknown): x is string => typeof x === 'string'
const isStrOrNull = (x: unknown) => x === null || typeof x === 'string'
const isIntOrNull = (x: unknown) => x === null || Number.isInteger(x)

export function isDiaryEntry(x: unknown): x is DiaryEntry {
  return (
    isObj(x) &&
    isStr(x.id) &&
    isStr(x.occurredAt) &&
    isStrOrNull(x.touchpointId) &&
    (x.proposal === null || (isObj(x.proposal) && isStr(x.proposal.description))) &&
    isStr(x.text) &&
    isIntOrNull(x.emotion) &&
    isStrOrNull(x.valence) &&
    isStrOrNull(x.channel) &&
    isStrOrNull(x.photoId) &&
    Number.isInteger(x.version)
  )
}

export function isMe(x: unknown): x is RespondentMe {
  if (!isObj(x) || !isObj(x.participant) || !isObj(x.study) || !Array.isArray(x.stages)) return false
  if (x.participant.language !== 'nl' && x.participant.language !== 'en') return false
  if (typeof x.participant.id !== 'string') return false
  if (
    x.consent !== null &&
    !(isObj(x.consent) && typeof x.consent.given === 'boolean' && Number.isInteger(x.consent.version))
  )
    return false
  if (x.diary !== null && !(isObj(x.diary) && isObj(x.diary.form) && isStr(x.diary.state))) return false
  return x.stages.every((s) => isObj(s) && isStr(s.id) && Array.isArray(s.touchpoints))
}

export function expect<T>(guard: (x: unknown) => x is T, x: unknown, what: string): T {
  if (!guard(x)) throw new Error(`unexpected ${what} from the server`)
  return x
}
