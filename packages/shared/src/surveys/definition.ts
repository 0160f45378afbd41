import { z } from 'zod'
import { IdSchema, LanguageSchema, type Language } from '../common/index.js'
import { conditionLeaves } from './rules.js'
import {
  CHOICE_OPTIONS_MAX,
  CONDITION_OPS,
  EMPATHY_BOXES,
  EMPATHY_DEFAULT_ITEMS_PER_BOX,
  EMPATHY_MAX_ITEMS_PER_BOX,
  LIKERT_POINTS,
  LONG_TEXT_DEFAULT_MAX_LENGTH,
  LONG_TEXT_MAX_LENGTH,
  MEASURES,
  RATING_MAX_HIGHEST,
  RATING_MAX_LOWEST,
  SHORT_TEXT_DEFAULT_MAX_LENGTH,
  SHORT_TEXT_MAX_LENGTH,
  SURVEY_KEY_PATTERN,
  SURVEY_KINDS,
  isScaleType,
  scaleBounds,
} from './constants.js'

const unique = (a: readonly unknown[]) => new Set(a).size === a.length

export const SurveyKeySchema = z.string().regex(SURVEY_KEY_PATTERN, 'use 1–40 characters a–z, 0–9, - or _')
export const MeasureSchema = z.enum(MEASURES)
export const SurveyKindSchema = z.enum(SURVEY_KINDS)
export const EmpathyBoxSchema = z.enum(EMPATHY_BOXES)
export const ConditionOpSchema = z.enum(CONDITION_OPS)

/** Language-keyed text; which languages must be present is checked against the survey's `languages`. */
const texts = (max: number) =>
  z
    .partialRecord(LanguageSchema, z.string().trim().min(1, 'required').max(max))
    .refine((t) => Object.keys(t).length > 0, 'give at least one language')
export const SurveyTextsSchema = texts(1000)
export type SurveyTexts = z.infer<typeof SurveyTextsSchema>

// ---------- skip logic ----------

export const ConditionValueSchema = z.union([z.number(), z.string().max(40), z.boolean()])
export const ConditionLeafSchema = z.strictObject({
  questionId: SurveyKeySchema,
  op: ConditionOpSchema,
  value: ConditionValueSchema.optional(),
})
export type ConditionLeaf = z.infer<typeof ConditionLeafSchema>
export type Condition = ConditionLeaf | { all: Condition[] } | { any: Condition[] }
export const ConditionSchema: z.ZodType<Condition, Condition> = z.lazy(() =>
  z.union([
    ConditionLeafSchema,
    z.strictObject({ all: z.array(ConditionSchema).min(1).max(20) }),
    z.strictObject({ any: z.array(ConditionSchema).min(1).max(20) }),
  ]),
)
// A named schema: it is recursive, so the OpenAPI document needs it as a component to refer to.
ConditionSchema.register(z.globalRegistry, { id: 'SurveyCondition' })

// ---------- questions ----------

const questionFields = {
  id: SurveyKeySchema,
  text: SurveyTextsSchema,
  help: texts(2000).optional(),
  required: z.boolean(),
  touchpointId: IdSchema.nullable().optional(),
  measure: MeasureSchema.nullable().optional(),
  showIf: ConditionSchema.optional(),
}

export const ChoiceOptionSchema = z.strictObject({ id: SurveyKeySchema, text: texts(500) })
export type ChoiceOption = z.infer<typeof ChoiceOptionSchema>
const options = z
  .array(ChoiceOptionSchema)
  .min(2, 'give at least two options')
  .max(CHOICE_OPTIONS_MAX)
  .refine((o) => unique(o.map((x) => x.id)), 'option ids must be unique')

export const ScaleAnchorsSchema = z.strictObject({ low: texts(200), high: texts(200) })

