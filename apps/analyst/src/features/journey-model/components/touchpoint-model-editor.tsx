import {
  closestCorners,
  DndContext,
  DragOverlay,
  KeyboardSensor,
  PointerSensor,
  useSensor,
  useSensors,
  type Announcements,
  type DragEndEvent,
  type DragOverEvent,
  type DragStartEvent,
  type UniqueIdentifier,
} from '@dnd-kit/core'
import type { Stage, Touchpoint } from '@klantreis/shared/journey'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { ErrorAlert, Loading } from '../../../components/ui/alert'
import { ConfirmDialog } from '../../../components/ui/dialog'
import { isApiError } from '../../../lib/api-client'
import { useJourneyModelI18n } from '../i18n'
import { useJourneyModel } from '../api/get-journey-model'
import { useDeleteStage, useReorderStages } from '../api/stages'
import { columnsOf, useArrangeTouchpoints, useDeleteTouchpoint, type Columns } from '../api/touchpoints'
import { createStageKeyboardCoordinates } from './keyboard-coordinates'
import { changedColumns, findStageOf, moveToAdjacentStage, moveToStage, moveWithinStage } from './layout-moves'
import { ModelLegend } from './model-legend'
import { StageColumn } from './stage-column'
import { StageDialog } from './stage-dialog'
import { TouchpointCard, type CardAction } from './touchpoint-card'
import { TouchpointDialog } from './touchpoint-dialog'

type Props = { studyId: string; canEdit: boolean; headingId: string }

type StageEditing = { stage: Stage | null } | null
type TouchpointEditing = { touchpoint: Touchpoint } | { stageId: string } | null

const noop = () => {}

export type FocusRequest = { touchpointId: string; action: CardAction; stageId: string; index: number }

