import type { Coding, CodingValence } from '@klantreis/shared/coding'
import { useCallback, useRef, useState } from 'react'
import type { Span } from './spans'

export type Draft = {
  id: string
  baseVersion: number | null
  coder: string | null
  touchpointId: string | null
  valence: CodingValence | null
  codeIds: string[]
}
export const newDraft = (): Draft => ({
  id: crypto.randomUUID(),
  baseVersion: null,
  coder: null,
  touchpointId: null,
  valence: null,
  codeIds: [],
})
export const fromCoding = (c: Coding): Draft => ({
  id: c.id,
  baseVersion: c.version,
  coder: c.coder?.name ?? null,
  touchpointId: c.touchpointId,
  valence: c.valence,
  codeIds: [...c.codeIds],
})

export type Cursor = { caret: number; anchor: number; selection: Span | null }

/** State whose latest value is also readable at once (a ref), for key handlers that run between renders. */
export function useSyncState<T>(initial: T | (() => T)) {
  const [state, setState] = useState(initial)
  const ref = useRef(state)
  const set = useCallback((next: T | ((prev: T) => T)) => {
    ref.current = typeof next === 'function' ? (next as (prev: T) => T)(ref.current) : next
    setState(ref.current)
  }, [])
  return [state, set, ref] as const
}
