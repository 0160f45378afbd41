import { useSortable } from '@dnd-kit/sortable'
import { CSS } from '@dnd-kit/utilities'
import type { Touchpoint } from '@klantreis/shared/journey'
import { useEffect, useRef, type MouseEvent, type ReactNode } from 'react'
import { useJourneyModelI18n } from '../i18n'

export type CardAction = 'up' | 'down' | 'prev-stage' | 'next-stage'

export type CardMoves = { up: boolean; down: boolean; prevStage: boolean; nextStage: boolean }

type Props = {
  touchpoint: Touchpoint
  canEdit: boolean
  moves: CardMoves
  /** When set to this card's id, focus returns to the named button after a move re-mounted the card. */
  focusAction: CardAction | null
  onFocusHandled: () => void
  onMove: (action: CardAction) => void
  onEdit: () => void
  onDelete: () => void
}

/** One touchpoint in its stage: sortable by drag (handle) and by the explicit move buttons. */
export function SortableTouchpointCard(props: Props) {
  const { touchpoint, canEdit } = props
  const { t } = useJourneyModelI18n()
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({
    id: touchpoint.id,
    data: { type: 'touchpoint' },
    disabled: !canEdit,
  })
  const style = { transform: CSS.Translate.toString(transform), transition }
  return (
    <li ref={setNodeRef} style={style} className={`tp-item${isDragging ? ' tp-item--placeholder' : ''}`}>
      <TouchpointCard
        {...props}
        dragHandle={
          canEdit ? (
            <button
              type="button"
              ref={setActivatorNodeRef}
              className="tp-card__handle"
              {...attributes}
              {...listeners}
              aria-label={t.model.dragHandle(touchpoint.name)}
              title={t.model.dragHandle(touchpoint.name)}
            >
              <span aria-hidden="true">⠿</span>
            </button>
          ) : null
        }
      />
    </li>
  )
}

type CardProps = Props & { dragHandle?: ReactNode; overlay?: boolean }

export function TouchpointCard({
  touchpoint,
  canEdit,
  moves,
  focusAction,
  onFocusHandled,
  onMove,
  onEdit,
  onDelete,
  dragHandle,
  overlay,
}: CardProps) {
  const { t } = useJourneyModelI18n()
  const buttons = useRef<Partial<Record<CardAction, HTMLButtonElement | null>>>({})
  const titleId = `tp-${touchpoint.id}-title`

  useEffect(() => {
    if (!focusAction) return
    // the same button, even if it is now (aria-)disabled: a predictable place beats a "helpful" jump
    buttons.current[focusAction]?.focus()
    onFocusHandled()
  }, [focusAction, onFocusHandled])

  const moveButton = (action: CardAction, enabled: boolean, label: string, glyph: string) => (
    <button
      type="button"
      ref={(el) => {
        buttons.current[action] = el
      }}
      className="btn btn--ghost btn--icon btn--small"
      aria-label={label}
      title={label}
      // aria-disabled keeps the button focusable, so keyboard users do not lose their place after a move
      aria-disabled={!enabled || undefined}
      onClick={(e: MouseEvent) => {
        e.preventDefault()
        if (enabled) onMove(action)
      }}
    >
      <span aria-hidden="true">{glyph}</span>
    </button>
  )

  const kindLabel = touchpoint.kind === 'direct' ? t.model.direct : t.model.indirect

  return (
    <article
      data-testid={overlay ? undefined : 'touchpoint-card'}
      className={`tp-card tp-card--${touchpoint.kind}${touchpoint.momentOfTruth ? ' tp-card--mot' : ''}${overlay ? ' tp-card--overlay' : ''}`}
      aria-labelledby={titleId}
      data-kind={touchpoint.kind}
    >
      <div className="tp-card__top">
        {dragHandle ? <span className="tp-card__handle-wrap">{dragHandle}</span> : null}
        <span className={`tp-kind tp-kind--${touchpoint.kind}`}>
          <span className="tp-kind__icon" aria-hidden="true" />
          {kindLabel}
        </span>
        {touchpoint.momentOfTruth ? (
          <span className="tp-badge tp-badge--mot">
            <span aria-hidden="true">★ </span>
            {t.model.momentOfTruth}
          </span>
        ) : null}
        {touchpoint.origin === 'research' ? (
          <span className="tp-badge tp-badge--research">
            <span aria-hidden="true">◆ </span>
            {t.model.originResearch}
          </span>
        ) : null}
      </div>
      <h4 id={titleId} className="tp-card__name">
        {touchpoint.name}
      </h4>
      {touchpoint.description ? <p className="tp-card__desc">{touchpoint.description}</p> : null}
      <p className="tp-card__meta">
        <span>{t.channels[touchpoint.channel]}</span>
        {touchpoint.ownerDepartment ? <span>{t.model.owner(touchpoint.ownerDepartment)}</span> : null}
      </p>
      {canEdit && !overlay ? (
        <div className="tp-card__actions">
          <div className="tp-card__moves" role="group" aria-label={touchpoint.name}>
            {moveButton('up', moves.up, t.model.moveUp, '↑')}
            {moveButton('down', moves.down, t.model.moveDown, '↓')}
            {moveButton('prev-stage', moves.prevStage, t.model.movePrevStage, '←')}
            {moveButton('next-stage', moves.nextStage, t.model.moveNextStage, '→')}
          </div>
          <div className="tp-card__edit">
            <button
              type="button"
              className="btn btn--ghost btn--small"
              onClick={onEdit}
              aria-label={t.model.editNamed(touchpoint.name)}
            >
              {t.model.edit}
            </button>
            <button
              type="button"
              className="btn btn--ghost btn--small btn--danger-text"
              onClick={onDelete}
              aria-label={t.model.deleteNamed(touchpoint.name)}
            >
              {t.model.delete}
            </button>
          </div>
        </div>
      ) : null}
    </article>
  )
}
