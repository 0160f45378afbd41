import { z } from 'zod'
import { IdSchema, pageOf } from '../common/index.js'
import { StudySchema } from '../studies/schemas.js'
import { CHANNELS, DMU_ROLES, TOUCHPOINT_KINDS, TOUCHPOINT_ORIGINS } from './constants.js'

const text = (max: number) => z.string().trim().max(max)
const name = z.string().trim().min(1, 'required').max(200)

export const DmuRoleSchema = z.enum(DMU_ROLES)
export const TouchpointKindSchema = z.enum(TOUCHPOINT_KINDS)
export const TouchpointOriginSchema = z.enum(TOUCHPOINT_ORIGINS)
export const ChannelSchema = z.enum(CHANNELS)

export const PersonaSchema = z.object({
  id: IdSchema,
  studyId: IdSchema,
  name: z.string(),
  description: z.string(),
  attributes: z.record(z.string(), z.string()),
  dmuRole: DmuRoleSchema.nullable(),
  position: z.number().int(),
})
export type Persona = z.infer<typeof PersonaSchema>
const personaFields = {
  name,
  description: text(4000),
  attributes: z
    .record(z.string().trim().min(1).max(60), text(500))
    .refine((o) => Object.keys(o).length <= 30, 'at most 30 attributes'),
  dmuRole: DmuRoleSchema.nullable(),
}
export const CreatePersonaBodySchema = z.strictObject({
  ...personaFields,
  description: personaFields.description.default(''),
  attributes: personaFields.attributes.default({}),
  dmuRole: personaFields.dmuRole.default(null),
})
export type CreatePersonaBody = z.input<typeof CreatePersonaBodySchema>
export const UpdatePersonaBodySchema = z.strictObject(personaFields).partial()
export type UpdatePersonaBody = z.input<typeof UpdatePersonaBodySchema>
export const PersonaParamsSchema = z.strictObject({ studyId: IdSchema, personaId: IdSchema })

export const StageSchema = z.object({
  id: IdSchema,
  studyId: IdSchema,
  name: z.string(),
  description: z.string(),
  position: z.number().int(),
})
export type Stage = z.infer<typeof StageSchema>
export const CreateStageBodySchema = z.strictObject({ name, description: text(4000).default('') })
export type CreateStageBody = z.input<typeof CreateStageBodySchema>
export const UpdateStageBodySchema = z.strictObject({ name, description: text(4000) }).partial()
export type UpdateStageBody = z.input<typeof UpdateStageBodySchema>
export const StageParamsSchema = z.strictObject({ studyId: IdSchema, stageId: IdSchema })

export const TouchpointSchema = z.object({
  id: IdSchema,
  studyId: IdSchema,
  stageId: IdSchema,
  name: z.string(),
  description: z.string(),
  channel: ChannelSchema,
  kind: TouchpointKindSchema,
  ownerDepartment: z.string(),
  momentOfTruth: z.boolean(),
  origin: TouchpointOriginSchema,
  position: z.number().int(),
})
export type Touchpoint = z.infer<typeof TouchpointSchema>
const touchpointFields = {
  stageId: IdSchema,
  name,
  description: text(4000),
  channel: ChannelSchema,
  kind: TouchpointKindSchema,
  ownerDepartment: text(200),
  momentOfTruth: z.boolean(),
  origin: TouchpointOriginSchema,
}
export const CreateTouchpointBodySchema = z.strictObject({
  ...touchpointFields,
  description: touchpointFields.description.default(''),
  channel: touchpointFields.channel.default('web'),
  kind: touchpointFields.kind.default('direct'),
  ownerDepartment: touchpointFields.ownerDepartment.default(''),
  momentOfTruth: touchpointFields.momentOfTruth.default(false),
  origin: touchpointFields.origin.default('model'),
})
export type CreateTouchpointBody = z.input<typeof CreateTouchpointBodySchema>
export const UpdateTouchpointBodySchema = z.strictObject(touchpointFields).partial()
export type UpdateTouchpointBody = z.input<typeof UpdateTouchpointBodySchema>
export const TouchpointParamsSchema = z.strictObject({ studyId: IdSchema, touchpointId: IdSchema })

const idList = z
  .array(IdSchema)
  .max(500)
  .refine((a) => new Set(a).size === a.length, 'duplicate id')
/** The complete new order: every id of the study, each once. */
export const ReorderBodySchema = z.strictObject({ ids: idList })
export type ReorderBody = z.input<typeof ReorderBodySchema>
/** The new layout of the named stages: which touchpoints sit in each, in order (moves between stages too). */
export const ArrangeTouchpointsBodySchema = z.strictObject({
  columns: z
    .array(z.strictObject({ stageId: IdSchema, touchpointIds: idList }))
    .min(1)
    .max(100),
})
export type ArrangeTouchpointsBody = z.input<typeof ArrangeTouchpointsBodySchema>

export const ListChildrenQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(200),
  cursor: z.string().max(500).optional(),
})
export const PersonaPageSchema = pageOf(PersonaSchema)
export const StagePageSchema = pageOf(StageSchema)
export const TouchpointPageSchema = pageOf(TouchpointSchema)
/** The whole study's touchpoints, in model order (the answer to an arrangement). */
export const TouchpointListSchema = z.object({ items: z.array(TouchpointSchema) })
export const ListTouchpointsQuerySchema = ListChildrenQuerySchema.extend({ stageId: IdSchema.optional() })

/** Everything the model editor draws, in one read. */
export const JourneyModelSchema = z.object({
  study: StudySchema,
  personas: z.array(PersonaSchema),
  stages: z.array(StageSchema),
  touchpoints: z.array(TouchpointSchema),
})
export type JourneyModel = z.infer<typeof JourneyModelSchema>
