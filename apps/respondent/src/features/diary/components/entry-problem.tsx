import type { Messages } from '../../../lib/i18n'
import { hasUnstorable } from '../../../lib/text'
import type { EntryContent, LocalRecord } from '../../../lib/types'

export type EntryField = keyof Messages['fieldNames']
type Failure = NonNullable<LocalRecord['failure']>

/**
 * The entry field a parked refusal is about: the first one its details named that the form has;
 * without details (an older record, another refusal), a text field holding a character the server
 * cannot store.
 */
export function problemField(t: Messages, failure: Failure, content: EntryContent | null): EntryField | null {
  const named = (failure.fields ?? []).find((f): f is EntryField => Object.hasOwn(t.fieldNames, f))
  if (named) return named
  if (content && hasUnstorable(content.text)) return 'text'
  if (content?.somethingElse && hasUnstorable(content.somethingElse)) return 'somethingElse'
  return null
}

/** What is wrong with a parked entry and what the participant can do, in their words. */
export function describeProblem(
  t: Messages,
  failure: Failure,
  content: EntryContent | null,
): { what: string; fix: string | null } {
  const { code } = failure
  if (code === 'DIARY_CLOSED') return { what: t.failClosed, fix: null }
  if (code === 'PHOTO_TOO_LARGE' || code === 'BODY_TOO_LARGE') return { what: t.failPhoto, fix: null }
  if (code === 'UNSUPPORTED_MEDIA_TYPE') return { what: t.photoUnreadable, fix: t.failFix }
  if ((failure.status ?? 0) >= 500) return { what: t.failServer, fix: t.failServerFix }
  const field = problemField(t, failure, content)
  if (field) {
    const value = content?.[field]
    const what =
      typeof value === 'string' && hasUnstorable(value)
        ? t.failChars(t.fieldNames[field])
        : t.failField(t.fieldNames[field])
    return { what, fix: t.failFix }
  }
  if (code === 'VALIDATION_FAILED' || code.endsWith('_NOT_FOUND')) return { what: t.failInvalid, fix: null }
  return { what: t.failOther, fix: t.failFix }
}
