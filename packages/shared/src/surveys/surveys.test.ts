import { describe, expect, it } from 'vitest'
import {
  EMPATHY_BOXES,
  QUESTION_TYPES,
  QuestionSchema,
  SurveyDefinitionSchema,
  generateSurveyFromJourney,
  validateAnswer,
  validateResponse,
  visibleQuestions,
  type QuestionInput,
  type QuestionType,
  type SurveyDefinitionInput,
} from './index.js'

const TP1 = '4b7e7c1a-6f6f-4a52-9a8e-1c2d3e4f5a6b'
const TP2 = '5c8f8d2b-7a7a-4b63-8b9f-2d3e4f5a6b7c'
const txt = (s: string) => ({ nl: `${s} (nl)`, en: s })
const opts = (...ids: string[]) => ids.map((id) => ({ id, text: txt(id) }))
const base = { text: txt('Q'), required: false }

const Q = {
  nps: { ...base, id: 'nps', type: 'nps' },
  csat: { ...base, id: 'csat', type: 'csat' },
  ces: { ...base, id: 'ces', type: 'ces' },
  likert: { ...base, id: 'likert', type: 'likert', points: 5 },
  rating: { ...base, id: 'rating', type: 'rating', max: 4 },
  single_choice: { ...base, id: 'single', type: 'single_choice', options: opts('a', 'b') },
  multiple_choice: {
    ...base,
    id: 'multi',
    type: 'multiple_choice',
    options: opts('a', 'b', 'c'),
    allowOther: true,
    minSelected: 2,
    maxSelected: 3,
  },
  short_text: { ...base, id: 'short', type: 'short_text', maxLength: 5 },
  long_text: { ...base, id: 'long', type: 'long_text', maxLength: 10 },
  emotion: { ...base, id: 'emotion', type: 'emotion' },
  empathy_map: { ...base, id: 'map', type: 'empathy_map', boxes: ['says', 'feels'], maxItemsPerBox: 2 },
} satisfies Record<QuestionType, QuestionInput>
const q = (type: QuestionType, extra: Record<string, unknown> = {}) => QuestionSchema.parse({ ...Q[type], ...extra })
const item = (box: string, text = 'x', valence = 'pain') => ({ box, text, valence })

type Case = [label: string, type: QuestionType, answer: unknown, ok: boolean]
const cases: Case[] = [
  ['nps 0', 'nps', 0, true],
  ['nps 10', 'nps', 10, true],
  ['nps 11', 'nps', 11, false],
  ['nps -1', 'nps', -1, false],
  ['nps 7.5', 'nps', 7.5, false],
  ['nps as string', 'nps', '7', false],
  ['csat 1', 'csat', 1, true],
  ['csat 5', 'csat', 5, true],
  ['csat 0', 'csat', 0, false],
  ['csat 6', 'csat', 6, false],
  ['ces 7', 'ces', 7, true],
  ['ces 8', 'ces', 8, false],
  ['ces 0', 'ces', 0, false],
  ['likert-5 5', 'likert', 5, true],
  ['likert-5 6', 'likert', 6, false],
  ['rating 4 of 4', 'rating', 4, true],
  ['rating 5 of 4', 'rating', 5, false],
  ['rating 0', 'rating', 0, false],
  ['emotion -3', 'emotion', -3, true],
  ['emotion 3', 'emotion', 3, true],
  ['emotion 0', 'emotion', 0, true],
  ['emotion -4', 'emotion', -4, false],
  ['emotion 4', 'emotion', 4, false],
  ['single known option', 'single_choice', 'b', true],
  ['single unknown option', 'single_choice', 'z', false],
  ['single as array', 'single_choice', ['a'], false],
  ['multi two', 'multiple_choice', { selected: ['a', 'c'] }, true],
  ['multi one plus other', 'multiple_choice', { selected: ['a'], other: 'mine' }, true],
  ['multi nothing (unanswered)', 'multiple_choice', { selected: [] }, true],
  ['multi below minimum', 'multiple_choice', { selected: ['a'] }, false],
  ['multi above maximum', 'multiple_choice', { selected: ['a', 'b', 'c'], other: 'mine' }, false],
  ['multi unknown option', 'multiple_choice', { selected: ['a', 'z'] }, false],
  ['multi duplicate option', 'multiple_choice', { selected: ['a', 'a'] }, false],
  ['multi as string', 'multiple_choice', 'a', false],
  ['short within length', 'short_text', 'hello', true],
  ['short trimmed within length', 'short_text', '  hello  ', true],
  ['short too long', 'short_text', 'hello!', false],
  ['short as number', 'short_text', 5, false],
  ['long within length', 'long_text', '0123456789', true],
  ['long too long', 'long_text', '0123456789x', false],
  [
    'map items in allowed boxes',
    'empathy_map',
    { items: [item('says'), item('says', 'y', 'gain'), item('feels')] },
    true,
  ],
  ['map box not allowed', 'empathy_map', { items: [item('hears')] }, false],
  ['map too many in a box', 'empathy_map', { items: [item('says'), item('says'), item('says')] }, false],
  ['map blank item text', 'empathy_map', { items: [item('says', '   ')] }, false],
  ['map neutral valence', 'empathy_map', { items: [item('says', 'x', 'neutral')] }, false],
  ['map without items wrapper', 'empathy_map', [item('says')], false],
]

