import { generateSurveyFromJourney, SurveyDefinitionSchema, validateAnswer, visibleQuestions as sharedVisible } from '@klantreis/shared/surveys'
import { describe, expect, it } from 'vitest'
import { checkAnswer, visibleQuestions } from './logic'

// The app mirrors the shared rules without zod (bundle budget). These cases keep the two in step.
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
        { id: 'why', type: 'long_text', required: true, text: tx('Why?'), showIf: { questionId: 'csat', op: 'lte', value: 3 } },
        { id: 'pick', type: 'single_choice', required: false, text: tx('Pick'), options: [{ id: 'a', text: tx('A') }, { id: 'b', text: tx('B') }] },
      ],
    },
    {
      id: 'p2',
      title: tx('Two'),
      showIf: { any: [{ questionId: 'pick', op: 'eq', value: 'b' }, { questionId: 'csat', op: 'gte', value: 5 }] },
      questions: [
        { id: 'multi', type: 'multiple_choice', required: false, allowOther: true, text: tx('Multi'), options: [{ id: 'x', text: tx('X') }, { id: 'y', text: tx('Y') }] },
        { id: 'map', type: 'empathy_map', required: false, text: tx('Map') },
      ],
    },
  ],
})

describe('the zod-free survey rules match the shared ones', () => {
  const answerSets: Record<string, unknown>[] = [
    {},
    { csat: 2 },
    { csat: 4 },
    { csat: 5 },
    { csat: 3, pick: 'b' },
    { csat: 4, pick: 'a' },
    { csat: 'five', pick: 'b' },
    { csat: 9, why: 'x' },
  ]
  for (const answers of answerSets) {
    it(`same path for ${JSON.stringify(answers)}`, () => {
      expect(visibleQuestions(def, answers).map((v) => v.q.id)).toEqual(sharedVisible(def, answers).map((q) => q.id))
    })
  }

  const questions = def.pages.flatMap((p) => p.questions)
  const q = (id: string) => questions.find((x) => x.id === id)!
  const answers: [string, unknown][] = [
    ['csat', 3], ['csat', 0], ['csat', 6], ['csat', 2.5], ['csat', '3'],
    ['pick', 'a'], ['pick', 'z'], ['pick', 1],
    ['multi', { selected: ['x'] }], ['multi', { selected: ['q'] }], ['multi', { selected: [], other: 'Something' }], ['multi', 'x'],
    ['map', { items: [{ box: 'says', text: 'hi', valence: 'pain' }] }], ['map', { items: [{ box: 'smells', text: 'hi', valence: 'pain' }] }],
    ['map', { items: [{ box: 'feels', text: '', valence: 'gain' }] }], ['why', 'because'], ['why', 42],
  ]
  for (const [id, a] of answers) {
    it(`same verdict for ${id} = ${JSON.stringify(a)}`, () => {
      expect(checkAnswer(q(id), a) !== null).toBe(validateAnswer(q(id), a).ok)
    })
  }

  it('a generated survey walks the same path in both', () => {
    const g = generateSurveyFromJourney(
      { languages: ['en'], stages: [{ name: 'S', touchpoints: [{ id: '4b7e7c1a-6f6f-4a52-9a8e-1c2d3e4f5a6b', name: 'T' }] }] },
      { includeWhy: true },
    )
    for (const a of [{}, { 's1-tp1-csat': 1 }, { 's1-tp1-csat': 4 }])
      expect(visibleQuestions(g, a).map((v) => v.q.id)).toEqual(sharedVisible(g, a).map((x) => x.id))
  })
})
