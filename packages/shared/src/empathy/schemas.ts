import { z } from 'zod'
import { IdSchema, IsoDateTimeSchema } from '../common/index.js'
import { VALENCES } from '../diary/constants.js'
import { EMPATHY_MAP_BOXES, EMPATHY_MAP_SOURCES } from './constants.js'

export const EmpathyMapBoxSchema = z.enum(EMPATHY_MAP_BOXES)
export type EmpathyMapBox = z.infer<typeof EmpathyMapBoxSchema>

/**
 * Where a coding lands, one box per coding:
 * - an empathy-map item keeps its own box when that is says, thinks, does or feels; a sees or hears
 *   item goes to pains or gains by the coding's valence, else by the participant's own;
 * - a diary quote coded pain or gain goes to pains or gains;
 * - a diary quote coded without pain or gain (codes or a touchpoint only) goes to feels when the
 *   participant recorded an emotion for that moment (−3…+3, not 0), else to does: a diary entry
 *   logs what someone did at a touchpoint.
 * Returns null for an item that fits no box (a sees/hears item with neither valence).
 */
export function empathyMapBoxOf(c: {
  kind: (typeof EMPATHY_MAP_SOURCES)[number]
  codingValence: string | null
  /** The empathy-map item's box and the participant's own pain/gain for it. */
  itemBox?: string | null
  itemValence?: string | null
  /** The emotion the diarist recorded for the moment. */
  emotion?: number | null
}): EmpathyMapBox | null {
  const painOrGain = (v: string | null | undefined) => (v === 'pain' ? 'pains' : v === 'gain' ? 'gains' : null)
  if (c.kind === 'empathy_item') {
    if (c.itemBox === 'says' || c.itemBox === 'thinks' || c.itemBox === 'does' || c.itemBox === 'feels')
      return c.itemBox
    return painOrGain(c.codingValence) ?? painOrGain(c.itemValence)
  }
  return (
    painOrGain(c.codingValence) ?? (c.emotion !== null && c.emotion !== undefined && c.emotion !== 0 ? 'feels' : 'does')
  )
}

export const EmpathyMapQuerySchema = z.strictObject({
  /** Without it: every participant of the study. */
  personaId: IdSchema.optional(),
})

export const EmpathyMapItemSchema = z.object({
  codingId: IdSchema,
  /** The coded source (`diary_entry:…` or `empathy_item:…`), to open in the coding workbench. */
  source: z.string(),
  sourceKind: z.enum(EMPATHY_MAP_SOURCES),
  /** The participant's own words, as coded. Plain text. */
  quote: z.string(),
  /** A pseudonym, never the participant's name or address. */
  participant: z.string().nullable(),
  touchpointId: IdSchema.nullable(),
  touchpointName: z.string().nullable(),
  valence: z.enum(VALENCES).nullable(),
  /** For an empathy-map item: the box the participant put it in (says … hears). */
  itemBox: z.string().nullable(),
  codes: z.array(z.object({ id: IdSchema, name: z.string() })),
  /** When it happened (diary) or was answered (survey). */
  at: IsoDateTimeSchema.nullable(),
})
export type EmpathyMapItem = z.infer<typeof EmpathyMapItemSchema>

export const EmpathyMapSchema = z.object({
  personaId: IdSchema.nullable(),
  /** How many participants the items come from. */
  participants: z.number().int(),
  boxes: z.object(
    Object.fromEntries(EMPATHY_MAP_BOXES.map((b) => [b, z.array(EmpathyMapItemSchema)])) as Record<
      EmpathyMapBox,
      z.ZodArray<typeof EmpathyMapItemSchema>
    >,
  ),
})
export type EmpathyMap = z.infer<typeof EmpathyMapSchema>