describe('validateAnswer', () => {
  it.each(cases)('%s', (_label, type, answer, ok) => {
    const result = validateAnswer(q(type), answer)
    expect(result.ok).toBe(ok)
    if (!result.ok) expect(result.message.length).toBeGreaterThan(0)
  })

  it('the table covers every question type with an accept and a reject', () => {
    for (const type of QUESTION_TYPES) {
      expect(cases.some(([, t, , ok]) => t === type && ok)).toBe(true)
      expect(cases.some(([, t, , ok]) => t === type && !ok)).toBe(true)
    }
  })

  it('likert 7 accepts 7; other is refused without allowOther; values are normalised', () => {
    expect(validateAnswer(q('likert', { points: 7 }), 7).ok).toBe(true)
    expect(
      validateAnswer(q('multiple_choice', { allowOther: false, minSelected: undefined }), {
        selected: ['a'],
        other: 'x',
      }),
    ).toMatchObject({ ok: false })
    expect(
      validateAnswer(q('multiple_choice', { allowOther: false, minSelected: undefined }), {
        selected: ['a'],
        other: '  ',
      }),
    ).toEqual({ ok: true, value: { selected: ['a'] } })
    expect(validateAnswer(q('short_text'), '  hi ')).toEqual({ ok: true, value: 'hi' })
  })
})

