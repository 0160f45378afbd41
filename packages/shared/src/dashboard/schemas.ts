import { z } from 'zod'
import { IdSchema } from '../common/index.js'
import { VALENCES } from '../diary/constants.js'
import { EvidenceSchema } from '../findings/schemas.js'
import { SegmentFilterSchema } from '../participants/schemas.js'

const DateSchema = z.iso.date()
const Interval = z.object({
  estimate: z.number().nullable(),
  lower: z.number().nullable(),
  upper: z.number().nullable(),
  n: z.number().int(),
})
const Valence = z.enum(VALENCES)

export const DashboardQuerySchema = z.strictObject({
  personaId: IdSchema.optional(),
  /** Segment attribute of the participant, `key:value`. Anonymous answers have none, so they drop out. */
  segment: SegmentFilterSchema.optional(),
  /** Period, by the day the moment happened or the questionnaire was completed. */
  from: DateSchema.optional(),
  to: DateSchema.optional(),
})
export type DashboardQuery = z.infer<typeof DashboardQuerySchema>

/** A coded quote, as a finding's evidence shows it, with its codes. */
export const DashboardQuoteSchema = EvidenceSchema.omit({ touchpointId: true }).extend({
  codes: z.array(z.object({ id: IdSchema, name: z.string(), colour: z.string() })),
})

export const DashboardSchema = z.object({
  /** Touchpoints in journey order (stage, then position). */
  touchpoints: z.array(
    z.object({
      id: IdSchema,
      name: z.string(),
      stageId: IdSchema,
      stageName: z.string(),
      /** Pain and gain from the researchers' codings and from the participants' own marks on their moments. */
      painGain: z.object({
        coded: z.object({ pain: z.number().int(), gain: z.number().int(), neutral: z.number().int() }),
        diary: z.object({ pain: z.number().int(), gain: z.number().int(), neutral: z.number().int() }),
        /** Participants with at least one coded pain here: the qualitative prominence (IPA bubble size). */
        painParticipants: z.number().int(),
      }),
      /** The experienced curve: the emotion (−3…+3) of diary moments at this touchpoint, mean with its 95% t-interval. */
      experienced: Interval,
      /** The remembered curve: survey emotion answers about this touchpoint (−3…+3). */
      remembered: Interval,
      /** CSAT (1–5) about this touchpoint: mean with t-interval, and top-2-box share with its Wilson interval. */
      csatMean: Interval,
      csatTop2: Interval,
      /**
       * Derived importance (docs/analysis.md §2.10): Spearman ρ between this touchpoint's CSAT and the NPS
       * question, pairwise complete, with the Bonett–Wright interval.
       */
      importance: z.object({
        rho: z.number().nullable(),
        lower: z.number().nullable(),
        upper: z.number().nullable(),
        p: z.number().nullable(),
        n: z.number().int(),
      }),
      /** Importance–performance quadrant; `unclassified` when a whisker crosses a crosshair. */
      quadrant: z.enum(['concentrate', 'keep', 'low', 'overkill', 'unclassified']).nullable(),
      /** Moment of truth (docs/analysis.md §4.3, a heuristic). */
      momentOfTruth: z.object({
        /** Marked as one in the journey model by the researchers. */
        designated: z.boolean(),
        /** Flagged by the data: impact lower bound > 20 NPS points and prevalent (≥ 10% dissatisfied) or a peak/end. */
        candidate: z.boolean(),
        /** NPS of the satisfied (CSAT 4–5) minus NPS of the dissatisfied (CSAT 1–2), points, with its 95% interval. */
        impact: z.object({
          estimate: z.number().nullable(),
          lower: z.number().nullable(),
          upper: z.number().nullable(),
          nSatisfied: z.number().int(),
          nDissatisfied: z.number().int(),
        }),
        /** Share dissatisfied (CSAT 1–2), Wilson interval. */
        prevalence: Interval,
        /** prevalence × impact: NPS points that would move if the dissatisfied behaved like the satisfied (correlational). */
        opportunity: z.number().nullable(),
      }),
      /** The most used codes on codings at this touchpoint, at most three. */
      topCodes: z.array(z.object({ id: IdSchema, name: z.string(), colour: z.string(), n: z.number().int() })),
      /** Two exemplar quotes (a pain and a gain when both exist). */
      quotes: z.array(DashboardQuoteSchema),
    }),
  ),
  /** The touchpoint of the strongest experienced emotion, the most negative one, and the last one with any: the peak-end rule. */
  peakTouchpointId: IdSchema.nullable(),
  troughTouchpointId: IdSchema.nullable(),
  endTouchpointId: IdSchema.nullable(),
  /** Top-2-box below this share marks a touchpoint as under the basic level. */
  basicLevel: z.number(),
  /** IPA crosshairs: the mean top-2-box and mean importance over the touchpoints that have both. */
  ipa: z.object({ performance: z.number().nullable(), importance: z.number().nullable() }),
  nps: z.object({
    promoters: z.number().int(),
    passives: z.number().int(),
    detractors: z.number().int(),
    /** −100…+100, with the adjusted-Wald 95% interval. */
    score: z.number().nullable(),
    lower: z.number().nullable(),
    upper: z.number().nullable(),
    n: z.number().int(),
  }),
  /** Completed questionnaires behind the survey figures (after the filters). */
  responses: z.number().int(),
  /** Segment attribute keys and values seen among the study's participants, for the filter. */
  segments: z.array(z.object({ key: z.string(), values: z.array(z.string()) })),
})
export type Dashboard = z.infer<typeof DashboardSchema>

export const DashboardQuotesQuerySchema = DashboardQuerySchema.extend({
  touchpointId: IdSchema,
  valence: Valence.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
})
export const DashboardQuotesSchema = z.object({ items: z.array(DashboardQuoteSchema), total: z.number().int() })
export type DashboardQuotes = z.infer<typeof DashboardQuotesSchema>
