import { z } from 'zod'
import { IdSchema, IsoDateTimeSchema, LanguageSchema, TimeZoneSchema, pageOf } from '../common/index.js'
import { ChannelSchema } from '../journey/schemas.js'
import {
  DIARY_STATES,
  EMOTION_MAX,
  EMOTION_MIN,
  ENTRY_FIELD_SETTINGS,
  ENTRY_FIELDS,
  ENTRY_TEXT_MAX,
  PROPOSAL_STATUSES,
  VALENCES,
} from './constants.js'

export const ValenceSchema = z.enum(VALENCES)
export const ProposalStatusSchema = z.enum(PROPOSAL_STATUSES)
export const EmotionSchema = z.number().int().min(EMOTION_MIN).max(EMOTION_MAX)

// ---------- analyst side: diary set-up ----------

export const EntryFieldSettingSchema = z.enum(ENTRY_FIELD_SETTINGS)
export const EntryFormSchema = z.object(
  Object.fromEntries(ENTRY_FIELDS.map((f) => [f, EntryFieldSettingSchema])) as Record<
    (typeof ENTRY_FIELDS)[number],
    typeof EntryFieldSettingSchema
  >,
)
export type EntryForm = z.infer<typeof EntryFormSchema>
export const DEFAULT_ENTRY_FORM: EntryForm = {
  touchpoint: 'required',
  text: 'required',
  emotion: 'required',
  valence: 'required',
  channel: 'optional',
  photo: 'optional',
}
const TimeOfDaySchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM')
const DateSchema = z.iso.date()

export const DiarySchema = z.object({
  studyId: IdSchema,
  title: z.string(),
  instructions: z.string(),
  startsOn: DateSchema,
  endsOn: DateSchema,
  timeZone: z.string(),
  promptTimes: z.array(TimeOfDaySchema),
  form: EntryFormSchema,
})
export type Diary = z.infer<typeof DiarySchema>
export const PutDiaryBodySchema = z
  .strictObject({
    title: z.string().trim().min(1).max(200),
    instructions: z.string().trim().max(10_000).default(''),
    startsOn: DateSchema,
    endsOn: DateSchema,
    timeZone: TimeZoneSchema,
    promptTimes: z.array(TimeOfDaySchema).max(6).default([]),
    form: EntryFormSchema.default(DEFAULT_ENTRY_FORM),
  })
  .refine((d) => d.endsOn >= d.startsOn, { message: 'ends before it starts', path: ['endsOn'] })
export type PutDiaryBody = z.input<typeof PutDiaryBodySchema>

// ---------- entries (both sides) ----------

export const DiaryEntrySchema = z.object({
  id: IdSchema,
  occurredAt: IsoDateTimeSchema,
  touchpointId: IdSchema.nullable(),
  /** Set when the participant chose "something else…": the proposal the researcher reviews. */
  proposal: z.object({ id: IdSchema, description: z.string(), status: ProposalStatusSchema }).nullable(),
  text: z.string(),
  emotion: EmotionSchema.nullable(),
  valence: ValenceSchema.nullable(),
  channel: ChannelSchema.nullable(),
  photoId: IdSchema.nullable(),
  version: z.number().int(),
  createdAt: IsoDateTimeSchema,
  updatedAt: IsoDateTimeSchema,
})
export type DiaryEntry = z.infer<typeof DiaryEntrySchema>

/**
 * The participant's write. The client makes the id, so a repeated submit is the same entry.
 * `baseVersion` is the version the edit started from (null for a new entry): a stale base is a conflict.
 */
export const PutEntryBodySchema = z
  .strictObject({
    occurredAt: IsoDateTimeSchema,
    touchpointId: IdSchema.nullable().default(null),
    somethingElse: z.string().trim().min(1).max(300).nullable().default(null),
    text: z.string().max(ENTRY_TEXT_MAX).default(''),
    emotion: EmotionSchema.nullable().default(null),
    valence: ValenceSchema.nullable().default(null),
    channel: ChannelSchema.nullable().default(null),
    photoId: IdSchema.nullable().default(null),
    baseVersion: z.number().int().min(1).nullable().default(null),
  })
  .refine((e) => !(e.touchpointId && e.somethingElse), {
    message: 'choose a touchpoint or describe something else, not both',
    path: ['somethingElse'],
  })