describe('question and definition schema', () => {
  const def = (pages: unknown, languages = ['nl', 'en'], kind = 'survey') =>
    SurveyDefinitionSchema.safeParse({ kind, languages, pages })
  const messages = (r: ReturnType<typeof def>) => (r.success ? [] : r.error.issues.map((i) => i.message))
  const page = (id: string, questions: unknown[], extra = {}) => ({ id, title: txt(id), questions, ...extra })

  it('fills defaults and rejects bad settings', () => {
    expect(QuestionSchema.parse({ ...base, id: 'm', type: 'empathy_map' })).toMatchObject({
      boxes: [...EMPATHY_BOXES],
      maxItemsPerBox: 5,
    })
    expect(QuestionSchema.safeParse({ ...Q.likert, points: 6 }).success).toBe(false)
    expect(QuestionSchema.safeParse({ ...Q.rating, max: 11 }).success).toBe(false)
    expect(QuestionSchema.safeParse({ ...Q.rating, max: 2 }).success).toBe(false)
    expect(QuestionSchema.safeParse({ ...Q.single_choice, options: opts('a') }).success).toBe(false)
    expect(QuestionSchema.safeParse({ ...Q.single_choice, options: opts('a', 'a') }).success).toBe(false)
    expect(QuestionSchema.safeParse({ ...Q.multiple_choice, minSelected: 3, maxSelected: 2 }).success).toBe(false)
    expect(QuestionSchema.safeParse({ ...Q.empathy_map, boxes: ['says', 'smells'] }).success).toBe(false)
    expect(QuestionSchema.safeParse({ ...Q.nps, id: 'Has Spaces' }).success).toBe(false)
    expect(QuestionSchema.safeParse({ ...Q.nps, touchpointId: 'not-a-uuid' }).success).toBe(false)
    expect(QuestionSchema.safeParse({ ...Q.nps, extra: 1 }).success).toBe(false)
  })

  it('accepts a valid definition with backward conditions', () => {
    const r = def([
      page('p1', [Q.csat, { ...Q.long_text, showIf: { questionId: 'csat', op: 'lte', value: 3 } }]),
      page('p2', [Q.nps], {
        showIf: {
          any: [
            { questionId: 'csat', op: 'gte', value: 4 },
            { questionId: 'long', op: 'answered' },
          ],
        },
      }),
    ])
    expect(messages(r)).toEqual([])
  })

  it('rejects duplicate question ids across pages and duplicate page ids', () => {
    expect(messages(def([page('p1', [Q.nps]), page('p2', [Q.nps])]))).toContain("duplicate question id 'nps'")
    expect(messages(def([page('p1', [Q.nps]), page('p1', [Q.csat])]))).toContain("duplicate page id 'p1'")
  })

  it('rejects conditions that refer forward, to themselves or to unknown questions', () => {
    const later = def([page('p1', [{ ...Q.nps, showIf: { questionId: 'csat', op: 'eq', value: 1 } }, Q.csat])])
    expect(messages(later)).toContain("condition refers to 'csat', which is not an earlier question")
    const laterPage = def([
      page('p1', [Q.nps], { showIf: { questionId: 'csat', op: 'answered' } }),
      page('p2', [Q.csat]),
    ])
    expect(laterPage.success).toBe(false)
    // a page condition may not look at questions on the page itself
    const samePage = def([page('p1', [Q.csat], { showIf: { questionId: 'csat', op: 'answered' } })])
    expect(samePage.success).toBe(false)
    const self = def([page('p1', [{ ...Q.csat, showIf: { questionId: 'csat', op: 'answered' } }])])
    expect(self.success).toBe(false)
    const nested = def([
      page('p1', [
        Q.nps,
        {
          ...Q.csat,
          showIf: {
            all: [
              { questionId: 'nps', op: 'gt', value: 5 },
              { questionId: 'ghost', op: 'answered' },
            ],
          },
        },
      ]),
    ])
    expect(messages(nested)).toContain("condition refers to 'ghost', which is not an earlier question")
  })

  it('rejects conditions that do not fit the referenced question', () => {
    const bad = (showIf: unknown, first: unknown = Q.nps) => def([page('p1', [first, { ...Q.csat, showIf }])]).success
    expect(bad({ questionId: 'nps', op: 'gt', value: 5 })).toBe(true)
    expect(bad({ questionId: 'nps', op: 'gt', value: 11 })).toBe(false)
    expect(bad({ questionId: 'nps', op: 'gt' })).toBe(false)
    expect(bad({ questionId: 'nps', op: 'includes', value: 'a' })).toBe(false)
    expect(bad({ questionId: 'single', op: 'eq', value: 'a' }, Q.single_choice)).toBe(true)
    expect(bad({ questionId: 'single', op: 'eq', value: 'z' }, Q.single_choice)).toBe(false)
    expect(bad({ questionId: 'multi', op: 'includes', value: 'b' }, Q.multiple_choice)).toBe(true)
    expect(bad({ questionId: 'short', op: 'eq', value: 'x' }, Q.short_text)).toBe(false)
  })

  it('requires every survey language in every text', () => {
    const onlyEnglish = {
      ...Q.single_choice,
      options: [
        { id: 'a', text: { en: 'A' } },
        { id: 'b', text: txt('b') },
      ],
    }
    const r = def([page('p1', [onlyEnglish])])
    expect(r.success).toBe(false)
    expect(r.success ? [] : r.error.issues.map((i) => i.path.join('.'))).toEqual([
      'pages.0.questions.0.options.0.text.nl',
    ])
    expect(messages(def([page('p1', [{ ...Q.nps, help: { nl: 'hulp' } }])]))).toContain('missing the en text')
    expect(def([{ id: 'p1', title: { en: 'Start' }, questions: [Q.nps] }]).success).toBe(false)
    // with English only, the same texts are fine
    expect(def([page('p1', [onlyEnglish])], ['en']).success).toBe(true)
  })

  it('an empathy-map questionnaire needs an empathy map question', () => {
    expect(def([page('p1', [Q.nps])], ['nl', 'en'], 'empathy_map').success).toBe(false)
    expect(def([page('p1', [Q.empathy_map])], ['nl', 'en'], 'empathy_map').success).toBe(true)
  })
})

