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
export const SurveyVersionSchema = z.object({
  version: z.number().int(),
  publishedAt: IsoDateTimeSchema,
  definition: SurveyDefinitionSchema,
})
export type SurveyVersion = z.infer<typeof SurveyVersionSchema>

// ---------- responses ----------

export const ResponseStatusSchema = z.enum(['in_progress', 'complete'])
export const AnswersSchema = z
  .record(z.string().max(40), z.unknown())
  .refine((a) => Object.keys(a).length <= 500, 'too many answers')

/** What a participant's device sends: everything answered so far, and whether they are done. */
export const SaveResponseBodySchema = z.strictObject({
  version: z.number().int().min(1),
  answers: AnswersSchema,
  complete: z.boolean().default(false),
})
export const RespondentSurveyParamsSchema = z.strictObject({ surveyId: IdSchema })
export const RespondentResponseParamsSchema = z.strictObject({ surveyId: IdSchema, responseId: IdSchema })

export const SurveyResponseSchema = z.object({
  id: IdSchema,
  version: z.number().int(),
  status: ResponseStatusSchema,
  answers: z.record(z.string(), z.unknown()),
  startedAt: IsoDateTimeSchema,
  updatedAt: IsoDateTimeSchema,
  completedAt: IsoDateTimeSchema.nullable(),
})
export type SurveyResponse = z.infer<typeof SurveyResponseSchema>

/** The participant's view: the version to answer (their response's, or the newest) and where they left off. */
export const RespondentSurveySchema = z.object({
  survey: z.object({ id: IdSchema, title: z.string(), kind: SurveyKindSchema, status: SurveyStatusSchema }),
  version: z.number().int(),
  definition: SurveyDefinitionSchema,
  response: SurveyResponseSchema.nullable(),
})
export type RespondentSurvey = z.infer<typeof RespondentSurveySchema>
export const RespondentSurveyListSchema = z.object({
  items: z.array(
    z.object({
      id: IdSchema,
      title: z.string(),
      kind: SurveyKindSchema,
      responseStatus: z.enum(['none', 'in_progress', 'complete']),
    }),
  ),
})

export const AnalystResponseSchema = SurveyResponseSchema.extend({
  participant: z.object({ id: IdSchema, name: z.string() }).nullable(),
})
export const AnalystResponsePageSchema = pageOf(AnalystResponseSchema.omit({ answers: true }))
export const AnalystResponseParamsSchema = SurveyParamsSchema.extend({ responseId: IdSchema })

export const SurveySummaryQuerySchema = z.strictObject({ version: z.coerce.number().int().min(1).optional() })
export const SurveyResultsSchema = z.object({
  version: z.number().int(),
  started: z.number().int(),
  completed: z.number().int(),
  completionRate: z.number().nullable(),
  /** Of the responses that reached a page, how many went no further (in progress, last answer there). */
  pages: z.array(z.object({ pageId: z.string(), reached: z.number().int(), stoppedHere: z.number().int() })),
  questions: z.array(
    z.object({
      questionId: z.string(),
      type: z.string(),
      answered: z.number().int(),
      distribution: z.array(z.object({ value: z.string(), count: z.number().int() })),
      mean: z.number().nullable(),
    }),
  ),
})
export type SurveyResults = z.infer<typeof SurveyResultsSchema>

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
export const AnonymousLinkParamsSchema = SurveyParamsSchema.extend({ linkId: IdSchema })
export const AnonymousResponseParamsSchema = z.strictObject({ responseId: IdSchema })
