import { z } from 'zod'
import { IdSchema, IsoDateTimeSchema, LanguageSchema, PageQuerySchema, pageOf } from '../common/index.js'
import { ChannelSchema } from '../studies/index.js'
import {
  EMOTION_MAX,
  EMOTION_MIN,
  ENTRY_FIELDS,
  ENTRY_TEXT_MAX,
  PARTICIPANT_STATUSES,
  PROPOSAL_STATUSES,
  SEGMENT_KEY_MAX,
  SEGMENT_VALUE_MAX,
  SEGMENTS_MAX,
  VALENCES,
} from './constants.js'

export * from './constants.js'

export const ValenceSchema = z.enum(VALENCES)
export const ParticipantStatusSchema = z.enum(PARTICIPANT_STATUSES)
export const ProposalStatusSchema = z.enum(PROPOSAL_STATUSES)
export const EmotionSchema = z.number().int().min(EMOTION_MIN).max(EMOTION_MAX)

// ---------- analyst side: participants ----------

/** An IANA time zone the runtime knows (Europe/Amsterdam, America/New_York, …). */
export const TimeZoneSchema = z
  .string()
  .max(64)
  .refine((tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz })
      return true
    } catch {
      return false
    }
  }, 'unknown time zone')

const SegmentKeySchema = z
  .string()
  .trim()
  .min(1)
  .max(SEGMENT_KEY_MAX)
  .regex(/^[^:]*$/, "no ':' allowed")
const SegmentValueSchema = z.string().trim().min(1).max(SEGMENT_VALUE_MAX)

/**
 * A participant's segment attributes, a flat name → value map (customerType: new, region: north),
 * for the dashboard's `segment=key:value` filter. Names carry no ':' so that filter splits unambiguously.
 */
export const SegmentsSchema = z
  // a bad name is otherwise reported as "Invalid key in record": say what is wrong with it
  .record(SegmentKeySchema, SegmentValueSchema, {
    error: (iss) => (iss.code === 'invalid_key' ? `segment name: ${iss.issues[0]?.message ?? 'invalid'}` : undefined),
  })
  .refine((s) => Object.keys(s).length <= SEGMENTS_MAX, `at most ${SEGMENTS_MAX} segment attributes`)
export type Segments = z.infer<typeof SegmentsSchema>

/** `key:value`, split at the first ':' (values may contain one); e.g. `customerType:new`. */
export const SegmentFilterSchema = z
  .string()
  .trim()
  .regex(new RegExp(`^[^:]{1,${SEGMENT_KEY_MAX}}:.{1,${SEGMENT_VALUE_MAX}}$`), 'use key:value, e.g. customerType:new')
  .transform((f) => {
    const at = f.indexOf(':')
    return { key: f.slice(0, at).trim(), value: f.slice(at + 1).trim() }
  })

export const ParticipantSchema = z.object({
  id: IdSchema,
  studyId: IdSchema,
  email: z.string(),
  name: z.string(),
  language: LanguageSchema,
  personaId: IdSchema.nullable(),
  externalRef: z.string(),
  status: ParticipantStatusSchema,
  consentVersion: z.number().int().nullable(),
  consentedAt: IsoDateTimeSchema.nullable(),
  entryCount: z.number().int(),
  lastEntryAt: IsoDateTimeSchema.nullable(),
  /** Their own time zone for diary prompts; null: the diary's. */
  timeZone: z.string().nullable(),
  /** Mail to them stopped: when and how (their unsubscribe link, one-click in their mail program, or the researcher). */
  unsubscribedAt: IsoDateTimeSchema.nullable(),
  unsubscribeReason: z.enum(['link', 'one_click', 'researcher']).nullable(),
  segments: z.record(z.string(), z.string()),
  createdAt: IsoDateTimeSchema,
})
export type Participant = z.infer<typeof ParticipantSchema>
export const ParticipantPageSchema = pageOf(ParticipantSchema)
export const ListParticipantsQuerySchema = PageQuerySchema.extend({ segment: SegmentFilterSchema.optional() })
export const CreateParticipantBodySchema = z.strictObject({
  email: z
    .email()
    .max(254)
    .transform((e) => e.toLowerCase()),
  name: z.string().trim().max(200).default(''),
  language: LanguageSchema.default('nl'),
  personaId: IdSchema.nullable().default(null),
  externalRef: z.string().trim().max(200).default(''),
  timeZone: TimeZoneSchema.nullable().default(null),
  segments: SegmentsSchema.default({}),
})
export type CreateParticipantBody = z.input<typeof CreateParticipantBodySchema>
/** Only what is sent changes; `segments` replaces the whole set. The address is who they are, so it stays. */
export const UpdateParticipantBodySchema = z.strictObject({
  name: z.string().trim().max(200).optional(),
  language: LanguageSchema.optional(),
  personaId: IdSchema.nullable().optional(),
  externalRef: z.string().trim().max(200).optional(),
  timeZone: TimeZoneSchema.nullable().optional(),
  segments: SegmentsSchema.optional(),
})
export type UpdateParticipantBody = z.input<typeof UpdateParticipantBodySchema>
export const ParticipantParamsSchema = z.strictObject({ studyId: IdSchema, participantId: IdSchema })

/** A personal link: shown once, stored hashed. */
export const ParticipantLinkSchema = z.object({ link: z.string(), expiresAt: IsoDateTimeSchema })
export const CreateParticipantLinkBodySchema = z.strictObject({
  validDays: z.number().int().min(1).max(365).default(60),
})

export const ConsentTextSchema = z.object({
  version: z.number().int(),
  texts: z.partialRecord(LanguageSchema, z.string()),
  createdAt: IsoDateTimeSchema,
})
export type ConsentText = z.infer<typeof ConsentTextSchema>
/** Publishing a text makes a new version; participants must consent to it again. */
export const PublishConsentBodySchema = z.strictObject({
  texts: z
    .partialRecord(LanguageSchema, z.string().trim().min(1).max(20_000))
    .refine((t) => Object.keys(t).length > 0, 'give at least one language'),
})

// ---------- analyst side: diary set-up ----------

export const EntryFieldSettingSchema = z.enum(['hidden', 'optional', 'required'])
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
      state: z.enum(['open', 'not_started', 'ended']),
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
export const RespondentLanguageBodySchema = z.strictObject({ language: LanguageSchema })
export const EntryListSchema = z.object({ items: z.array(DiaryEntrySchema) })

// ---------- analyst side: entries and proposals ----------

export const AnalystEntrySchema = DiaryEntrySchema.extend({
  participant: z.object({ id: IdSchema, name: z.string(), personaId: IdSchema.nullable() }),
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

/** A CSV import of participants, run as a job: the UI polls it for progress and per-row errors. */
export const ParticipantImportSchema = z.object({
  id: IdSchema,
  status: z.enum(['queued', 'running', 'done', 'failed']),
  total: z.number().int(),
  processed: z.number().int(),
  imported: z.number().int(),
  errors: z.array(z.object({ row: z.number().int(), message: z.string() })),
  createdAt: IsoDateTimeSchema,
})
export type ParticipantImport = z.infer<typeof ParticipantImportSchema>
export const ParticipantImportParamsSchema = z.strictObject({ studyId: IdSchema, importId: IdSchema })
export const PARTICIPANT_CSV_MAX_BYTES = 10 * 1024 * 1024
export * from './errors.js'