export const NpsQuestionSchema = z.strictObject({ ...questionFields, type: z.literal('nps') })
export const CsatQuestionSchema = z.strictObject({ ...questionFields, type: z.literal('csat') })
export const CesQuestionSchema = z.strictObject({ ...questionFields, type: z.literal('ces') })
export const LikertQuestionSchema = z.strictObject({
  ...questionFields,
  type: z.literal('likert'),
  points: z.union([z.literal(LIKERT_POINTS[0]), z.literal(LIKERT_POINTS[1])]),
  anchors: ScaleAnchorsSchema.optional(),
})
export const RatingQuestionSchema = z.strictObject({
  ...questionFields,
  type: z.literal('rating'),
  max: z.number().int().min(RATING_MAX_LOWEST).max(RATING_MAX_HIGHEST).default(5),
})
export const EmotionQuestionSchema = z.strictObject({ ...questionFields, type: z.literal('emotion') })
export const SingleChoiceQuestionSchema = z.strictObject({
  ...questionFields,
  type: z.literal('single_choice'),
  options,
})
export const MultipleChoiceQuestionSchema = z
  .strictObject({
    ...questionFields,
    type: z.literal('multiple_choice'),
    options,
    allowOther: z.boolean().default(false),
    /** Counted over the selected options plus a filled-in "other". */
    minSelected: z
      .number()
      .int()
      .min(0)
      .max(CHOICE_OPTIONS_MAX + 1)
      .optional(),
    maxSelected: z
      .number()
      .int()
      .min(1)
      .max(CHOICE_OPTIONS_MAX + 1)
      .optional(),
  })
  .superRefine((q, ctx) => {
    const available = q.options.length + (q.allowOther ? 1 : 0)
    if (q.minSelected !== undefined && q.maxSelected !== undefined && q.minSelected > q.maxSelected)
      ctx.addIssue({ code: 'custom', path: ['minSelected'], message: 'minSelected is larger than maxSelected' })
    if (q.minSelected !== undefined && q.minSelected > available)
      ctx.addIssue({
        code: 'custom',
        path: ['minSelected'],
        message: 'minSelected is larger than the number of options',
      })
  })
export const ShortTextQuestionSchema = z.strictObject({
  ...questionFields,
  type: z.literal('short_text'),
  maxLength: z.number().int().min(1).max(SHORT_TEXT_MAX_LENGTH).default(SHORT_TEXT_DEFAULT_MAX_LENGTH),
})
export const LongTextQuestionSchema = z.strictObject({
  ...questionFields,
  type: z.literal('long_text'),
  maxLength: z.number().int().min(1).max(LONG_TEXT_MAX_LENGTH).default(LONG_TEXT_DEFAULT_MAX_LENGTH),
})
export const EmpathyMapQuestionSchema = z.strictObject({
  ...questionFields,
  type: z.literal('empathy_map'),
  boxes: z
    .array(EmpathyBoxSchema)
    .min(1)
    .refine(unique, 'duplicate box')
    .default([...EMPATHY_BOXES]),
  maxItemsPerBox: z.number().int().min(1).max(EMPATHY_MAX_ITEMS_PER_BOX).default(EMPATHY_DEFAULT_ITEMS_PER_BOX),
})

export const QuestionSchema = z.discriminatedUnion('type', [
  NpsQuestionSchema,
  CsatQuestionSchema,
  CesQuestionSchema,
  LikertQuestionSchema,
  RatingQuestionSchema,
  SingleChoiceQuestionSchema,
  MultipleChoiceQuestionSchema,
  ShortTextQuestionSchema,
  LongTextQuestionSchema,
  EmotionQuestionSchema,
  EmpathyMapQuestionSchema,
])
export type Question = z.infer<typeof QuestionSchema>
export type QuestionInput = z.input<typeof QuestionSchema>
export type QuestionOf<T extends Question['type']> = Extract<Question, { type: T }>

export const SurveyPageSchema = z.strictObject({
  id: SurveyKeySchema,
  title: texts(300),
  questions: z.array(QuestionSchema).max(100),
  showIf: ConditionSchema.optional(),
})
export type SurveyPage = z.infer<typeof SurveyPageSchema>

// ---------- the whole definition ----------