describe('skip logic and responses', () => {
  // p1: csat, why (only when csat <= 3, required); p2 (only when csat >= 4): multi; p3: nps (required), hidden
  // follow-up "detractor" (only when nps <= 6).
  const input: SurveyDefinitionInput = {
    kind: 'survey',
    languages: ['nl', 'en'],
    pages: [
      {
        id: 'p1',
        title: txt('p1'),
        questions: [
          Q.csat,
          { ...Q.long_text, id: 'why', required: true, showIf: { questionId: 'csat', op: 'lte', value: 3 } },
        ],
      },
      {
        id: 'p2',
        title: txt('p2'),
        showIf: { questionId: 'csat', op: 'gte', value: 4 },
        questions: [{ ...Q.multiple_choice, minSelected: undefined, required: true }],
      },
      {
        id: 'p3',
        title: txt('p3'),
        questions: [
          { ...Q.nps, required: true },
          {
            ...Q.short_text,
            id: 'detractor',
            showIf: {
              all: [
                { questionId: 'nps', op: 'lte', value: 6 },
                { questionId: 'multi', op: 'includes', value: 'a' },
              ],
            },
          },
        ],
      },
    ],
  }
  const def = SurveyDefinitionSchema.parse(input)
  const ids = (answers: Record<string, unknown>) => visibleQuestions(def, answers).map((x) => x.id)

  it('visibleQuestions follows the path taken', () => {
    expect(ids({})).toEqual(['csat', 'nps'])
    expect(ids({ csat: 2 })).toEqual(['csat', 'why', 'nps'])
    expect(ids({ csat: 5 })).toEqual(['csat', 'multi', 'nps'])
    expect(ids({ csat: 5, multi: { selected: ['a'] }, nps: 3 })).toEqual(['csat', 'multi', 'nps', 'detractor'])
    expect(ids({ csat: 5, multi: { selected: ['b'] }, nps: 3 })).toEqual(['csat', 'multi', 'nps'])
  })

  it('answers to hidden or invalid questions do not open later questions', () => {
    // csat 2 hides p2, so its (stale) "multi" answer must not show the detractor question
    expect(ids({ csat: 2, multi: { selected: ['a'] }, nps: 3 })).toEqual(['csat', 'why', 'nps'])
    // an out-of-range csat counts as no answer
    expect(ids({ csat: 9 })).toEqual(['csat', 'nps'])
  })

  it('a required question skipped on the path taken is an error only when complete', () => {
    expect(validateResponse(def, { csat: 2, nps: 8 }, { complete: true })).toEqual([
      { questionId: 'why', message: 'required' },
    ])
    expect(validateResponse(def, { csat: 2, why: '   ', nps: 8 }, { complete: true })).toEqual([
      { questionId: 'why', message: 'required' },
    ])
    expect(validateResponse(def, { csat: 2 }, { complete: false })).toEqual([])
  })

  it('a required question on a path not taken is no error', () => {
    // "why" and "multi" are required but hidden for csat 4 without multi -> only multi (shown) is missing
    expect(validateResponse(def, { csat: 4, multi: { selected: ['b'] }, nps: 9 }, { complete: true })).toEqual([])
    expect(validateResponse(def, { csat: 4, nps: 9 }, { complete: true })).toEqual([
      { questionId: 'multi', message: 'required' },
    ])
  })

  it('an answer to a hidden question is an error', () => {
    const issues = validateResponse(
      def,
      { csat: 5, why: 'slow', multi: { selected: ['b'] }, nps: 9 },
      { complete: true },
    )
    expect(issues).toEqual([{ questionId: 'why', message: 'this question is not shown for the answers given' }])
    expect(
      validateResponse(def, { csat: 5, why: null, multi: { selected: ['b'] }, nps: 9 }, { complete: true }),
    ).toEqual([])
  })

  it('an unknown question and an invalid answer are errors', () => {
    expect(validateResponse(def, { csat: 5, ghost: 1 }, { complete: false })).toEqual([
      { questionId: 'ghost', message: 'unknown question' },
    ])
    const invalid = validateResponse(def, { csat: 5, nps: 12 }, { complete: false })
    expect(invalid.map((i) => i.questionId)).toEqual(['nps'])
  })
})

