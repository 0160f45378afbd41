import { z } from 'zod'
import { IdSchema, IsoDateTimeSchema } from '../common/index.js'
import { DashboardQuerySchema } from '../dashboard/schemas.js'
import { SEGMENT_KEY_MAX, SEGMENT_VALUE_MAX } from '../participants/constants.js'
import { SegmentFilterSchema } from '../participants/schemas.js'
import {
  CSV_SEPARATORS,
  DECIMAL_MARKS,
  EXPORT_DATASETS,
  EXPORT_FAILURES,
  EXPORT_FORMATS,
  EXPORT_STATUSES,
} from './constants.js'

const SegmentPartsSchema = z.strictObject({
  key: z
    .string()
    .min(1)
    .max(SEGMENT_KEY_MAX)
    .regex(/^[^:]+$/),
  value: z.string().min(1).max(SEGMENT_VALUE_MAX),
})
/** The segment filter as a codec, so a parsed spec can be encoded again (SegmentFilterSchema is a one-way transform). */
const SegmentCodec = z.codec(SegmentFilterSchema.in, SegmentPartsSchema, {
  decode: (f) => {
    const at = f.indexOf(':')
    return { key: f.slice(0, at).trim(), value: f.slice(at + 1).trim() }
  },
  encode: (s) => `${s.key}:${s.value}`,
})

/** The dashboard's filters (persona, segment, period) plus the wave: one survey's responses. */
export const ExportFiltersSchema = DashboardQuerySchema.extend({
  /**
   * `key:value` as the dashboard takes it, parsed into `{ key, value }`. A job's spec is stored parsed and
   * read back through this schema, and answered through it (the API serializes by encoding): so the
   * parsed form parses too, and encodes back to its text.
   */
  segment: z.union([SegmentCodec, SegmentPartsSchema]).optional(),
  /** The wave: only this survey's responses (and, for the dashboard tables, its figures). */
  surveyId: IdSchema.optional(),
})
export type ExportFilters = z.infer<typeof ExportFiltersSchema>

export const CreateExportBodySchema = z
  .strictObject({
    datasets: z
      .array(z.enum(EXPORT_DATASETS))
      .min(1)
      .max(EXPORT_DATASETS.length)
      .refine((d) => new Set(d).size === d.length, 'each dataset once'),
    format: z.enum(EXPORT_FORMATS),
    /** CSV and SPSS: the separator and decimal mark. `,` with a decimal comma would be ambiguous. */
    separator: z.enum(CSV_SEPARATORS).default(','),
    decimal: z.enum(DECIMAL_MARKS).default('.'),
    filters: ExportFiltersSchema.default({}),
    /** Responses still in progress are left out unless asked for; then each row says its state. */
    includeInProgress: z.boolean().default(false),
    /** Diary photos go into the archive under photos/ (the diary table names each file). */
    includePhotos: z.boolean().default(false),
    /** Names and e-mail addresses beside the pseudonym: only roles that manage participants. */
    includeContactDetails: z.boolean().default(false),
  })
  .superRefine((b, ctx) => {
    if (b.separator === ',' && b.decimal === ',')
      ctx.addIssue({ code: 'custom', path: ['decimal'], message: "a decimal comma needs the ';' or tab separator" })
    if (b.includePhotos && !b.datasets.includes('diary'))
      ctx.addIssue({ code: 'custom', path: ['includePhotos'], message: 'photos come with the diary dataset' })
  })
export type CreateExportBody = z.input<typeof CreateExportBodySchema>
export type ExportSpec = z.infer<typeof CreateExportBodySchema>

export const ExportJobSchema = z.object({
  id: IdSchema,
  studyId: IdSchema,
  spec: CreateExportBodySchema,
  status: z.enum(EXPORT_STATUSES),
  /** Rows written of the rows to write: the progress bar. */
  rowsDone: z.number().int(),
  rowsTotal: z.number().int(),
  fileName: z.string().nullable(),
  fileBytes: z.number().int().nullable(),
  failure: z.enum(EXPORT_FAILURES).nullable(),
  /** Who asked (an e-mail address for roles that see them, else null). */
  requestedBy: z.string().nullable(),
  createdAt: IsoDateTimeSchema,
  finishedAt: IsoDateTimeSchema.nullable(),
  /** After this the file is gone and the export must be run again. */
  expiresAt: IsoDateTimeSchema.nullable(),
})
export type ExportJob = z.infer<typeof ExportJobSchema>
export const ExportListSchema = z.object({ items: z.array(ExportJobSchema) })
export const ExportParamsSchema = z.strictObject({ studyId: IdSchema, exportId: IdSchema })
