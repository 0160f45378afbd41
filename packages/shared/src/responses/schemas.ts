import { z } from 'zod'
import { IdSchema, IsoDateTimeSchema, pageOf } from '../common/index.js'
import { SurveyParamsSchema, SurveyStatusSchema } from '../surveys/api.js'
import { SurveyDefinitionSchema, SurveyKindSchema } from '../surveys/definition.js'
import { RESPONSE_STATUSES } from './constants.js'

export const ResponseStatusSchema = z.enum(RESPONSE_STATUSES)
export const AnswersSchema = z
  .record(z.string().max(40), z.unknown())
  .refine((a) => Object.keys(a).length <= 500, 'too many answers')

/** What a participant's device sends: everything answered so far, and whether they are done. */
export const SaveResponseBodySchema = z.strictObject({
  version: z.number().int().min(1),
  answers: AnswersSchema,
  complete: z.boolean().default(false),
})
export type SaveResponseBody = z.input<typeof SaveResponseBodySchema>
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
  /** Who answered, by pseudonym only (issue 14); null for an anonymous response. */
  participant: z.object({ id: IdSchema, pseudonym: z.string() }).nullable(),
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
export const AnonymousResponseParamsSchema = z.strictObject({ responseId: IdSchema })
