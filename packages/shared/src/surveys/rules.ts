// The survey rules, once: which answer a question takes, which questions are on the respondent's
// path, and what a (partial or complete) response is missing. The API enforces them, the analyst's
// preview and the respondent app apply them as the respondent types. Zod-free on purpose: the
// respondent app imports this file (`@klantreis/shared/surveys/rules`) inside a 90 KiB budget, and
// the types come from the contract as type-only imports, which cost it nothing.
import type { Answer, EmpathyItem, EmpathyMapAnswer, MultipleChoiceAnswer } from './answer.js'
import { EMPATHY_ITEM_TEXT_MAX, EMPATHY_VALENCES, LONG_TEXT_MAX_LENGTH, isScaleType, scaleBounds } from './constants.js'
import type { Condition, ConditionLeaf, Question, SurveyDefinition } from './definition.js'

export type AnswerCheck = { ok: true; value: Answer } | { ok: false; message: string }

const fail = (message: string): AnswerCheck => ({ ok: false, message })
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
const onlyKeys = (o: Record<string, unknown>, keys: readonly string[]) => Object.keys(o).find((k) => !keys.includes(k))

/**
 * Checks an answer against its question. On success `value` is the normalised answer
 * (texts trimmed, an empty "other" dropped). An empty text or selection is valid here;
 * whether it may be empty is the `required` check of `validateResponse`.
 */
export function validateAnswer(question: Question, answer: unknown): AnswerCheck {
  if (isScaleType(question.type)) {
    if (typeof answer !== 'number' || !Number.isInteger(answer)) return fail('give a whole number')
    const { min, max } = scaleBounds(question as Parameters<typeof scaleBounds>[0])
    return answer < min || answer > max ? fail(`give a number from ${min} to ${max}`) : { ok: true, value: answer }
  }
  switch (question.type) {
    case 'single_choice': {
      if (typeof answer !== 'string' || answer.length < 1 || answer.length > 40)
        return fail('give the id of one option')
      return question.options.some((o) => o.id === answer)
        ? { ok: true, value: answer }
        : fail(`'${answer}' is not an option`)
    }
    case 'multiple_choice': {
      if (!isObject(answer)) return fail('give { selected: [option ids], other? }')
      const extra = onlyKeys(answer, ['selected', 'other'])
      if (extra !== undefined) return fail(`unknown field "${extra}"`)
      const { selected, other } = answer as { selected: unknown; other?: unknown }
      if (
        !Array.isArray(selected) ||
        selected.length > 60 ||
        !selected.every((s) => typeof s === 'string' && s.length <= 40)
      )
        return fail('selected must be a list of at most 60 option ids')
      if (other !== undefined && (typeof other !== 'string' || other.length > 1000))
        return fail('"other" must be a text')
      const ids = selected as string[]
      const unknown = ids.find((id) => !question.options.some((o) => o.id === id))
      if (unknown !== undefined) return fail(`'${unknown}' is not an option`)
      if (new Set(ids).size !== ids.length) return fail('an option is selected twice')
      const otherText = (other as string | undefined)?.trim() ?? ''
      if (otherText && !question.allowOther) return fail('this question has no "other" option')
      if (otherText.length > 500) return fail('"other" is too long (500 characters at most)')
      const count = ids.length + (otherText ? 1 : 0)
      // Nothing selected means unanswered: that is for the required check, not for min/max.
      if (count > 0 && question.minSelected !== undefined && count < question.minSelected)
        return fail(`select at least ${question.minSelected}`)
      if (question.maxSelected !== undefined && count > question.maxSelected)
        return fail(`select at most ${question.maxSelected}`)
      const value: MultipleChoiceAnswer = otherText ? { selected: ids, other: otherText } : { selected: ids }
      return { ok: true, value }
    }
    case 'short_text':
    case 'long_text': {
      if (typeof answer !== 'string' || answer.length > LONG_TEXT_MAX_LENGTH * 2) return fail('give a text')
      const value = answer.trim()
      return value.length > question.maxLength ? fail(`at most ${question.maxLength} characters`) : { ok: true, value }
    }
    case 'empathy_map': {
      if (!isObject(answer)) return fail('give { items: [{ box, text, valence }] }')
      const extra = onlyKeys(answer, ['items'])
      if (extra !== undefined) return fail(`unknown field "${extra}"`)
      if (!Array.isArray(answer.items) || answer.items.length > 200) return fail('items must be a list of at most 200')
      const perBox = new Map<string, number>()
      const items: EmpathyItem[] = []
      for (const item of answer.items as unknown[]) {
        if (!isObject(item)) return fail('an item is { box, text, valence }')
        const itemExtra = onlyKeys(item, ['box', 'text', 'valence'])
        if (itemExtra !== undefined) return fail(`unknown field "${itemExtra}"`)
        const { box, text, valence } = item
        if (typeof box !== 'string' || !(question.boxes as string[]).includes(box))
          return fail(`the box '${String(box)}' is not part of this map`)
        if (typeof text !== 'string' || !text.trim()) return fail('an item needs text')
        if (text.trim().length > EMPATHY_ITEM_TEXT_MAX)
          return fail(`an item has at most ${EMPATHY_ITEM_TEXT_MAX} characters`)
        if (!(EMPATHY_VALENCES as readonly unknown[]).includes(valence)) return fail('valence is pain or gain')
        const n = (perBox.get(box) ?? 0) + 1
        if (n > question.maxItemsPerBox) return fail(`at most ${question.maxItemsPerBox} items in '${box}'`)
        perBox.set(box, n)
        items.push({ box: box as EmpathyItem['box'], text: text.trim(), valence: valence as EmpathyItem['valence'] })
      }
      const value: EmpathyMapAnswer = { items }
      return { ok: true, value }
    }
  }
  return fail('unknown question type')
}

