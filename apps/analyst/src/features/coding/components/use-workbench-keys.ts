import type { Code, Coding, CodingValence } from '@klantreis/shared/coding'
import { useEffect, useRef } from 'react'
import type { Cursor, Draft } from './coding-draft'
import { nextWordStart, prevWordStart, wordEndAfter } from './spans'

/** What the workbench's keys act on. The cursor and the draft are read from refs: keys can arrive faster than React renders. */
export type WorkbenchKeyContext = {
  hasSource: boolean
  text: string
  canEdit: boolean
  cursorRef: { readonly current: Cursor }
  draftRef: { readonly current: Draft }
  codingItems: Coding[]
  codes: Code[] | undefined
  openHelp: () => void
  go: (delta: 1 | -1) => void
  select: (anchor: number, caret: number) => void
  moveTo: (caret: number) => void
  /** Escape: no selection, a new draft, no conflict. */
  clear: () => void
  selectCoding: (c: Coding) => void
  applySuggestion: () => void
  setValence: (v: CodingValence) => void
  focusTouchpoint: () => void
  save: () => void
  remove: () => void
  toggleCode: (id: string) => void
}

/**
 * The workbench's keymap on the window: ? help, J/K next and previous source, arrows by word (Shift selects),
 * A all, E the next coding, Escape; for an editor also Enter (the participant's suggestion), P/G/N valence,
 * T touchpoint, S save, Delete, and each code's shortcut key. Keys typed into a field or with a dialog open are left alone.
 */
export function useWorkbenchKeys(context: WorkbenchKeyContext) {
  const contextRef = useRef(context)
  contextRef.current = context
  useEffect(() => {
    const listener = (e: KeyboardEvent) => onKey(e, contextRef.current)
    window.addEventListener('keydown', listener)
    return () => window.removeEventListener('keydown', listener)
  }, [])
}

function onKey(e: KeyboardEvent, k: WorkbenchKeyContext) {
  if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return
  if (document.querySelector('dialog[open]')) return
  const target = e.target instanceof HTMLElement ? e.target : null
  if (target?.closest('input, textarea, select, [contenteditable="true"]')) return
  if ((e.key === 'Enter' || e.key === ' ') && target?.closest('button, a, summary')) return
  const key = e.key.length === 1 ? e.key.toLowerCase() : e.key
  const handled = () => e.preventDefault()
  if (key === '?') {
    handled()
    k.openHelp()
    return
  }
  if (key === 'j') return (handled(), k.go(1))
  if (key === 'k') return (handled(), k.go(-1))
  if (!k.hasSource) return
  const { text } = k
  const { caret, anchor, selection } = k.cursorRef.current
  switch (key) {
    case 'ArrowRight':
      handled()
      if (e.shiftKey) k.select(selection ? anchor : caret, wordEndAfter(text, caret))
      else k.moveTo(nextWordStart(text, caret))
      return
    case 'ArrowLeft':
      handled()
      if (e.shiftKey) k.select(selection ? anchor : caret, prevWordStart(text, caret))
      else k.moveTo(prevWordStart(text, caret))
      return
    case 'a':
      handled()
      return k.select(0, text.length)
    case 'Escape':
      k.clear()
      return
    case 'e': {
      handled()
      if (k.codingItems.length === 0) return
      const at = k.codingItems.findIndex((c) => c.id === k.draftRef.current.id)
      return k.selectCoding(k.codingItems[(at + 1) % k.codingItems.length]!)
    }
    case '?':
      return
  }
  if (!k.canEdit) return
  switch (key) {
    case 'Enter':
      handled()
      return k.applySuggestion()
    case 'p':
    case 'g':
    case 'n':
      handled()
      return k.setValence(({ p: 'pain', g: 'gain', n: 'neutral' } as const)[key])
    case 't':
      handled()
      k.focusTouchpoint()
      return
    case 's':
      handled()
      return k.save()
    case 'Delete':
      handled()
      return k.remove()
  }
  const code = k.codes?.find((c) => c.shortcut === key)
  if (code) {
    handled()
    k.toggleCode(code.id)
  }
}