/** Which ops (and value types) make sense for the referenced question. Returns a message when not. */
function conditionProblem(leaf: ConditionLeaf, q: Question): string | null {
  const { op, value } = leaf
  if (op === 'answered')
    return value === undefined || typeof value === 'boolean' ? null : "'answered' takes no value or true/false"
  if (value === undefined) return `'${op}' needs a value`
  if (isScaleType(q.type)) {
    if (op === 'includes') return `'includes' does not apply to a ${q.type} question`
    if (typeof value !== 'number' || !Number.isInteger(value)) return 'compare a scale answer with a whole number'
    const { min, max } = scaleBounds(q as Parameters<typeof scaleBounds>[0])
    return value < min || value > max ? `value is outside the ${min}–${max} scale` : null
  }
  if (q.type === 'single_choice') {
    if (op !== 'eq' && op !== 'neq') return `'${op}' does not apply to a single choice question`
    return typeof value === 'string' && q.options.some((o) => o.id === value)
      ? null
      : 'value is not an option of the question'
  }
  if (q.type === 'multiple_choice') {
    if (op !== 'includes') return `'${op}' does not apply to a multiple choice question`
    return typeof value === 'string' && q.options.some((o) => o.id === value)
      ? null
      : 'value is not an option of the question'
  }
  return `only 'answered' applies to a ${q.type.replace('_', ' ')} question`
}

export const SurveyDefinitionSchema = z
  .strictObject({
    kind: SurveyKindSchema,
    languages: z.array(LanguageSchema).min(1).max(2).refine(unique, 'duplicate language'),
    pages: z.array(SurveyPageSchema).min(1).max(50),
  })
  .superRefine((def, ctx) => {
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message })
    const checkTexts = (t: Partial<Record<Language, string>> | undefined, path: (string | number)[]) => {
      if (!t) return
      for (const lang of def.languages) if (!t[lang]) issue([...path, lang], `missing the ${lang} text`)
    }
    const checkCondition = (c: Condition, path: (string | number)[], earlier: Map<string, Question>) => {
      for (const leaf of conditionLeaves(c)) {
        const q = earlier.get(leaf.questionId)
        if (!q) issue(path, `condition refers to '${leaf.questionId}', which is not an earlier question`)
        else {
          const problem = conditionProblem(leaf, q)
          if (problem) issue(path, problem)
        }
      }
    }

    const pageIds = new Set<string>()
    const questionIds = new Set<string>()
    // Questions a condition may refer to: earlier pages, then earlier on the same page.
    const earlier = new Map<string, Question>()
    def.pages.forEach((page, p) => {
      if (pageIds.has(page.id)) issue(['pages', p, 'id'], `duplicate page id '${page.id}'`)
      pageIds.add(page.id)
      checkTexts(page.title, ['pages', p, 'title'])
      if (page.showIf) checkCondition(page.showIf, ['pages', p, 'showIf'], earlier)
      page.questions.forEach((q, i) => {
        const path = ['pages', p, 'questions', i]
        if (questionIds.has(q.id)) issue([...path, 'id'], `duplicate question id '${q.id}'`)
        questionIds.add(q.id)
        checkTexts(q.text, [...path, 'text'])
        checkTexts(q.help, [...path, 'help'])
        if (q.type === 'single_choice' || q.type === 'multiple_choice')
          q.options.forEach((o, j) => checkTexts(o.text, [...path, 'options', j, 'text']))
        if (q.type === 'likert' && q.anchors) {
          checkTexts(q.anchors.low, [...path, 'anchors', 'low'])
          checkTexts(q.anchors.high, [...path, 'anchors', 'high'])
        }
        if (q.showIf) checkCondition(q.showIf, [...path, 'showIf'], earlier)
        if (!earlier.has(q.id)) earlier.set(q.id, q)
      })
    })
    if (def.kind === 'empathy_map' && !def.pages.some((p) => p.questions.some((q) => q.type === 'empathy_map')))
      issue(['pages'], 'an empathy-map questionnaire needs at least one empathy map question')
  })
export type SurveyDefinition = z.infer<typeof SurveyDefinitionSchema>
export type SurveyDefinitionInput = z.input<typeof SurveyDefinitionSchema>
