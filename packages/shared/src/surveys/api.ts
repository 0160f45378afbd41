import { z } from 'zod'
import { IdSchema, IsoDateTimeSchema, pageOf } from '../common/index.js'
import { SurveyDefinitionSchema, SurveyKindSchema } from './definition.js'

export const SurveyStatusSchema = z.enum(['draft', 'open', 'closed'])

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
export const GenerateSurveyBodySchema = z.strictObject({
  title: z.string().trim().min(1).max(200),
  includeWhy: z.boolean().default(true),
})
export const UpdateSurveyBodySchema = z.strictObject({
  title: z.string().trim().min(1).max(200).optional(),
  draft: SurveyDefinitionSchema.optional(),
  status: SurveyStatusSchema.optional(),
})
export const SurveyParamsSchema = z.strictObject({ studyId: IdSchema, surveyId: IdSchema })
export const SurveyVersionParamsSchema = SurveyParamsSchema.extend({ version: z.coerce.number().int().min(1) })
export const SurveyVersionSchema = z.object({ version: z.number().int(), publishedAt: IsoDateTimeSchema, definition: SurveyDefinitionSchema })
export type SurveyVersion = z.infer<typeof SurveyVersionSchema>
