// zod-free: the respondent bundle reads these without pulling in validation.
export const QUESTION_TYPES = [
  'nps',
  'csat',
  'ces',
  'likert',
  'rating',
  'single_choice',
  'multiple_choice',
  'short_text',
  'long_text',
  'emotion',
  'empathy_map',
] as const
export type QuestionType = (typeof QUESTION_TYPES)[number]

/** What a question measures; analysis aggregates per touchpoint and measure. */
export const MEASURES = ['satisfaction', 'effort', 'emotion', 'importance', 'recommend'] as const
export type Measure = (typeof MEASURES)[number]

export const SURVEY_KINDS = ['survey', 'empathy_map'] as const
export type SurveyKind = (typeof SURVEY_KINDS)[number]
export const SURVEY_STATUSES = ['draft', 'open', 'closed'] as const

export const EMPATHY_BOXES = ['says', 'thinks', 'does', 'feels', 'sees', 'hears'] as const
export type EmpathyBox = (typeof EMPATHY_BOXES)[number]
/** Every empathy-map item is a pain or a gain (no neutral, unlike diary entries). */
export const EMPATHY_VALENCES = ['pain', 'gain'] as const
export type EmpathyValence = (typeof EMPATHY_VALENCES)[number]

export const CONDITION_OPS = ['eq', 'neq', 'lt', 'lte', 'gt', 'gte', 'includes', 'answered'] as const
export type ConditionOp = (typeof CONDITION_OPS)[number]

/** Page, question and option ids: short, stable keys (they end up in exports). */
export const SURVEY_KEY_PATTERN = /^[a-z0-9_-]{1,40}$/

export const NPS_MIN = 0
export const NPS_MAX = 10
export const CSAT_MIN = 1
export const CSAT_MAX = 5
export const CES_MIN = 1
export const CES_MAX = 7
export const LIKERT_POINTS = [5, 7] as const
export type LikertPoints = (typeof LIKERT_POINTS)[number]
export const SURVEY_EMOTION_MIN = -3
export const SURVEY_EMOTION_MAX = 3
export const RATING_MIN = 1
/** Bounds for a rating question's `max` setting. */
export const RATING_MAX_LOWEST = 3
export const RATING_MAX_HIGHEST = 10

export const SHORT_TEXT_MAX_LENGTH = 500
export const SHORT_TEXT_DEFAULT_MAX_LENGTH = 200
export const LONG_TEXT_MAX_LENGTH = 10_000
export const LONG_TEXT_DEFAULT_MAX_LENGTH = 2000
export const EMPATHY_ITEM_TEXT_MAX = 1000
export const EMPATHY_MAX_ITEMS_PER_BOX = 20
export const EMPATHY_DEFAULT_ITEMS_PER_BOX = 5
export const CHOICE_OPTIONS_MAX = 50

/** Types answered with a whole number on a fixed scale. */
export const SCALE_TYPES = ['nps', 'csat', 'ces', 'likert', 'rating', 'emotion'] as const
export type ScaleType = (typeof SCALE_TYPES)[number]

export function isScaleType(type: string): type is ScaleType {
  return (SCALE_TYPES as readonly string[]).includes(type)
}

/** The answer range of a scale question, for rendering and for validation. */
export function scaleBounds(q: { type: ScaleType; points?: number; max?: number }): { min: number; max: number } {
  switch (q.type) {
    case 'nps':
      return { min: NPS_MIN, max: NPS_MAX }
    case 'csat':
      return { min: CSAT_MIN, max: CSAT_MAX }
    case 'ces':
      return { min: CES_MIN, max: CES_MAX }
    case 'likert':
      return { min: 1, max: q.points ?? LIKERT_POINTS[0] }
    case 'rating':
      return { min: RATING_MIN, max: q.max ?? RATING_MAX_LOWEST }
    case 'emotion':
      return { min: SURVEY_EMOTION_MIN, max: SURVEY_EMOTION_MAX }
  }
}

/** The error codes the API answers with in this domain: surveys, their versions and anonymous links. */
export const SURVEYS_ERROR_CODES = [
  'SURVEY_NOT_FOUND',
  'SURVEY_VERSION_NOT_FOUND',
  'SURVEY_CLOSED',
  'LINK_CLOSED',
  'LIMIT_REACHED',
] as const