describe('generateSurveyFromJourney', () => {
  const journey = {
    languages: ['nl', 'en'] as ('nl' | 'en')[],
    stages: [
      { name: 'Oriënteren', touchpoints: [{ id: TP1, name: 'de website' }] },
      { name: 'Leeg', touchpoints: [] },
      { name: 'Bestellen', touchpoints: [{ id: TP2, name: 'de webshop' }] },
    ],
  }

  it('builds a valid survey: a page per stage with touchpoints, then NPS, CES and an open question', () => {
    const s = generateSurveyFromJourney(journey, { includeWhy: true })
    expect(SurveyDefinitionSchema.safeParse(s).success).toBe(true)
    expect(s.kind).toBe('survey')
    expect(s.pages.map((p) => p.questions.map((x) => x.type))).toEqual([
      ['csat', 'long_text'],
      ['csat', 'long_text'],
      ['nps', 'ces', 'long_text'],
    ])
    const [stage1, , closing] = s.pages
    const [csat, why] = stage1!.questions
    expect(stage1!.title).toEqual({ nl: 'Oriënteren', en: 'Oriënteren' })
    expect(csat).toMatchObject({ touchpointId: TP1, measure: 'satisfaction' })
    expect(csat!.text.nl).toContain('de website')
    expect(csat!.text.en).toContain('de website')
    expect(why).toMatchObject({ touchpointId: TP1, showIf: { questionId: csat!.id, op: 'lte', value: 3 } })
    expect(s.pages[1]!.questions[0]).toMatchObject({ touchpointId: TP2 })
    expect(closing!.questions.map((x) => x.measure)).toEqual(['recommend', 'effort', null])
  })

  it('the why question shows only for a score of 3 or lower', () => {
    const s = generateSurveyFromJourney(journey, { includeWhy: true })
    const csatId = s.pages[0]!.questions[0]!.id
    const whyId = s.pages[0]!.questions[1]!.id
    expect(visibleQuestions(s, { [csatId]: 3 }).map((x) => x.id)).toContain(whyId)
    expect(visibleQuestions(s, { [csatId]: 4 }).map((x) => x.id)).not.toContain(whyId)
  })

  it('without why: only CSAT per touchpoint; only the requested languages', () => {
    const s = generateSurveyFromJourney({ ...journey, languages: ['en'] }, { includeWhy: false })
    expect(s.pages.map((p) => p.questions.length)).toEqual([1, 1, 3])
    expect(s.languages).toEqual(['en'])
    for (const p of s.pages) for (const x of p.questions) expect(Object.keys(x.text)).toEqual(['en'])
    expect(s.pages[2]!.questions[0]!.text.en).toMatch(/recommend/)
  })
})
