import type { Columns } from '../api/touchpoints'

/** Pure layout edits used by both the drag-and-drop and the move buttons. */

export function findStageOf(columns: Columns, touchpointId: string): string | undefined {
  return Object.keys(columns).find((stageId) => columns[stageId]?.includes(touchpointId))
}

export function moveWithinStage(columns: Columns, touchpointId: string, delta: number): Columns {
  const stageId = findStageOf(columns, touchpointId)
  if (!stageId) return columns
  const ids = [...(columns[stageId] ?? [])]
  const from = ids.indexOf(touchpointId)
  const to = from + delta
  if (to < 0 || to >= ids.length) return columns
  ids.splice(from, 1)
  ids.splice(to, 0, touchpointId)
  return { ...columns, [stageId]: ids }
}

/** Puts a touchpoint into another stage at `index` (default: the end). */
export function moveToStage(columns: Columns, touchpointId: string, toStageId: string, index?: number): Columns {
  const fromStageId = findStageOf(columns, touchpointId)
  if (!fromStageId || !(toStageId in columns)) return columns
  const next = { ...columns, [fromStageId]: (columns[fromStageId] ?? []).filter((id) => id !== touchpointId) }
  const target = [...(next[toStageId] ?? [])]
  const at = index === undefined ? target.length : Math.max(0, Math.min(index, target.length))
  target.splice(at, 0, touchpointId)
  next[toStageId] = target
  return next
}

/**
 * Moving to the previous stage lands at its end and to the next stage at its start, so the
 * touchpoint keeps its place on the timeline and only the stage boundary shifts.
 */
export function moveToAdjacentStage(
  columns: Columns,
  stageOrder: string[],
  touchpointId: string,
  direction: -1 | 1,
): Columns {
  const fromStageId = findStageOf(columns, touchpointId)
  if (!fromStageId) return columns
  const toStageId = stageOrder[stageOrder.indexOf(fromStageId) + direction]
  if (!toStageId) return columns
  return moveToStage(columns, touchpointId, toStageId, direction === 1 ? 0 : undefined)
}

/** The columns whose order differs: the arrangement call carries only these. */
export function changedColumns(before: Columns, after: Columns): Columns {
  const out: Columns = {}
  for (const [stageId, ids] of Object.entries(after)) {
    const old = before[stageId] ?? []
    if (old.length !== ids.length || old.some((id, i) => id !== ids[i])) out[stageId] = ids
  }
  return out
}
