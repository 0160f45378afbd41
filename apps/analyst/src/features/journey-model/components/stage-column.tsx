import { useDroppable } from '@dnd-kit/core'
import { SortableContext, verticalListSortingStrategy } from '@dnd-kit/sortable'
import type { Stage, Touchpoint } from '@klantreis/shared/journey'
import { useJourneyModelI18n } from '../i18n'
import { SortableTouchpointCard, type CardAction } from './touchpoint-card'
import type { FocusRequest } from './touchpoint-model-editor'

type Props = {
  stage: Stage
  index: number
  stageCount: number
  touchpoints: Touchpoint[]
  canEdit: boolean
  isDropTarget: boolean
  focusRequest: FocusRequest | null
  onFocusHandled: () => void
  onMoveTouchpoint: (touchpointId: string, action: CardAction) => void
  onEditTouchpoint: (touchpoint: Touchpoint) => void
  onDeleteTouchpoint: (touchpoint: Touchpoint) => void
  onAddTouchpoint: () => void
  onEditStage: () => void
  onDeleteStage: () => void
  onMoveStage: (delta: -1 | 1) => void
}

export function StageColumn({
  stage,
  index,
  stageCount,
  touchpoints,
  canEdit,
  isDropTarget,
  focusRequest,
  onFocusHandled,
  onMoveTouchpoint,
  onEditTouchpoint,
  onDeleteTouchpoint,
  onAddTouchpoint,
  onEditStage,
  onDeleteStage,
  onMoveStage,
}: Props) {
  const { t } = useJourneyModelI18n()
  // The column itself is a drop target too, so a touchpoint can land in an empty stage.
  const { setNodeRef } = useDroppable({ id: stage.id, data: { type: 'stage' }, disabled: !canEdit })
  const headingId = `stage-${stage.id}-name`

  return (
    <li className="stage-slot">
      <section
        data-testid="stage-column"
        aria-label={stage.name}
        className={`stage${isDropTarget ? ' stage--drop-target' : ''}`}
      >
        <header className="stage__header">
          <div className="stage__title-row">
            <span className="stage__index" aria-hidden="true">
              {index + 1}
            </span>
            <h3 id={headingId} className="stage__name">
              {stage.name}
            </h3>
          </div>
          {stage.description ? <p className="stage__desc">{stage.description}</p> : null}
          <p className="stage__count">{t.model.touchpointCount(touchpoints.length)}</p>
          {canEdit ? (
            <div className="stage__actions">
              <button
                type="button"
                className="btn btn--ghost btn--icon btn--small"
                aria-label={t.model.moveStageLeft(stage.name)}
                title={t.model.moveStageLeft(stage.name)}
                aria-disabled={index === 0 || undefined}
                onClick={() => index > 0 && onMoveStage(-1)}
              >
                <span aria-hidden="true">←</span>
              </button>
              <button
                type="button"
                className="btn btn--ghost btn--icon btn--small"
                aria-label={t.model.moveStageRight(stage.name)}
                title={t.model.moveStageRight(stage.name)}
                aria-disabled={index === stageCount - 1 || undefined}
                onClick={() => index < stageCount - 1 && onMoveStage(1)}
              >
                <span aria-hidden="true">→</span>
              </button>
              <span className="stage__edit">
                <button
                  type="button"
                  className="btn btn--ghost btn--small"
                  aria-label={t.model.editStage(stage.name)}
                  onClick={onEditStage}
                >
                  {t.common.edit}
                </button>
                <button
                  type="button"
                  className="btn btn--ghost btn--small btn--danger-text"
                  aria-label={t.model.deleteStage(stage.name)}
                  onClick={onDeleteStage}
                >
                  {t.common.delete}
                </button>
              </span>
            </div>
          ) : null}
        </header>

        <SortableContext id={stage.id} items={touchpoints.map((tp) => tp.id)} strategy={verticalListSortingStrategy}>
          <ol ref={setNodeRef} className="stage__list" aria-labelledby={headingId}>
            {touchpoints.map((tp, i) => (
              <SortableTouchpointCard
                key={tp.id}
                touchpoint={tp}
                canEdit={canEdit}
                moves={{
                  up: i > 0,
                  down: i < touchpoints.length - 1,
                  prevStage: index > 0,
                  nextStage: index < stageCount - 1,
                }}
                focusAction={
                  focusRequest?.touchpointId === tp.id && focusRequest.stageId === stage.id && focusRequest.index === i
                    ? focusRequest.action
                    : null
                }
                onFocusHandled={onFocusHandled}
                onMove={(action) => onMoveTouchpoint(tp.id, action)}
                onEdit={() => onEditTouchpoint(tp)}
                onDelete={() => onDeleteTouchpoint(tp)}
              />
            ))}
            {touchpoints.length === 0 ? <li className="stage__empty">{t.model.emptyStage}</li> : null}
          </ol>
        </SortableContext>

        {canEdit ? (
          <div className="stage__footer">
            <button type="button" className="btn btn--secondary btn--block btn--small" onClick={onAddTouchpoint}>
              <span aria-hidden="true">+ </span>
              {t.model.addTouchpoint}
              <span className="visually-hidden"> ({stage.name})</span>
            </button>
          </div>
        ) : null}
      </section>
    </li>
  )
}
