import { z } from 'zod'
import { EMPATHY_ITEM_TEXT_MAX, EMPATHY_VALENCES, LONG_TEXT_MAX_LENGTH, scaleBounds, type QuestionType } from './constants.js'
import { EmpathyBoxSchema, SurveyKeySchema, conditionLeaves, type Condition, type Question, type SurveyDefinition } from './definition.js'

// ---------- answer shapes ----------

export const ScaleAnswerSchema = z.number().int('give a whole number')
export const SingleChoiceAnswerSchema = z.string().min(1).max(40)
export const MultipleChoiceAnswerSchema = z.strictObject({
  selected: z.array(z.string().max(40)).max(60),
  other: z.string().max(1000).optional(),
})
export type MultipleChoiceAnswer = z.infer<typeof MultipleChoiceAnswerSchema>
export const TextAnswerSchema = z.string().max(LONG_TEXT_MAX_LENGTH * 2)
export const EmpathyValenceSchema = z.enum(EMPATHY_VALENCES)
export const EmpathyItemSchema = z.strictObject({
  box: EmpathyBoxSchema,
  text: z.string().trim().min(1, 'an item needs text').max(EMPATHY_ITEM_TEXT_MAX),
  valence: EmpathyValenceSchema,
})
export type EmpathyItem = z.infer<typeof EmpathyItemSchema>
export const EmpathyMapAnswerSchema = z.strictObject({ items: z.array(EmpathyItemSchema).max(200) })
export type EmpathyMapAnswer = z.infer<typeof EmpathyMapAnswerSchema>

/** The answer shape per question type (shape only; `validateAnswer` checks it against the question). */
export const ANSWER_SCHEMAS = {
  nps: ScaleAnswerSchema,
  csat: ScaleAnswerSchema,
  ces: ScaleAnswerSchema,
  likert: ScaleAnswerSchema,
  rating: ScaleAnswerSchema,
  emotion: ScaleAnswerSchema,
  single_choice: SingleChoiceAnswerSchema,
  multiple_choice: MultipleChoiceAnswerSchema,
  short_text: TextAnswerSchema,
  long_text: TextAnswerSchema,
  empathy_map: EmpathyMapAnswerSchema,
} as const satisfies Record<QuestionType, z.ZodType>

/** Any answer; what an API body carries before it is checked against the definition. */
export const AnswerSchema = z.union([ScaleAnswerSchema, z.string().max(LONG_TEXT_MAX_LENGTH * 2), MultipleChoiceAnswerSchema, EmpathyMapAnswerSchema])
export type Answer = z.infer<typeof AnswerSchema>
/** Answers keyed by question id; `null` clears an answer. */
export const ResponseAnswersSchema = z.record(SurveyKeySchema, AnswerSchema.nullable())
export type ResponseAnswers = z.infer<typeof ResponseAnswersSchema>

export type AnswerValue<T extends QuestionType> = z.infer<(typeof ANSWER_SCHEMAS)[T]>
export type AnswerCheck = { ok: true; value: Answer } | { ok: false; message: string }

// ---------- one answer ----------

const fail = (message: string): AnswerCheck => ({ ok: false, message })

/**
 * Checks an answer against its question. On success `value` is the normalised answer
 * (texts trimmed, an empty "other" dropped). An empty text or selection is valid here;
 * whether it may be empty is the `required` check of `validateResponse`.
 */
export function validateAnswer(question: Question, answer: unknown): AnswerCheck {
  const parsed = ANSWER_SCHEMAS[question.type].safeParse(answer)
  if (!parsed.success) return fail(parsed.error.issues[0]?.message ?? 'invalid answer')
  switch (question.type) {
    case 'nps':
    case 'csat':
    case 'ces':
    case 'likert':
    case 'rating':
    case 'emotion': {
      const value = parsed.data as number
      const { min, max } = scaleBounds(question)
      return value < min || value > max ? fail(`give a number from ${min} to ${max}`) : { ok: true, value }
    }
    case 'single_choice': {
      const value = parsed.data as string
      return question.options.some((o) => o.id === value) ? { ok: true, value } : fail(`'${value}' is not an option`)
    }
    case 'multiple_choice': {
      const { selected, other } = parsed.data as MultipleChoiceAnswer
      const unknown = selected.find((id) => !question.options.some((o) => o.id === id))
      if (unknown !== undefined) return fail(`'${unknown}' is not an option`)
      if (new Set(selected).size !== selected.length) return fail('an option is selected twice')
      const otherText = other?.trim() ?? ''
      if (otherText && !question.allowOther) return fail('this question has no "other" option')
      if (otherText.length > 500) return fail('"other" is too long (500 characters at most)')
      const count = selected.length + (otherText ? 1 : 0)
      // Nothing selected means unanswered: that is for the required check, not for min/max.
      if (count > 0 && question.minSelected !== undefined && count < question.minSelected) return fail(`select at least ${question.minSelected}`)
      if (question.maxSelected !== undefined && count > question.maxSelected) return fail(`select at most ${question.maxSelected}`)
      return { ok: true, value: otherText ? { selected, other: otherText } : { selected } }
    }
    case 'short_text':
    case 'long_text': {
      const value = (parsed.data as string).trim()
      return value.length > question.maxLength ? fail(`at most ${question.maxLength} characters`) : { ok: true, value }
    }
    case 'empathy_map': {
      const { items } = parsed.data as EmpathyMapAnswer
      const perBox = new Map<string, number>()
      for (const item of items) {
        if (!question.boxes.includes(item.box)) return fail(`the box '${item.box}' is not part of this map`)
        const n = (perBox.get(item.box) ?? 0) + 1
        if (n > question.maxItemsPerBox) return fail(`at most ${question.maxItemsPerBox} items in '${item.box}'`)
        perBox.set(item.box, n)
      }
      return { ok: true, value: { items } }
    }
  }
}

