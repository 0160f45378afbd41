import { z } from 'zod'
import { IdSchema, LanguageSchema, type Language } from '../common/index.js'
import {
  SurveyDefinitionSchema,
  type QuestionInput,
  type SurveyDefinition,
  type SurveyDefinitionInput,
  type SurveyTexts,
} from './definition.js'

export const GenerateSurveyJourneySchema = z.strictObject({
  languages: z
    .array(LanguageSchema)
    .min(1)
    .max(2)
    .refine((a) => new Set(a).size === a.length, 'duplicate language'),
  stages: z
    .array(
      z.strictObject({
        name: z.string().trim().min(1).max(200),
        touchpoints: z.array(z.strictObject({ id: IdSchema, name: z.string().trim().min(1).max(200) })).max(100),
      }),
    )
    .max(30),
})
export type GenerateSurveyJourney = z.infer<typeof GenerateSurveyJourneySchema>
export const GenerateSurveyOptionsSchema = z.strictObject({ includeWhy: z.boolean() })
export type GenerateSurveyOptions = z.infer<typeof GenerateSurveyOptionsSchema>

/** The CSAT score at or below which the generated "why?" follow-up is shown. */
export const WHY_THRESHOLD = 3

type Wording = Record<Language, string>
const WORDING = {
  csat: (tp: string): Wording => ({ nl: `Hoe tevreden bent u over ${tp}?`, en: `How satisfied are you with ${tp}?` }),
  csatHelp: { nl: '1 = zeer ontevreden, 5 = zeer tevreden', en: '1 = very dissatisfied, 5 = very satisfied' },
  why: (tp: string): Wording => ({
    nl: `Wat had er beter gekund bij ${tp}?`,
    en: `What could have been better about ${tp}?`,
  }),
  finalTitle: { nl: 'Tot slot', en: 'Finally' },
  nps: {
    nl: 'Hoe waarschijnlijk is het dat u ons aanbeveelt aan een vriend of collega?',
    en: 'How likely is it that you would recommend us to a friend or colleague?',
  },
  npsHelp: {
    nl: '0 = helemaal niet waarschijnlijk, 10 = zeer waarschijnlijk',
    en: '0 = not at all likely, 10 = extremely likely',
  },
  ces: {
    nl: 'In hoeverre bent u het eens met deze stelling: ‘Het was makkelijk om te regelen wat ik wilde.’',
    en: 'How much do you agree with this statement: “It was easy to get done what I wanted.”',
  },
  cesHelp: { nl: '1 = helemaal mee oneens, 7 = helemaal mee eens', en: '1 = strongly disagree, 7 = strongly agree' },
  overall: {
    nl: 'Wilt u ons verder nog iets vertellen over uw ervaring?',
    en: 'Is there anything else you would like to tell us about your experience?',
  },
} satisfies Record<string, Wording | ((tp: string) => Wording)>

/**
 * The CSAT question about one touchpoint, worded as the generator words it. Also used to add a
 * question for a finding that no survey item measures yet, so the wording exists once.
 */
export function touchpointCsatQuestion(
  id: string,
  tp: { id: string; name: string },
  languages: readonly Language[],
): QuestionInput {
  const t = (w: Wording): SurveyTexts => Object.fromEntries(languages.map((l) => [l, w[l]]))
  return {
    id,
    type: 'csat',
    text: t(WORDING.csat(tp.name)),
    help: t(WORDING.csatHelp),
    required: false,
    touchpointId: tp.id,
    measure: 'satisfaction',
  }
}

/**
 * A starting point for a satisfaction survey, generated from the touchpoint model: a page per
 * stage with a CSAT question per touchpoint (optionally followed by a "why?" when the score is
 * 3 or lower), then a closing page with NPS, CES and an open question. Stages without
 * touchpoints get no page. The result is a valid definition that the analyst edits further.
 */
export function generateSurveyFromJourney(
  journey: GenerateSurveyJourney,
  options: GenerateSurveyOptions,
): SurveyDefinition {
  const { languages, stages } = GenerateSurveyJourneySchema.parse(journey)
  const { includeWhy } = GenerateSurveyOptionsSchema.parse(options)
  const t = (w: Wording): SurveyTexts => Object.fromEntries(languages.map((l) => [l, w[l]]))
  const same = (s: string): SurveyTexts => Object.fromEntries(languages.map((l) => [l, s]))

  const pages: SurveyDefinitionInput['pages'] = []
  stages.forEach((stage, s) => {
    if (stage.touchpoints.length === 0) return
    const questions: SurveyDefinitionInput['pages'][number]['questions'] = []
    stage.touchpoints.forEach((tp, i) => {
      const key = `s${s + 1}-tp${i + 1}`
      questions.push(touchpointCsatQuestion(`${key}-csat`, tp, languages))
      if (includeWhy)
        questions.push({
          id: `${key}-why`,
          type: 'long_text',
          text: t(WORDING.why(tp.name)),
          required: false,
          touchpointId: tp.id,
          measure: null,
          showIf: { questionId: `${key}-csat`, op: 'lte', value: WHY_THRESHOLD },
        })
    })
    pages.push({ id: `stage-${s + 1}`, title: same(stage.name), questions })
  })
  pages.push({
    id: 'overall',
    title: t(WORDING.finalTitle),
    questions: [
      {
        id: 'nps',
        type: 'nps',
        text: t(WORDING.nps),
        help: t(WORDING.npsHelp),
        required: true,
        touchpointId: null,
        measure: 'recommend',
      },
      {
        id: 'ces',
        type: 'ces',
        text: t(WORDING.ces),
        help: t(WORDING.cesHelp),
        required: false,
        touchpointId: null,
        measure: 'effort',
      },
      {
        id: 'overall',
        type: 'long_text',
        text: t(WORDING.overall),
        required: false,
        touchpointId: null,
        measure: null,
      },
    ],
  })
  return SurveyDefinitionSchema.parse({ kind: 'survey', languages, pages })
}