export type PutEntryBody = z.input<typeof PutEntryBodySchema>
export const EntryParamsSchema = z.strictObject({ entryId: IdSchema })
/** The answer to a photo upload: the id a later entry refers to. */
export const PhotoUploadedSchema = z.object({ photoId: IdSchema })
export type PhotoUploaded = z.infer<typeof PhotoUploadedSchema>
export const PhotoParamsSchema = z.strictObject({ photoId: IdSchema })
export const DeleteEntryQuerySchema = z.strictObject({ baseVersion: z.coerce.number().int().min(1) })

/** 409 ENTRY_CONFLICT carries both versions so the participant can choose. */
export const EntryConflictSchema = z.object({
  statusCode: z.literal(409),
  code: z.literal('ENTRY_CONFLICT'),
  error: z.string(),
  message: z.string(),
  requestId: z.string().optional(),
  server: DiaryEntrySchema.nullable(),
})

// ---------- respondent side ----------

export const RespondentMeSchema = z.object({
  /** The id keeps each participant's unsynced moments apart on a shared device. */
  participant: z.object({ id: IdSchema, name: z.string(), language: LanguageSchema }),
  study: z.object({ title: z.string(), languages: z.array(LanguageSchema) }),
  consent: z.object({ version: z.number().int(), text: z.string(), given: z.boolean() }).nullable(),
  diary: z
    .object({
      title: z.string(),
      instructions: z.string(),
      startsOn: DateSchema,
      endsOn: DateSchema,
      timeZone: z.string(),
      form: EntryFormSchema,
      /** open, not started yet, or ended (read-only). */
      state: z.enum(DIARY_STATES),
    })
    .nullable(),
  stages: z.array(
    z.object({
      id: IdSchema,
      name: z.string(),
      touchpoints: z.array(z.object({ id: IdSchema, name: z.string(), channel: ChannelSchema })),
    }),
  ),
})
export type RespondentMe = z.infer<typeof RespondentMeSchema>
export const ConsentBodySchema = z.strictObject({ version: z.number().int().min(1) })
export type ConsentBody = z.input<typeof ConsentBodySchema>
export const RespondentLanguageBodySchema = z.strictObject({ language: LanguageSchema })
export type RespondentLanguageBody = z.input<typeof RespondentLanguageBodySchema>
export const EntryListSchema = z.object({ items: z.array(DiaryEntrySchema) })

// ---------- analyst side: entries and proposals ----------

export const AnalystEntrySchema = DiaryEntrySchema.extend({
  /** Who wrote it, by pseudonym only (issue 14): names stay in the Participants tab. */
  participant: z.object({ id: IdSchema, pseudonym: z.string(), personaId: IdSchema.nullable() }),
  stageId: IdSchema.nullable(),
})
export type AnalystEntry = z.infer<typeof AnalystEntrySchema>
export const AnalystEntryPageSchema = pageOf(AnalystEntrySchema)
export const ListEntriesQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
  participantId: IdSchema.optional(),
  personaId: IdSchema.optional(),
  touchpointId: IdSchema.optional(),
  stageId: IdSchema.optional(),
  valence: ValenceSchema.optional(),
  from: IsoDateTimeSchema.optional(),
  to: IsoDateTimeSchema.optional(),
})

export const ProposalSchema = z.object({
  id: IdSchema,
  description: z.string(),
  status: ProposalStatusSchema,
  entryCount: z.number().int(),
  touchpointId: IdSchema.nullable(),
  createdAt: IsoDateTimeSchema,
})
export const ProposalListSchema = z.object({ items: z.array(ProposalSchema) })
export const ProposalParamsSchema = z.strictObject({ studyId: IdSchema, proposalId: IdSchema })
export const ResolveProposalBodySchema = z.discriminatedUnion('action', [
  z.strictObject({
    action: z.literal('accept'),
    stageId: IdSchema,
    name: z.string().trim().min(1).max(200).optional(),
  }),
  z.strictObject({ action: z.literal('merge'), touchpointId: IdSchema }),
  z.strictObject({ action: z.literal('reject') }),
])
export type ResolveProposalBody = z.input<typeof ResolveProposalBodySchema>
/** The proposal after it was accepted, merged or rejected, and the touchpoint its entries now point to. */
export const ResolvedProposalSchema = z.object({ id: IdSchema, status: z.string(), touchpointId: IdSchema.nullable() })
export type ResolvedProposal = z.infer<typeof ResolvedProposalSchema>
