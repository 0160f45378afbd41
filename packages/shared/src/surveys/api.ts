import { z } from 'zod'
import { IdSchema, IsoDateTimeSchema, pageOf } from '../common/index.js'
import { SURVEY_STATUSES } from './constants.js'
import { SurveyDefinitionSchema, SurveyKindSchema } from './definition.js'

export const SurveyStatusSchema = z.enum(SURVEY_STATUSES)

export const SurveySummarySchema = z.object({
  id: IdSchema,
  studyId: IdSchema,
  title: z.string(),
  kind: SurveyKindSchema,
  status: SurveyStatusSchema,
  /** The newest published version; null until the first publication. */
  currentVersion: z.number().int().nullable(),
  createdAt: IsoDateTimeSchema,
  updatedAt: IsoDateTimeSchema,
})
export type SurveySummary = z.infer<typeof SurveySummarySchema>
/** A page of the survey list (keyset); not to be confused with a page of questions. */
export const SurveyListSchema = pageOf(SurveySummarySchema)

export const SurveyDetailSchema = SurveySummarySchema.extend({
  /** The editable draft; publishing freezes a copy of it as the next version. */
  draft: SurveyDefinitionSchema,
  versions: z.array(z.object({ version: z.number().int(), publishedAt: IsoDateTimeSchema })),
})
export type SurveyDetail = z.infer<typeof SurveyDetailSchema>

export const CreateSurveyBodySchema = z.strictObject({
  title: z.string().trim().min(1).max(200),
  kind: SurveyKindSchema.default('survey'),
  draft: SurveyDefinitionSchema.optional(),
})
export type CreateSurveyBody = z.input<typeof CreateSurveyBodySchema>
export const GenerateSurveyBodySchema = z.strictObject({
  title: z.string().trim().min(1).max(200),
  includeWhy: z.boolean().default(true),
})
export type GenerateSurveyBody = z.input<typeof GenerateSurveyBodySchema>
export const UpdateSurveyBodySchema = z.strictObject({
  title: z.string().trim().min(1).max(200).optional(),
  draft: SurveyDefinitionSchema.optional(),
  status: SurveyStatusSchema.optional(),
})
export type UpdateSurveyBody = z.input<typeof UpdateSurveyBodySchema>
export const SurveyParamsSchema = z.strictObject({ studyId: IdSchema, surveyId: IdSchema })
export const SurveyVersionParamsSchema = SurveyParamsSchema.extend({ version: z.coerce.number().int().min(1) })
export const SurveyVersionSchema = z.object({
  version: z.number().int(),
  publishedAt: IsoDateTimeSchema,
  definition: SurveyDefinitionSchema,
})
export type SurveyVersion = z.infer<typeof SurveyVersionSchema>
/** The answer to publishing the draft: the version it became. */
export const PublishedVersionSchema = z.object({ version: z.number().int(), publishedAt: z.string() })
export type PublishedVersion = z.infer<typeof PublishedVersionSchema>

// ---------- anonymous links ----------

export const AnonymousLinkSchema = z.object({
  id: IdSchema,
  /** Only in the answer to the create call: the token is stored hashed. */
  link: z.string().optional(),
  expiresAt: IsoDateTimeSchema.nullable(),
  maxResponses: z.number().int().nullable(),
  responses: z.number().int(),
  revokedAt: IsoDateTimeSchema.nullable(),
  createdAt: IsoDateTimeSchema,
})
export type AnonymousLink = z.infer<typeof AnonymousLinkSchema>
export const AnonymousLinkListSchema = z.object({ items: z.array(AnonymousLinkSchema) })
export const CreateAnonymousLinkBodySchema = z.strictObject({
  // a link that is closed the moment it is made is a mistake (a date typed wrong), not a wish
  expiresAt: IsoDateTimeSchema.refine((v) => Date.parse(v) > Date.now(), 'must be in the future')
    .nullable()
    .default(null),
  maxResponses: z.number().int().min(1).max(1_000_000).nullable().default(null),
})
export type CreateAnonymousLinkBody = z.input<typeof CreateAnonymousLinkBodySchema>
export const AnonymousLinkParamsSchema = SurveyParamsSchema.extend({ linkId: IdSchema })
