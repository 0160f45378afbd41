import type { Coding, CodingValence, PutCodingBody, Source } from '@klantreis/shared/coding'
import { useCallback, useState } from 'react'
import { isApiError } from '../../../lib/api-client'
import { useCodingI18n } from '../i18n'
import { listCodings, useDeleteCoding, usePutCoding } from '../api/coding'
import { fromCoding, newDraft, useSyncState, type Cursor, type Draft } from './coding-draft'
import type { Conflict } from './conflict-box'
import { trimSpan, type Span } from './spans'

/**
 * The coding being made on the current source: the cursor and the draft, save and delete with the
 * message they end in, and the conflict when someone else changed the coding meanwhile.
 */
export function useCodingDraft({
  studyId,
  sampleId,
  canEdit,
  current,
}: {
  studyId: string
  sampleId: string
  canEdit: boolean
  current: Source | undefined
}) {
  const { t } = useCodingI18n()
  const putCoding = usePutCoding(studyId)
  const deleteCoding = useDeleteCoding(studyId)
  const text = current?.text ?? ''
  // keys can arrive faster than React renders: the handlers read these from refs, not from the last render
  const [cursor, setCursor, cursorRef] = useSyncState<Cursor>({ caret: 0, anchor: 0, selection: null })
  const [draft, setDraft, draftRef] = useSyncState<Draft>(newDraft)
  const setSelection = (selection: Span | null) => setCursor((c) => ({ ...c, selection }))
  const [message, setMessage] = useState<{ tone: 'info' | 'success'; text: string } | null>(null)
  const [error, setError] = useState<unknown>(null)
  const [conflict, setConflict] = useState<Conflict | null>(null)

  const reset = useCallback(() => {
    setCursor({ caret: 0, anchor: 0, selection: null })
    setDraft(newDraft())
    setConflict(null)
    setError(null)
  }, [setCursor, setDraft])

  const selectCoding = (c: Coding) => {
    setDraft(fromCoding(c))
    const span = { start: Math.min(c.start, text.length), end: Math.min(c.end, text.length) }
    setCursor({ caret: span.end, anchor: span.start, selection: span.end > span.start ? span : null })
    setConflict(null)
    setError(null)
  }

  const bodyOf = (d: Draft, span: Span): PutCodingBody => ({
    source: current!.ref,
    start: span.start,
    end: span.end,
    touchpointId: d.touchpointId,
    valence: d.valence,
    codeIds: d.codeIds,
    sampleId: sampleId || null,
    baseVersion: d.baseVersion,
  })

  const put = (codingId: string, body: PutCodingBody) => {
    setError(null)
    putCoding.mutate(
      { codingId, body },
      {
        onSuccess: () => {
          setMessage({ tone: 'success', text: t.coding.saved })
          setConflict(null)
          setDraft(newDraft())
          setCursor((c) => ({ caret: c.caret, anchor: c.caret, selection: null }))
        },
        onError: async (err) => {
          if (isApiError(err) && err.code === 'CODING_CONFLICT' && body.baseVersion !== null) {
            const now = await listCodings(studyId, body.source, sampleId).catch(() => null)
            setConflict({ body, codingId, current: now?.items.find((c) => c.id === codingId) ?? null })
          } else setError(err)
        },
      },
    )
  }

  const save = () => {
    if (!canEdit || !current || putCoding.isPending) return
    setMessage(null)
    const d = draftRef.current
    const span = cursorRef.current.selection
    if (!span) return setMessage({ tone: 'info', text: t.coding.needsSelection })
    if (!d.touchpointId && !d.valence && d.codeIds.length === 0)
      return setMessage({ tone: 'info', text: t.coding.needsSomething })
    put(d.id, bodyOf(d, span))
  }

  const remove = () => {
    const d = draftRef.current
    if (!canEdit || d.baseVersion === null || deleteCoding.isPending) return
    setError(null)
    deleteCoding.mutate(
      { codingId: d.id, baseVersion: d.baseVersion },
      {
        onSuccess: () => {
          setMessage({ tone: 'success', text: t.coding.deleted })
          setDraft(newDraft())
          setSelection(null)
        },
        onError: (err) => setError(err),
      },
    )
  }

  const applySuggestion = () => {
    if (!canEdit || !current) return
    const s = current.suggestion
    setDraft((d) => ({ ...d, touchpointId: s.touchpointId ?? d.touchpointId, valence: s.valence ?? d.valence }))
  }

  const toggleCode = (id: string) =>
    setDraft((d) => ({
      ...d,
      codeIds: d.codeIds.includes(id) ? d.codeIds.filter((x) => x !== id) : [...d.codeIds, id],
    }))
  const setValence = (v: CodingValence) => setDraft((d) => ({ ...d, valence: d.valence === v ? null : v }))

  const select = (a: number, b: number) =>
    setCursor({ anchor: a, caret: b, selection: trimSpan(text, { start: Math.min(a, b), end: Math.max(a, b) }) })
  const moveTo = (c: number) => setCursor({ caret: c, anchor: c, selection: null })

  return {
    cursor,
    cursorRef,
    draft,
    setDraft,
    draftRef,
    setSelection,
    message,
    setMessage,
    error,
    conflict,
    setConflict,
    reset,
    selectCoding,
    put,
    save,
    remove,
    applySuggestion,
    toggleCode,
    setValence,
    select,
    moveTo,
    saving: putCoding.isPending,
    deleting: deleteCoding.isPending,
  }
}
