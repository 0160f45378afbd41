import { z } from 'zod'
import { IdSchema, IsoDateTimeSchema, PageQuerySchema, pageOf } from '../common/index.js'
import { SOURCE_KINDS, VALENCES } from './constants.js'

// ---------- the codebook ----------

export const CodingValenceSchema = z.enum(VALENCES)
export type CodingValence = z.infer<typeof CodingValenceSchema>

const Colour = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour like #1d5c57')
/** One key, pressed in the workbench to apply the code: a letter or digit. */
const Shortcut = z.string().regex(/^[a-z0-9]$/, 'one lowercase letter or digit')

export const CodeSchema = z.object({
  id: IdSchema,
  parentId: IdSchema.nullable(),
  name: z.string(),
  description: z.string(),
  colour: z.string(),
  shortcut: z.string().nullable(),
  position: z.number().int(),
  /** How many codings use it: a code in use is not deleted without a decision. */
  uses: z.number().int(),
  version: z.number().int(),
})
export type Code = z.infer<typeof CodeSchema>
export const CodebookSchema = z.object({ items: z.array(CodeSchema) })

export const CreateCodeBodySchema = z.strictObject({
  name: z.string().trim().min(1).max(120),
  description: z.string().trim().max(2000).default(''),
  colour: Colour.default('#1d5c57'),
  shortcut: Shortcut.nullable().default(null),
  parentId: IdSchema.nullable().default(null),
})
export type CreateCodeBody = z.input<typeof CreateCodeBodySchema>
export const UpdateCodeBodySchema = z.strictObject({
  name: z.string().trim().min(1).max(120).optional(),
  description: z.string().trim().max(2000).optional(),
  colour: Colour.optional(),
  shortcut: Shortcut.nullable().optional(),
  parentId: IdSchema.nullable().optional(),
  /** The version this edit started from: a newer one on the server is a conflict, not overwritten. */
  baseVersion: z.number().int().min(1),
})
export type UpdateCodeBody = z.input<typeof UpdateCodeBodySchema>
export const CodeParamsSchema = z.strictObject({ studyId: IdSchema, codeId: IdSchema })
/** Deleting a code in use: refuse (409 with the count), or move its codings to another code first. */
export const DeleteCodeQuerySchema = z.strictObject({ remapTo: IdSchema.optional() })

/** The codebook as a file, to reuse in another study (JSON; CSV has the same columns). */
export const CodebookFileSchema = z.object({
  format: z.literal('klantreis-codebook'),
  version: z.literal(1),
  codes: z
    .array(
      z.strictObject({
        name: z.string().trim().min(1).max(120),
        description: z.string().max(2000).default(''),
        colour: Colour.default('#1d5c57'),
        shortcut: Shortcut.nullable().default(null),
        /** The parent's name ("" or absent at the top). */
        parent: z.string().max(120).default(''),
      }),
    )
    .max(1000),
})
export type CodebookFile = z.infer<typeof CodebookFileSchema>
export const ImportCodebookResultSchema = z.object({
  created: z.number().int(),
  skipped: z.array(z.object({ name: z.string(), reason: z.string() })),
})

// ---------- what is coded ----------

export const SourceKindSchema = z.enum(SOURCE_KINDS)
export type SourceKind = z.infer<typeof SourceKindSchema>

/** Stable reference to a source: `diary_entry:<entryId>`, `answer:<responseId>:<questionId>`, `empathy_item:<responseId>:<questionId>:<index>`. */
export const SourceRefSchema = z
  .string()
  .max(200)
  .regex(
    /^(diary_entry:[0-9a-f-]{36}|answer:[0-9a-f-]{36}:[A-Za-z0-9_-]{1,64}|empathy_item:[0-9a-f-]{36}:[A-Za-z0-9_-]{1,64}:\d{1,4})$/,
    'not a source reference',
  )

export const SourceSchema = z.object({
  ref: z.string(),
  kind: SourceKindSchema,
  text: z.string(),
  /** Who said it, by pseudonym only (issue 14); null for an anonymous answer. */
  participant: z.object({ id: IdSchema, pseudonym: z.string(), personaId: IdSchema.nullable() }).nullable(),
  /** What the participant chose themselves, to confirm with one key. */
  suggestion: z.object({ touchpointId: IdSchema.nullable(), valence: CodingValenceSchema.nullable() }),
  /** For answers and empathy items: the question (and its box). */
  context: z.string(),
  occurredAt: IsoDateTimeSchema.nullable(),
  /** Codings of this source by the asking researcher (others' are hidden while double-coding blind). */
  codingCount: z.number().int(),
})
export type Source = z.infer<typeof SourceSchema>
export const SourcePageSchema = pageOf(SourceSchema)
export const SourceQuerySchema = PageQuerySchema.extend({
  kind: SourceKindSchema.optional(),
  touchpointId: IdSchema.optional(),
  personaId: IdSchema.optional(),
  participantId: IdSchema.optional(),
  valence: CodingValenceSchema.optional(),
  coded: z.enum(['yes', 'no']).optional(),
  sampleId: IdSchema.optional(),
})