/** Whether a (normalised) answer counts as no answer: absent, blank text, nothing selected, no items. */
export function isEmptyAnswer(answer: unknown): boolean {
  if (answer === undefined || answer === null) return true
  if (typeof answer === 'string') return answer.trim() === ''
  if (isObject(answer)) {
    if ('selected' in answer)
      return (answer as MultipleChoiceAnswer).selected.length === 0 && !(answer as MultipleChoiceAnswer).other?.trim()
    if ('items' in answer) return (answer as EmpathyMapAnswer).items.length === 0
  }
  return false
}

// ---------- skip logic ----------

/** The comparisons of a condition, however deeply they are combined with all/any. */
export function conditionLeaves(c: Condition): ConditionLeaf[] {
  if ('all' in c) return c.all.flatMap(conditionLeaves)
  if ('any' in c) return c.any.flatMap(conditionLeaves)
  return [c]
}

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
  return false
}

export type PathStep = { question: Question; pageId: string }

function walk(definition: SurveyDefinition, answers: Readonly<Record<string, unknown>>): PathStep[] {
  const path: PathStep[] = []
  const counted = new Map<string, Answer>()
  for (const page of definition.pages) {
    if (page.showIf && !evaluateCondition(page.showIf, counted)) continue
    for (const question of page.questions) {
      if (question.showIf && !evaluateCondition(question.showIf, counted)) continue
      path.push({ question, pageId: page.id })
      const raw = answers[question.id]
      if (raw === undefined || raw === null) continue
      const check = validateAnswer(question, raw)
      if (check.ok && !isEmptyAnswer(check.value)) counted.set(question.id, check.value)
    }
  }
  return path
}

/**
 * The path the respondent actually takes: the questions in order, each with its page. Page and
 * question `showIf` are evaluated against earlier answers; answers to hidden questions and
 * invalid answers do not count.
 */
export const surveyPath = walk

/** The questions on the respondent's path, in order (see `surveyPath`). */
export function visibleQuestions(definition: SurveyDefinition, answers: Readonly<Record<string, unknown>>): Question[] {
  return walk(definition, answers).map((s) => s.question)
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
export function validateResponse(
  definition: SurveyDefinition,
  answers: Readonly<Record<string, unknown>>,
  options: { complete: boolean },
): ResponseIssue[] {
  const issues: ResponseIssue[] = []
  const all = new Set(definition.pages.flatMap((p) => p.questions.map((q) => q.id)))
  const questions = visibleQuestions(definition, answers)
  const onPath = new Set(questions.map((q) => q.id))
  for (const [id, raw] of Object.entries(answers)) {
    if (!all.has(id)) issues.push({ questionId: id, message: 'unknown question' })
    else if (!onPath.has(id) && raw !== undefined && raw !== null)
      issues.push({ questionId: id, message: 'this question is not shown for the answers given' })
  }
  for (const q of questions) {
    const raw = answers[q.id]
    if (raw === undefined || raw === null) {
      if (options.complete && q.required) issues.push({ questionId: q.id, message: 'required' })
      continue
    }
    const check = validateAnswer(q, raw)
    if (!check.ok) issues.push({ questionId: q.id, message: check.message })
    else if (options.complete && q.required && isEmptyAnswer(check.value))
      issues.push({ questionId: q.id, message: 'required' })
  }
  return issues
}
