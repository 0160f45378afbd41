import { KeyboardCode, type KeyboardCoordinateGetter, type UniqueIdentifier } from '@dnd-kit/core'
import { sortableKeyboardCoordinates } from '@dnd-kit/sortable'
import type { Columns } from '../api/touchpoints'
import { findStageOf } from './layout-moves'

type Layout = { columns: Columns; stageOrder: string[] }

/**
 * sortableKeyboardCoordinates, told which drop targets count: up/down stays within the card's
 * own stage, left/right goes to the neighbouring stage (its cards, or the stage itself when it
 * is empty). Unrestricted, "up" can jump into an empty stage elsewhere that happens to sit higher.
 */
export function createStageKeyboardCoordinates(getLayout: () => Layout): KeyboardCoordinateGetter {
  return (event, args) => {
    const { active, droppableContainers } = args.context
    if (!active) return sortableKeyboardCoordinates(event, args)
    const { columns, stageOrder } = getLayout()
    const from = findStageOf(columns, String(active.id))
    if (!from) return sortableKeyboardCoordinates(event, args)

    let allowed: string[]
    if (event.code === KeyboardCode.Up || event.code === KeyboardCode.Down) {
      allowed = columns[from] ?? []
    } else if (event.code === KeyboardCode.Left || event.code === KeyboardCode.Right) {
      const to = stageOrder[stageOrder.indexOf(from) + (event.code === KeyboardCode.Left ? -1 : 1)]
      if (!to) {
        event.preventDefault()
        return undefined
      }
      const ids = columns[to] ?? []
      allowed = ids.length > 0 ? ids : [to]
    } else {
      return sortableKeyboardCoordinates(event, args)
    }

    const allow = new Set(allowed)
    const enabled = droppableContainers.getEnabled().filter((c) => allow.has(String(c.id)))
    // sortableKeyboardCoordinates only calls getEnabled() and get() on this map.
    const restricted = {
      getEnabled: () => enabled,
      get: (id: UniqueIdentifier) => droppableContainers.get(id),
    } as unknown as typeof droppableContainers
    return sortableKeyboardCoordinates(event, {
      ...args,
      context: { ...args.context, droppableContainers: restricted },
    })
  }
}