// ---------- codings ----------

export const CodingSchema = z.object({
  id: IdSchema,
  source: z.string(),
  start: z.number().int(),
  end: z.number().int(),
  /** The text as it was when coded: the quote stays right if the source changes. */
  quote: z.string(),
  /** The source changed since: the span may no longer point at the quote. */
  stale: z.boolean(),
  touchpointId: IdSchema.nullable(),
  valence: CodingValenceSchema.nullable(),
  codeIds: z.array(IdSchema),
  coder: z.object({ id: IdSchema, name: z.string() }).nullable(),
  sampleId: IdSchema.nullable(),
  version: z.number().int(),
  createdAt: IsoDateTimeSchema,
  updatedAt: IsoDateTimeSchema,
})
export type Coding = z.infer<typeof CodingSchema>
export const CodingListSchema = z.object({ items: z.array(CodingSchema) })

const CodingFields = {
  touchpointId: IdSchema.nullable().default(null),
  valence: CodingValenceSchema.nullable().default(null),
  codeIds: z.array(IdSchema).max(50).default([]),
}
/** The client makes the id, so a retried save is one coding. A whole item is start 0, end = its length. */
export const PutCodingBodySchema = z
  .strictObject({
    source: SourceRefSchema,
    start: z.number().int().min(0),
    end: z.number().int().min(0),
    ...CodingFields,
    sampleId: IdSchema.nullable().default(null),
    /** null to create; the version an edit started from, to refuse a lost update. */
    baseVersion: z.number().int().min(1).nullable().default(null),
  })
  .refine((b) => b.end > b.start, { message: 'end must be after start', path: ['end'] })
  .refine((b) => b.touchpointId !== null || b.valence !== null || b.codeIds.length > 0, {
    message: 'a coding needs a touchpoint, a valence or a code',
    path: ['codeIds'],
  })
export type PutCodingBody = z.input<typeof PutCodingBodySchema>
export const CodingParamsSchema = z.strictObject({ studyId: IdSchema, codingId: IdSchema })
export const CodingListQuerySchema = z.strictObject({
  source: SourceRefSchema.optional(),
  coderId: IdSchema.optional(),
  sampleId: IdSchema.optional(),
})
export const DeleteCodingQuerySchema = z.strictObject({ baseVersion: z.coerce.number().int().min(1) })

// ---------- double coding and agreement ----------

export const SampleSchema = z.object({
  id: IdSchema,
  name: z.string(),
  share: z.number(),
  size: z.number().int(),
  coders: z.array(z.object({ id: IdSchema, name: z.string(), coded: z.number().int() })),
  /** Sources taken out of the sample because their participant was erased; agreement counts the rest. */
  erasedSources: z.number().int(),
  createdAt: IsoDateTimeSchema,
})
export const SampleListSchema = z.object({ items: z.array(SampleSchema) })
export const CreateSampleBodySchema = z.strictObject({
  name: z.string().trim().min(1).max(120),
  /** The share of the sources to double-code, e.g. 0.2. */
  share: z.number().min(0.01).max(1),
  kinds: z.array(SourceKindSchema).min(1).default(['diary_entry', 'answer', 'empathy_item']),
  /** The two researchers who code the sample blind. */
  coderIds: z.array(IdSchema).length(2),
  /** For a reproducible draw. */
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .optional(),
})
export type CreateSampleBody = z.input<typeof CreateSampleBodySchema>
export const SampleParamsSchema = z.strictObject({ studyId: IdSchema, sampleId: IdSchema })

export const AgreementRowSchema = z.object({
  /** 'touchpoint', 'valence', or a code's id (present / absent per unit). */
  variable: z.string(),
  label: z.string(),
  family: z.enum(['touchpoint', 'valence', 'code']),
  units: z.number().int(),
  percentAgreement: z.number().nullable(),
  cohensKappa: z.number().nullable(),
  krippendorffAlpha: z.number().nullable(),
  kappaBand: z.string().nullable(),
  alphaBand: z.string().nullable(),
})
export const AgreementSchema = z.object({
  sampleId: IdSchema,
  /** Units coded by both coders (a unit is a source). */
  units: z.number().int(),
  rows: z.array(AgreementRowSchema),
  disagreements: z.array(
    z.object({
      source: z.string(),
      variable: z.string(),
      label: z.string(),
      a: z.string().nullable(),
      b: z.string().nullable(),
    }),
  ),
})
export type Agreement = z.infer<typeof AgreementSchema>
