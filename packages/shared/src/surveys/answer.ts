import { z } from 'zod'
import { EMPATHY_ITEM_TEXT_MAX, EMPATHY_VALENCES, LONG_TEXT_MAX_LENGTH } from './constants.js'
import { EmpathyBoxSchema, SurveyKeySchema } from './definition.js'

// ---------- answer shapes ----------

// The wire shapes of answers, for the API's body schemas and the OpenAPI document. Whether an answer
// fits its question (and the path, and `required`) is checked by the zod-free rules in rules.ts.
export const ScaleAnswerSchema = z.number().int('give a whole number')
export const MultipleChoiceAnswerSchema = z.strictObject({
  selected: z.array(z.string().max(40)).max(60),
  other: z.string().max(1000).optional(),
})
export type MultipleChoiceAnswer = z.infer<typeof MultipleChoiceAnswerSchema>
export const EmpathyValenceSchema = z.enum(EMPATHY_VALENCES)
export const EmpathyItemSchema = z.strictObject({
  box: EmpathyBoxSchema,
  text: z.string().trim().min(1, 'an item needs text').max(EMPATHY_ITEM_TEXT_MAX),
  valence: EmpathyValenceSchema,
})
export type EmpathyItem = z.infer<typeof EmpathyItemSchema>
export const EmpathyMapAnswerSchema = z.strictObject({ items: z.array(EmpathyItemSchema).max(200) })
export type EmpathyMapAnswer = z.infer<typeof EmpathyMapAnswerSchema>

/** Any answer; what an API body carries before it is checked against the definition. */
export const AnswerSchema = z.union([
  ScaleAnswerSchema,
  z.string().max(LONG_TEXT_MAX_LENGTH * 2),
  MultipleChoiceAnswerSchema,
  EmpathyMapAnswerSchema,
])
export type Answer = z.infer<typeof AnswerSchema>
/** Answers keyed by question id; `null` clears an answer. */
export const ResponseAnswersSchema = z.record(SurveyKeySchema, AnswerSchema.nullable())
export type ResponseAnswers = z.infer<typeof ResponseAnswersSchema>
