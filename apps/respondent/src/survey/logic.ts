// The survey path and answer checks, without zod: the same rules as validateAnswer,
// isEmptyAnswer and visibleQuestions in @klantreis/shared/surveys (answer.ts), which import zod
// and would not fit the bundle budget. Types only come from the contract.
import type { Condition, Question, SurveyDefinition } from '@klantreis/shared/surveys'
import { EMPATHY_ITEM_TEXT_MAX, LONG_TEXT_MAX_LENGTH, isScaleType, scaleBounds } from '@klantreis/shared/surveys/constants'

export type MultiAnswer = { selected: string[]; other?: string }
export type EmpathyItem = { box: string; text: string; valence: 'pain' | 'gain' }
export type EmpathyAnswer = { items: EmpathyItem[] }
export type Answer = number | string | MultiAnswer | EmpathyAnswer
export type Answers = Record<string, Answer>

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
const onlyKeys = (o: Record<string, unknown>, keys: string[]) => Object.keys(o).every((k) => keys.includes(k))

/** The normalised answer when it is valid for the question (as validateAnswer), else null. */
export function checkAnswer(q: Question, a: unknown): Answer | null {
  if (isScaleType(q.type)) {
    if (typeof a !== 'number' || !Number.isInteger(a)) return null
    const { min, max } = scaleBounds(q as Parameters<typeof scaleBounds>[0])
    return a < min || a > max ? null : a
  }
  switch (q.type) {
    case 'single_choice':
      return typeof a === 'string' && a.length >= 1 && a.length <= 40 && q.options.some((o) => o.id === a) ? a : null
    case 'multiple_choice': {
      if (!isObj(a) || !onlyKeys(a, ['selected', 'other']) || !Array.isArray(a.selected) || a.selected.length > 60) return null
      const selected = a.selected as unknown[]
      if (!selected.every((s): s is string => typeof s === 'string' && s.length <= 40)) return null
      if (a.other !== undefined && (typeof a.other !== 'string' || a.other.length > 1000)) return null
      if (!selected.every((id) => q.options.some((o) => o.id === id))) return null
      if (new Set(selected).size !== selected.length) return null
      const other = typeof a.other === 'string' ? a.other.trim() : ''
      if (other && !q.allowOther) return null
      if (other.length > 500) return null
      const count = selected.length + (other ? 1 : 0)
      if (count > 0 && q.minSelected !== undefined && count < q.minSelected) return null
      if (q.maxSelected !== undefined && count > q.maxSelected) return null
      return other ? { selected, other } : { selected }
    }
    case 'short_text':
    case 'long_text': {
      if (typeof a !== 'string' || a.length > LONG_TEXT_MAX_LENGTH * 2) return null
      const v = a.trim()
      return v.length > q.maxLength ? null : v
    }
    case 'empathy_map': {
      if (!isObj(a) || !onlyKeys(a, ['items']) || !Array.isArray(a.items) || a.items.length > 200) return null
      const perBox = new Map<string, number>()
      const items: EmpathyItem[] = []
      for (const it of a.items as unknown[]) {
        if (!isObj(it) || !onlyKeys(it, ['box', 'text', 'valence'])) return null
        const { box, text, valence } = it
        if (typeof box !== 'string' || !(q.boxes as string[]).includes(box)) return null
        if (typeof text !== 'string' || !text.trim() || text.trim().length > EMPATHY_ITEM_TEXT_MAX) return null
        if (valence !== 'pain' && valence !== 'gain') return null
        const n = (perBox.get(box) ?? 0) + 1
        if (n > q.maxItemsPerBox) return null
        perBox.set(box, n)
        items.push({ box, text: text.trim(), valence })
      }
      return { items }
    }
  }
  return null
}

/** No answer: absent, blank text, nothing selected, no items. */
export function isEmptyAnswer(a: unknown): boolean {
  if (a === undefined || a === null) return true
  if (typeof a === 'string') return a.trim() === ''
  if (isObj(a)) {
    if ('selected' in a) return (a as MultiAnswer).selected.length === 0 && !(a as MultiAnswer).other?.trim()
    if ('items' in a) return (a as EmpathyAnswer).items.length === 0
  }
  return false
}

function evaluate(c: Condition, answers: ReadonlyMap<string, Answer>): boolean {
  if ('all' in c) return c.all.every((x) => evaluate(x, answers))
  if ('any' in c) return c.any.some((x) => evaluate(x, answers))
  const a = answers.get(c.questionId)
  const { op, value } = c
  if (op === 'answered') {
    const answered = !isEmptyAnswer(a)
    return value === false ? !answered : answered
  }
  if (a === undefined || isEmptyAnswer(a)) return false
  const num = typeof a === 'number' && typeof value === 'number'
  switch (op) {
    case 'eq':
      return a === value
    case 'neq':
      return a !== value
    case 'lt':
      return num && a < value
    case 'lte':
      return num && a <= value
    case 'gt':
      return num && a > value
    case 'gte':
      return num && a >= value
    case 'includes':
      return typeof a === 'object' && 'selected' in a && typeof value === 'string' && a.selected.includes(value)
  }
  return false
}

/** The questions on the respondent's path, in order, with the page each is on (as visibleQuestions). */
export function visibleQuestions(def: SurveyDefinition, answers: Readonly<Record<string, unknown>>): { q: Question; pageId: string }[] {
  const out: { q: Question; pageId: string }[] = []
  const counted = new Map<string, Answer>()
  for (const page of def.pages) {
    if (page.showIf && !evaluate(page.showIf, counted)) continue
    for (const q of page.questions) {
      if (q.showIf && !evaluate(q.showIf, counted)) continue
      out.push({ q, pageId: page.id })
      const raw = answers[q.id]
      if (raw === undefined || raw === null) continue
      const v = checkAnswer(q, raw)
      if (v !== null && !isEmptyAnswer(v)) counted.set(q.id, v)
    }
  }
  return out
}
