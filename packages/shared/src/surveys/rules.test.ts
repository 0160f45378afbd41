import { generateSurveyFromJourney, SurveyDefinitionSchema } from './index.js'
import { describe, expect, it } from 'vitest'
import {
  conditionQuestionIds,
  isEmptyAnswer,
  surveyPath,
  validateAnswer,
  validateResponse,
  visibleQuestions,
} from './rules.js'

const tx = (s: string) => ({ nl: s, en: s })
const def = SurveyDefinitionSchema.parse({
  kind: 'survey',
  languages: ['nl', 'en'],
  pages: [
    {
      id: 'p1',
      title: tx('One'),
      questions: [
        { id: 'csat', type: 'csat', required: true, text: tx('Satisfied?') },
        {
          id: 'why',
          type: 'long_text',
          required: true,
          text: tx('Why?'),
          showIf: { questionId: 'csat', op: 'lte', value: 3 },
        },
        {
          id: 'pick',
          type: 'single_choice',
          required: false,
          text: tx('Pick'),
          options: [
            { id: 'a', text: tx('A') },
            { id: 'b', text: tx('B') },
          ],
        },
      ],
    },
    {
      id: 'p2',
      title: tx('Two'),
      showIf: {
        any: [
          { questionId: 'pick', op: 'eq', value: 'b' },
          { questionId: 'csat', op: 'gte', value: 5 },
        ],
      },
      questions: [
        {
          id: 'multi',
          type: 'multiple_choice',
          required: false,
          allowOther: true,
          text: tx('Multi'),
          options: [
            { id: 'x', text: tx('X') },
            { id: 'y', text: tx('Y') },
          ],
        },
        { id: 'map', type: 'empathy_map', required: false, text: tx('Map') },
      ],
    },
  ],
})

describe('the survey rules (one set: the API, the preview and the respondent app)', () => {
  const paths: [Record<string, unknown>, string[]][] = [
    [{}, ['csat', 'pick']],
    [{ csat: 2 }, ['csat', 'why', 'pick']],
    [{ csat: 4 }, ['csat', 'pick']],
    [{ csat: 5 }, ['csat', 'pick', 'multi', 'map']],
    [{ csat: 3, pick: 'b' }, ['csat', 'why', 'pick', 'multi', 'map']],
    [{ csat: 4, pick: 'a' }, ['csat', 'pick']],
    // an invalid answer does not count for the conditions
    [{ csat: 'five', pick: 'b' }, ['csat', 'pick', 'multi', 'map']],
    [{ csat: 9, why: 'x' }, ['csat', 'pick']],
  ]
  for (const [answers, expected] of paths) {
    it(`the path for ${JSON.stringify(answers)}`, () => {
      expect(visibleQuestions(def, answers).map((q) => q.id)).toEqual(expected)
      const path = surveyPath(def, answers)
      expect(path.map((s) => s.question.id)).toEqual(expected)
      expect(path.map((s) => s.pageId)).toEqual(expected.map((id) => (['multi', 'map'].includes(id) ? 'p2' : 'p1')))
    })
  }

  const questions = def.pages.flatMap((p) => p.questions)
  const q = (id: string) => questions.find((x) => x.id === id)!
  const verdicts: [string, unknown, boolean][] = [
    ['csat', 3, true],
    ['csat', 0, false],
    ['csat', 6, false],
    ['csat', 2.5, false],
    ['csat', '3', false],
    ['pick', 'a', true],
    ['pick', 'z', false],
    ['pick', 1, false],
    ['multi', { selected: ['x'] }, true],
    ['multi', { selected: ['q'] }, false],
    ['multi', { selected: [], other: 'Something' }, true],
    ['multi', 'x', false],
    ['multi', { selected: ['x', 'x'] }, false],
    ['multi', { selected: ['x'], extra: 1 }, false],
    ['map', { items: [{ box: 'says', text: 'hi', valence: 'pain' }] }, true],
    ['map', { items: [{ box: 'smells', text: 'hi', valence: 'pain' }] }, false],
    ['map', { items: [{ box: 'feels', text: '', valence: 'gain' }] }, false],
    ['map', { items: [{ box: 'feels', text: 'x', valence: 'meh' }] }, false],
    ['why', 'because', true],
    ['why', 42, false],
  ]
  for (const [id, a, ok] of verdicts) {
    it(`${id} = ${JSON.stringify(a)} is ${ok ? 'valid' : 'refused'}`, () => {
      const check = validateAnswer(q(id), a)
      expect(check.ok).toBe(ok)
      if (!check.ok) expect(check.message.length).toBeGreaterThan(3)
    })
  }

  it('normalises what it accepts, and says why it refuses', () => {
    expect(validateAnswer(q('why'), '  because  ')).toEqual({ ok: true, value: 'because' })
    expect(validateAnswer(q('multi'), { selected: ['x'], other: '   ' })).toEqual({
      ok: true,
      value: { selected: ['x'] },
    })
    expect(validateAnswer(q('csat'), 6)).toEqual({ ok: false, message: 'give a number from 1 to 5' })
    expect(validateAnswer(q('pick'), 'z')).toEqual({ ok: false, message: "'z' is not an option" })
    expect(isEmptyAnswer({ selected: [] })).toBe(true)
    expect(isEmptyAnswer({ items: [] })).toBe(true)
    expect(isEmptyAnswer('  ')).toBe(true)
    expect(isEmptyAnswer(0)).toBe(false)
  })

  it('a complete response needs the required questions on its path only', () => {
    expect(validateResponse(def, { csat: 4 }, { complete: true })).toEqual([])
    expect(validateResponse(def, { csat: 2 }, { complete: true })).toEqual([{ questionId: 'why', message: 'required' }])
    expect(validateResponse(def, { csat: 4, why: 'x' }, { complete: false })).toEqual([
      { questionId: 'why', message: 'this question is not shown for the answers given' },
    ])
    expect(validateResponse(def, { nope: 1 }, { complete: false })).toEqual([
      { questionId: 'nope', message: 'unknown question' },
    ])
  })

  it('walks a survey generated from the journey', () => {
    const g = generateSurveyFromJourney(
      {
        languages: ['en'],
        stages: [{ name: 'S', touchpoints: [{ id: '4b7e7c1a-6f6f-4a52-9a8e-1c2d3e4f5a6b', name: 'T' }] }],
      },
      { includeWhy: true },
    )
    const ids = (a: Record<string, unknown>) => visibleQuestions(g, a).map((x) => x.id)
    expect(ids({ 's1-tp1-csat': 1 }).length).toBeGreaterThan(ids({ 's1-tp1-csat': 5 }).length)
    expect(conditionQuestionIds(g).has('s1-tp1-csat')).toBe(true)
  })
})