export function TouchpointModelEditor({ studyId, canEdit, headingId }: Props) {
  const { t } = useJourneyModelI18n()
  const model = useJourneyModel(studyId)
  const arrange = useArrangeTouchpoints(studyId)
  const reorderStages = useReorderStages(studyId)
  const deleteStage = useDeleteStage(studyId)
  const deleteTouchpoint = useDeleteTouchpoint(studyId)

  const [stageEditing, setStageEditing] = useState<StageEditing>(null)
  const [stageDeleting, setStageDeleting] = useState<Stage | null>(null)
  const [tpEditing, setTpEditing] = useState<TouchpointEditing>(null)
  const [tpDeleting, setTpDeleting] = useState<Touchpoint | null>(null)
  const [focusRequest, setFocusRequest] = useState<FocusRequest | null>(null)

  // While dragging, the layout lives here; everywhere else it comes from the (optimistic) query cache.
  const [dragColumns, setDragColumns] = useState<Columns | null>(null)
  const [activeId, setActiveId] = useState<string | null>(null)
  const dragColumnsRef = useRef<Columns | null>(null)
  const setDrag = (cols: Columns | null) => {
    dragColumnsRef.current = cols
    setDragColumns(cols)
  }

  const stages = model.data?.stages ?? []
  const touchpointsById = useMemo(() => new Map((model.data?.touchpoints ?? []).map((tp) => [tp.id, tp])), [model.data])
  const serverColumns = useMemo(() => (model.data ? columnsOf(model.data) : {}), [model.data])
  const columns = dragColumns ?? serverColumns
  const stageOrder = stages.map((s) => s.id)

  // After a drop, keep showing the dropped layout until the cache holds it (query observers are
  // notified a tick later), so the card does not flash back to where it came from.
  const settlingRef = useRef(false)
  useEffect(() => {
    if (settlingRef.current) {
      settlingRef.current = false
      setDrag(null)
    }
  }, [serverColumns])

  /** Sends the stages whose order changed; returns false when nothing changed. */
  const commit = (next: Columns): boolean => {
    const changed = changedColumns(serverColumns, next)
    if (Object.keys(changed).length === 0) return false
    arrange.mutate(changed)
    return true
  }

  const moveByButton = (touchpointId: string, action: CardAction) => {
    const next =
      action === 'up'
        ? moveWithinStage(serverColumns, touchpointId, -1)
        : action === 'down'
          ? moveWithinStage(serverColumns, touchpointId, 1)
          : moveToAdjacentStage(serverColumns, stageOrder, touchpointId, action === 'prev-stage' ? -1 : 1)
    const stageId = findStageOf(next, touchpointId)
    if (!stageId || !commit(next)) return
    // The card moves (and may re-mount in another column): give focus back to the button used,
    // once the card is at its new place.
    setFocusRequest({ touchpointId, action, stageId, index: next[stageId]?.indexOf(touchpointId) ?? 0 })
  }
  const clearFocusRequest = useCallback(() => setFocusRequest(null), [])

  const moveStage = (stageId: string, delta: -1 | 1) => {
    const ids = [...stageOrder]
    const from = ids.indexOf(stageId)
    const to = from + delta
    if (from < 0 || to < 0 || to >= ids.length) return
    ids.splice(from, 1)
    ids.splice(to, 0, stageId)
    reorderStages.mutate(ids)
  }

  // ---- drag and drop ----
  const stageOrderRef = useRef(stageOrder)
  stageOrderRef.current = stageOrder
  const serverColumnsRef = useRef(serverColumns)
  serverColumnsRef.current = serverColumns
  const pointerOptions = useMemo(() => ({ activationConstraint: { distance: 4 } }), [])
  const keyboardOptions = useMemo(
    () => ({
      coordinateGetter: createStageKeyboardCoordinates(() => ({
        columns: dragColumnsRef.current ?? serverColumnsRef.current,
        stageOrder: stageOrderRef.current,
      })),
    }),
    [],
  )
  const sensors = useSensors(useSensor(PointerSensor, pointerOptions), useSensor(KeyboardSensor, keyboardOptions))

  const containerOf = (cols: Columns, id: UniqueIdentifier): string | undefined =>
    String(id) in cols ? String(id) : findStageOf(cols, String(id))

  const onDragStart = ({ active }: DragStartEvent) => {
    settlingRef.current = false
    setActiveId(String(active.id))
    setDrag(serverColumns)
  }

  // Crossing into another stage: move the card there now, so that stage's list makes room for it.
  const onDragOver = ({ active, over }: DragOverEvent) => {
    const cols = dragColumnsRef.current
    if (!cols || !over) return
    const from = containerOf(cols, active.id)
    const to = containerOf(cols, over.id)
    if (!from || !to || from === to) return
    const target = cols[to] ?? []
    let index = target.length
    if (String(over.id) !== to) {
      const overIndex = target.indexOf(String(over.id))
      const activeTop = active.rect.current.translated?.top ?? 0
      const below = activeTop > over.rect.top + over.rect.height / 2
      index = overIndex + (below ? 1 : 0)
    }
    setDrag(moveToStage(cols, String(active.id), to, index))
  }

  const onDragEnd = ({ active, over }: DragEndEvent) => {
    const cols = dragColumnsRef.current
    setActiveId(null)
    if (!cols || !over) {
      setDrag(null)
      return
    }
    let next = cols
    const container = containerOf(cols, active.id)
    if (container && String(over.id) !== container) {
      const ids = cols[container] ?? []
      const from = ids.indexOf(String(active.id))
      const to = ids.indexOf(String(over.id))
      if (from >= 0 && to >= 0 && from !== to) next = moveWithinStage(cols, String(active.id), to - from)
    }
    if (commit(next)) {
      settlingRef.current = true
      setDrag(next)
    } else {
      setDrag(null)
    }
  }

  const onDragCancel = () => {
    setActiveId(null)
    setDrag(null)
  }

  const nameOf = (id: UniqueIdentifier) => touchpointsById.get(String(id))?.name ?? ''
  const placeOf = (id: UniqueIdentifier) => {
    const cols = dragColumnsRef.current ?? serverColumns
    const stageId = findStageOf(cols, String(id))
    const stage = stages.find((s) => s.id === stageId)
    return { stage: stage?.name ?? '', pos: (cols[stageId ?? '']?.indexOf(String(id)) ?? 0) + 1 }
  }
  const announcements: Announcements = {
    onDragStart: ({ active }) => t.model.dndPickedUp(nameOf(active.id)),
    onDragOver: ({ active, over }) => {
      if (!over) return undefined
      const p = placeOf(active.id)
      return t.model.dndOver(nameOf(active.id), p.stage, p.pos)
    },
    onDragEnd: ({ active }) => {
      const p = placeOf(active.id)
      return t.model.dndDropped(nameOf(active.id), p.stage, p.pos)
    },
    onDragCancel: ({ active }) => t.model.dndCancelled(nameOf(active.id)),
  }

  if (model.isPending) return <Loading />
  if (model.isError) return <ErrorAlert error={model.error} />

  const activeTouchpoint = activeId ? touchpointsById.get(activeId) : undefined
  const activeStageId = activeId ? findStageOf(columns, activeId) : undefined
  const layoutError = arrange.error ?? reorderStages.error

  return (
    <div className="stack">
      <div className="section-header">
        <div>
          <h2 id={headingId}>{t.model.heading}</h2>
          <p className="muted">{t.model.intro}</p>
        </div>
        {canEdit ? (
          <button type="button" className="btn btn--primary" onClick={() => setStageEditing({ stage: null })}>
            <span aria-hidden="true">+ </span>
            {t.model.addStage}
          </button>
        ) : null}
      </div>
      <ModelLegend />

      {layoutError ? (
        <ErrorAlert error={layoutError}>
          <p>{t.model.moveFailed}</p>
        </ErrorAlert>
      ) : null}

      {stages.length === 0 ? (
        <div className="empty">
          <p>{t.model.noStages}</p>
        </div>
      ) : (
        <DndContext
          sensors={sensors}
          collisionDetection={closestCorners}
          onDragStart={onDragStart}
          onDragOver={onDragOver}
          onDragEnd={onDragEnd}
          onDragCancel={onDragCancel}
          accessibility={{ announcements, screenReaderInstructions: { draggable: t.model.dndInstructions } }}
        >
          <div className="timeline-scroll">
            <ol className="timeline" aria-label={t.model.timeline}>
              {stages.map((stage, index) => (
                <StageColumn
                  key={stage.id}
                  stage={stage}
                  index={index}
                  stageCount={stages.length}
                  touchpoints={(columns[stage.id] ?? []).flatMap((id) => touchpointsById.get(id) ?? [])}
                  canEdit={canEdit}
                  isDropTarget={activeId !== null && activeStageId === stage.id}
                  focusRequest={focusRequest}
                  onFocusHandled={clearFocusRequest}
                  onMoveTouchpoint={moveByButton}
                  onEditTouchpoint={(touchpoint) => setTpEditing({ touchpoint })}
                  onDeleteTouchpoint={setTpDeleting}
                  onAddTouchpoint={() => setTpEditing({ stageId: stage.id })}
                  onEditStage={() => setStageEditing({ stage })}
                  onDeleteStage={() => setStageDeleting(stage)}
                  onMoveStage={(delta) => moveStage(stage.id, delta)}
                />
              ))}
            </ol>
          </div>
          <DragOverlay>
            {activeTouchpoint ? (
              <TouchpointCard
                touchpoint={activeTouchpoint}
                canEdit={false}
                overlay
                moves={{ up: false, down: false, prevStage: false, nextStage: false }}
                focusAction={null}
                onFocusHandled={noop}
                onMove={noop}
                onEdit={noop}
                onDelete={noop}
              />
            ) : null}
          </DragOverlay>
        </DndContext>
      )}

      <StageDialog
        studyId={studyId}
        open={stageEditing !== null}
        stage={stageEditing?.stage ?? null}
        onClose={() => setStageEditing(null)}
      />
      <TouchpointDialog
        studyId={studyId}
        open={tpEditing !== null}
        stages={stages}
        target={tpEditing}
        onClose={() => setTpEditing(null)}
      />
      <ConfirmDialog
        open={stageDeleting !== null}
        message={stageDeleting ? t.model.deleteStageConfirm(stageDeleting.name) : ''}
        confirmLabel={t.common.delete}
        pending={deleteStage.isPending}
        error={
          <ErrorAlert error={deleteStage.error}>
            {isApiError(deleteStage.error) && deleteStage.error.code === 'STAGE_NOT_EMPTY' ? (
              <p>{t.model.stageNotEmpty}</p>
            ) : null}
          </ErrorAlert>
        }
        onClose={() => {
          setStageDeleting(null)
          deleteStage.reset()
        }}
        onConfirm={() =>
          stageDeleting && deleteStage.mutate(stageDeleting.id, { onSuccess: () => setStageDeleting(null) })
        }
      />
      <ConfirmDialog
        open={tpDeleting !== null}
        message={tpDeleting ? t.model.deleteTouchpointConfirm(tpDeleting.name) : ''}
        confirmLabel={t.common.delete}
        pending={deleteTouchpoint.isPending}
        error={<ErrorAlert error={deleteTouchpoint.error} />}
        onClose={() => {
          setTpDeleting(null)
          deleteTouchpoint.reset()
        }}
        onConfirm={() => tpDeleting && deleteTouchpoint.mutate(tpDeleting.id, { onSuccess: () => setTpDeleting(null) })}
      />
    </div>
  )
}
