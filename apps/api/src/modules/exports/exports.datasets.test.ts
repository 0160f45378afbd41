import { describe, expect, it } from 'vitest'
import { surveyTableName, unionQuestions } from './exports.datasets.js'

describe('surveyTableName', () => {
  it('a short, file- and sheet-safe name, unique within the export', () => {
    const taken = new Set(['responses-long'])
    expect(surveyTableName('Klanttevredenheid Q1 2026: wave één!', taken)).toBe('responses-klanttevredenheid-q1')
    expect(surveyTableName('Klanttevredenheid Q1 2026: wave twee', taken)).toBe('responses-klanttevredenheid-q-2')
    expect(surveyTableName('Long', taken)).toBe('responses-long-2')
    expect(surveyTableName('[Sheet] *?/\\:', taken)).toBe('responses-sheet')
    expect(surveyTableName('🙂', taken)).toBe('responses-survey')
    for (const name of taken) {
      expect(name.length).toBeLessThanOrEqual(31)
      expect(name).toMatch(/^[a-z0-9-]+$/)
    }
  })
})

describe('unionQuestions', () => {
  const text = (en: string) => ({ en })
  it('every question of every version in order of first appearance, options and boxes united', () => {
    const v1 = {
      pages: [
        {
          questions: [
            { id: 'a', type: 'nps', text: text('A') },
            { id: 'b', type: 'single_choice', text: text('B'), options: [{ id: 'x', text: text('X') }] },
          ],
        },
      ],
    }
    const v2 = {
      pages: [
        { questions: [{ id: 'c', type: 'short_text', text: text('C') }] },
        {
          questions: [
            { id: 'b', type: 'single_choice', text: text('B2'), options: [{ id: 'y', text: text('Y') }] },
            { id: 'a', type: 'csat', text: text('A as csat') },
          ],
        },
      ],
    }
    const u = unionQuestions([v1, v2])
    expect(u.map((q) => [q.id, q.type, q.text.en])).toEqual([
      ['a', 'nps', 'A'],
      ['b', 'single_choice', 'B'],
      ['c', 'short_text', 'C'],
    ])
    expect(u[1]!.options!.map((o) => o.id)).toEqual(['x', 'y'])
    // the first version's definition is not changed by the union
    expect(v1.pages[0]!.questions[1]!.options!.map((o) => o.id)).toEqual(['x'])
  })
})
