import type { Language } from '@klantreis/shared/common'
import type { JourneyModel } from '@klantreis/shared/journey'
import {
  CONDITION_OPS,
  EMPATHY_BOXES,
  isScaleType,
  type ConditionLeaf,
  type ConditionOp,
  type Question,
  type QuestionType,
  type SurveyTexts,
} from '@klantreis/shared/surveys'

export const emptyTexts = (languages: readonly Language[]): SurveyTexts =>
  Object.fromEntries(languages.map((l) => [l, ''])) as SurveyTexts

/** A short key not yet in `taken`: `base`, `base-2`, `base-3`, … */
export function uniqueKey(base: string, taken: Set<string>): string {
  const clean = base.replace(/[^a-z0-9_-]/g, '-').slice(0, 34) || 'q'
  if (!taken.has(clean)) return clean
  for (let n = 2; ; n++) if (!taken.has(`${clean}-${n}`)) return `${clean}-${n}`
}

export function newQuestion(type: QuestionType, languages: readonly Language[], taken: Set<string>): Question {
  const base = { id: uniqueKey(type.replace('_', '-'), taken), text: emptyTexts(languages), required: false }
  switch (type) {
    case 'likert':
      return { ...base, type, points: 5 }
    case 'rating':
      return { ...base, type, max: 5 }
    case 'single_choice':
      return {
        ...base,
        type,
        options: [
          { id: 'o1', text: emptyTexts(languages) },
          { id: 'o2', text: emptyTexts(languages) },
        ],
      }
    case 'multiple_choice':
      return {
        ...base,
        type,
        options: [
          { id: 'o1', text: emptyTexts(languages) },
          { id: 'o2', text: emptyTexts(languages) },
        ],
        allowOther: false,
      }
    case 'short_text':
      return { ...base, type, maxLength: 200 }
    case 'long_text':
      return { ...base, type, maxLength: 2000 }
    case 'empathy_map':
      return { ...base, type, boxes: [...EMPATHY_BOXES], maxItemsPerBox: 5 }
    default:
      return { ...base, type }
  }
}

export function move<T>(items: readonly T[], from: number, to: number): T[] {
  if (to < 0 || to >= items.length) return [...items]
  const next = [...items]
  const [item] = next.splice(from, 1)
  next.splice(to, 0, item as T)
  return next
}

/** Which comparisons make sense for an answer of this question. */
export function opsFor(q: Question): ConditionOp[] {
  if (isScaleType(q.type)) return CONDITION_OPS.filter((op) => op !== 'includes')
  if (q.type === 'single_choice') return ['eq', 'neq', 'answered']
  if (q.type === 'multiple_choice') return ['includes', 'answered']
  return ['answered']
}

export function defaultLeaf(q: Question): ConditionLeaf {
  const op = opsFor(q)[0] ?? 'answered'
  if (op === 'answered') return { questionId: q.id, op }
  if (q.type === 'single_choice' || q.type === 'multiple_choice')
    return { questionId: q.id, op, value: q.options[0]?.id ?? '' }
  return { questionId: q.id, op, value: q.type === 'nps' ? 6 : 3 }
}

/** The text to show for a language, falling back to the other language, then to a placeholder. */
export function textIn(texts: Partial<Record<Language, string>> | undefined, lang: Language, fallback: string): string {
  return texts?.[lang]?.trim() || Object.values(texts ?? {}).find((s) => s?.trim()) || fallback
}

/** Touchpoints in journey order, labelled with their stage. */
export function touchpointOptions(model: JourneyModel | undefined): { value: string; label: string }[] {
  if (!model) return []
  const stages = [...model.stages].sort((a, b) => a.position - b.position)
  return stages.flatMap((s) =>
    model.touchpoints
      .filter((tp) => tp.stageId === s.id)
      .sort((a, b) => a.position - b.position)
      .map((tp) => ({ value: tp.id, label: `${s.name} · ${tp.name}` })),
  )
}

/** Validation details keyed by the path inside the PATCH body (`draft.pages.0.title.en`). */
export function errorMap(details: { path: string; message: string }[] | undefined): Map<string, string> {
  const map = new Map<string, string>()
  for (const d of details ?? []) {
    const path = d.path
      .replace(/^\/+/, '')
      .replace(/\//g, '.')
      .replace(/^body\./, '')
    if (!map.has(path)) map.set(path, d.message)
  }
  return map
}
