import type { Coding } from '@klantreis/shared/coding'
import type { ReactNode, RefObject } from 'react'
import { useCodingI18n } from '../i18n'
import { segments, type Span } from './spans'

/** Offset of a DOM position inside the text container, counted in characters of the source text. */
function offsetIn(container: HTMLElement, node: Node, offset: number): number {
  const range = document.createRange()
  range.selectNodeContents(container)
  range.setEnd(node, offset)
  return range.toString().length
}

type Props = {
  textRef: RefObject<HTMLDivElement | null>
  sourceRef: string
  text: string
  codingItems: Coding[]
  currentId: string
  selection: Span | null
  caret: number
  colourOf: (c: Coding | undefined) => string
  describedBy: string
  onSelect: (a: number, b: number) => void
}

/** The source's text with its codings marked, the selection and the keyboard caret; a mouse selection selects. */
export function SourceText({
  textRef,
  sourceRef,
  text,
  codingItems,
  currentId,
  selection,
  caret,
  colourOf,
  describedBy,
  onSelect,
}: Props) {
  const { t } = useCodingI18n()
  const onMouseUp = () => {
    const container = textRef.current
    const sel = window.getSelection()
    if (!container || !sel || sel.rangeCount === 0 || sel.isCollapsed) return
    const range = sel.getRangeAt(0)
    if (!container.contains(range.startContainer) || !container.contains(range.endContainer)) return
    const a = offsetIn(container, range.startContainer, range.startOffset)
    const b = offsetIn(container, range.endContainer, range.endOffset)
    onSelect(a, b)
    sel.removeAllRanges()
    container.focus({ preventScroll: true })
  }

  const marks = segments(
    text,
    codingItems.map((c) => ({ id: c.id, start: c.start, end: c.end })),
    selection,
    selection ? null : caret,
  )

  return (
    <div
      ref={textRef}
      className="source-text"
      tabIndex={0}
      role="group"
      aria-label={t.coding.sourceText}
      aria-describedby={describedBy}
      onMouseUp={onMouseUp}
      data-testid="source-text"
      data-source={sourceRef}
    >
      {marks.map((seg) => {
        const covering = seg.ids
          .map((id) => codingItems.find((c) => c.id === id))
          .filter((c): c is Coding => Boolean(c))
        const colour = colourOf(covering[0])
        let node: ReactNode = seg.text
        if (covering.length > 0)
          node = (
            <mark
              className={`coding-mark${seg.ids.includes(currentId) ? ' coding-mark--current' : ''}`}
              style={{ backgroundColor: `${colour}2e`, borderBottomColor: colour }}
              data-codings={seg.ids.join(' ')}
            >
              {seg.text}
            </mark>
          )
        if (seg.selected) node = <span className="coding-selection">{node}</span>
        return (
          <span key={`${seg.start}-${seg.end}`}>
            {seg.caret ? <span className="coding-caret" aria-hidden="true" /> : null}
            {node}
          </span>
        )
      })}
      {!selection && caret >= text.length ? <span className="coding-caret" aria-hidden="true" /> : null}
    </div>
  )
}
