import { z } from 'zod'
import {
  IdSchema,
  IsoDateTimeSchema,
  LanguageSchema,
  PageQuerySchema,
  TimeZoneSchema,
  pageOf,
} from '../common/index.js'
import {
  ERASURE_REASONS,
  IMPORT_STATUSES,
  PARTICIPANT_STATUSES,
  REMOVAL_DECLINE_REASON_MAX,
  REMOVAL_REQUEST_STATUSES,
  REMOVAL_STATES,
  SEGMENT_KEY_MAX,
  SEGMENT_VALUE_MAX,
  SEGMENTS_MAX,
  UNSUBSCRIBE_REASONS,
} from './constants.js'

export const ParticipantStatusSchema = z.enum(PARTICIPANT_STATUSES)

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
  /** The same P-xxxxxx in every analyst view, for every role. */
  pseudonym: z.string(),
  /** Contact details: only for the roles that manage participants (researcher and up); null below. */
  email: z.string().nullable(),
  name: z.string().nullable(),
  language: LanguageSchema,
  personaId: IdSchema.nullable(),
  externalRef: z.string().nullable(),
  status: ParticipantStatusSchema,
  consentVersion: z.number().int().nullable(),
  consentedAt: IsoDateTimeSchema.nullable(),
  entryCount: z.number().int(),
  lastEntryAt: IsoDateTimeSchema.nullable(),
  /** Their own time zone for diary prompts; null: the diary's. */
  timeZone: z.string().nullable(),
  /** Mail to them stopped: when and how (their unsubscribe link, one-click in their mail program, or the researcher). */
  unsubscribedAt: IsoDateTimeSchema.nullable(),
  unsubscribeReason: z.enum(UNSUBSCRIBE_REASONS).nullable(),
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
export type CreateParticipantLinkBody = z.input<typeof CreateParticipantLinkBodySchema>

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
export type PublishConsentBody = z.input<typeof PublishConsentBodySchema>

/** A CSV import of participants, run as a job: the UI polls it for progress and per-row errors. */
export const ParticipantImportSchema = z.object({
  id: IdSchema,
  status: z.enum(IMPORT_STATUSES),
  total: z.number().int(),
  processed: z.number().int(),
  imported: z.number().int(),
  errors: z.array(z.object({ row: z.number().int(), message: z.string() })),
  createdAt: IsoDateTimeSchema,
})
export type ParticipantImport = z.infer<typeof ParticipantImportSchema>
export const ParticipantImportParamsSchema = z.strictObject({ studyId: IdSchema, importId: IdSchema })

/** What erasing a participant removed (issue 14), per kind; the tombstone keeps only these counts. */
export const ErasureCountsSchema = z.object({
  participant: z.number().int(),
  sessions: z.number().int(),
  links: z.number().int(),
  importLines: z.number().int(),
  entries: z.number().int(),
  photos: z.number().int(),
  proposals: z.number().int(),
  responses: z.number().int(),
  answers: z.number().int(),
  empathyItems: z.number().int(),
  codings: z.number().int(),
  sampleSources: z.number().int(),
  evidenceLinks: z.number().int(),
  mails: z.number().int(),
  mailJobs: z.number().int(),
})
export type ErasureCounts = z.infer<typeof ErasureCountsSchema>
export const ParticipantErasureSchema = z.object({
  id: IdSchema,
  studyId: IdSchema,
  erasedAt: IsoDateTimeSchema,
  reason: z.enum(ERASURE_REASONS),
  counts: ErasureCountsSchema,
})
export type ParticipantErasure = z.infer<typeof ParticipantErasureSchema>

/** A participant's request to have their data removed, as analysts see it (the name comes from the participant list). */
export const RemovalRequestSchema = z.object({
  id: IdSchema,
  studyId: IdSchema,
  participantId: IdSchema,
  /** The one pseudonym of the participant in every analyst view. */
  pseudonym: z.string(),
  requestedAt: IsoDateTimeSchema,
  status: z.enum(REMOVAL_REQUEST_STATUSES),
  declineReason: z.string().nullable(),
  decidedAt: IsoDateTimeSchema.nullable(),
})
export type RemovalRequest = z.infer<typeof RemovalRequestSchema>
export const RemovalRequestListSchema = z.object({ items: z.array(RemovalRequestSchema) })
export type RemovalRequestList = z.infer<typeof RemovalRequestListSchema>
export const RemovalRequestParamsSchema = z.strictObject({ studyId: IdSchema, requestId: IdSchema })
/** Confirming takes nothing to say: the request names the participant (an empty object, so a body is checked too). */
export const ConfirmRemovalRequestBodySchema = z.strictObject({})
export type ConfirmRemovalRequestBody = z.input<typeof ConfirmRemovalRequestBodySchema>
export const DeclineRemovalRequestBodySchema = z.strictObject({
  /** Shown to the participant; optional. */
  reason: z.string().trim().max(REMOVAL_DECLINE_REASON_MAX).optional(),
})
export type DeclineRemovalRequestBody = z.input<typeof DeclineRemovalRequestBodySchema>

/** The participant's own request carries nothing but their session (an empty object, so a body is checked too). */
export const RespondentRemovalRequestBodySchema = z.strictObject({})
export type RespondentRemovalRequestBody = z.input<typeof RespondentRemovalRequestBodySchema>

/** What the participant sees of their removal request in the respondent app ("Mijn gegevens"). */
export const RespondentRemovalStateSchema = z.object({
  status: z.enum(REMOVAL_STATES),
  requestedAt: IsoDateTimeSchema.nullable(),
  decidedAt: IsoDateTimeSchema.nullable(),
  declineReason: z.string().nullable(),
})
export type RespondentRemovalState = z.infer<typeof RespondentRemovalStateSchema>