/** Whether a (normalised) answer counts as no answer: absent, blank text, nothing selected, no items. */
export function isEmptyAnswer(answer: unknown): boolean {
  if (answer === undefined || answer === null) return true
  if (typeof answer === 'string') return answer.trim() === ''
  if (typeof answer === 'object') {
    if ('selected' in answer) return (answer as MultipleChoiceAnswer).selected.length === 0 && !(answer as MultipleChoiceAnswer).other?.trim()
    if ('items' in answer) return (answer as EmpathyMapAnswer).items.length === 0
  }
  return false
}

// ---------- skip logic ----------

/** Evaluates a condition against the answers that count (valid answers to shown questions). */
export function evaluateCondition(condition: Condition, answers: ReadonlyMap<string, Answer>): boolean {
  if ('all' in condition) return condition.all.every((c) => evaluateCondition(c, answers))
  if ('any' in condition) return condition.any.some((c) => evaluateCondition(c, answers))
  const a = answers.get(condition.questionId)
  const { op, value } = condition
  if (op === 'answered') {
    const answered = !isEmptyAnswer(a)
    return value === false ? !answered : answered
  }
  if (a === undefined || isEmptyAnswer(a)) return false
  switch (op) {
    case 'eq':
      return a === value
    case 'neq':
      return a !== value
    case 'lt':
      return typeof a === 'number' && typeof value === 'number' && a < value
    case 'lte':
      return typeof a === 'number' && typeof value === 'number' && a <= value
    case 'gt':
      return typeof a === 'number' && typeof value === 'number' && a > value
    case 'gte':
      return typeof a === 'number' && typeof value === 'number' && a >= value
    case 'includes':
      return typeof a === 'object' && 'selected' in a && typeof value === 'string' && a.selected.includes(value)
  }
}

type Walk = { questions: Question[]; counted: Map<string, Answer> }

function walk(definition: SurveyDefinition, answers: Readonly<Record<string, unknown>>): Walk {
  const questions: Question[] = []
  const counted = new Map<string, Answer>()
  for (const page of definition.pages) {
    if (page.showIf && !evaluateCondition(page.showIf, counted)) continue
    for (const q of page.questions) {
      if (q.showIf && !evaluateCondition(q.showIf, counted)) continue
      questions.push(q)
      const raw = answers[q.id]
      if (raw === undefined || raw === null) continue
      const check = validateAnswer(q, raw)
      if (check.ok && !isEmptyAnswer(check.value)) counted.set(q.id, check.value)
    }
  }
  return { questions, counted }
}

/**
 * The questions on the path the respondent actually takes, in order. Page and question
 * `showIf` are evaluated against earlier answers; answers to hidden questions and invalid
 * answers do not count.
 */
export function visibleQuestions(definition: SurveyDefinition, answers: Readonly<Record<string, unknown>>): Question[] {
  return walk(definition, answers).questions
}

/** Question ids referenced by conditions: the client re-evaluates the path when one of these changes. */
export function conditionQuestionIds(definition: SurveyDefinition): Set<string> {
  const ids = new Set<string>()
  for (const page of definition.pages) {
    if (page.showIf) for (const l of conditionLeaves(page.showIf)) ids.add(l.questionId)
    for (const q of page.questions) if (q.showIf) for (const l of conditionLeaves(q.showIf)) ids.add(l.questionId)
  }
  return ids
}

// ---------- a whole response ----------

export type ResponseIssue = { questionId: string; message: string }

/**
 * Checks a (partial or complete) response: unknown questions, answers to questions not on
 * the path, invalid answers and, when `complete`, required questions on the path left empty.
 * A `null` or missing answer is no answer.
 */
export function validateResponse(definition: SurveyDefinition, answers: Readonly<Record<string, unknown>>, options: { complete: boolean }): ResponseIssue[] {
  const issues: ResponseIssue[] = []
  const all = new Set(definition.pages.flatMap((p) => p.questions.map((q) => q.id)))
  const { questions } = walk(definition, answers)
  const onPath = new Set(questions.map((q) => q.id))
  for (const [id, raw] of Object.entries(answers)) {
    if (!all.has(id)) issues.push({ questionId: id, message: 'unknown question' })
    else if (!onPath.has(id) && raw !== undefined && raw !== null) issues.push({ questionId: id, message: 'this question is not shown for the answers given' })
  }
  for (const q of questions) {
    const raw = answers[q.id]
    if (raw === undefined || raw === null) {
      if (options.complete && q.required) issues.push({ questionId: q.id, message: 'required' })
      continue
    }
    const check = validateAnswer(q, raw)
    if (!check.ok) issues.push({ questionId: q.id, message: check.message })
    else if (options.complete && q.required && isEmptyAnswer(check.value)) issues.push({ questionId: q.id, message: 'required' })
  }
  return issues
}
