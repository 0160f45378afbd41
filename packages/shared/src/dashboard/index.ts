import { z } from 'zod'
import { IdSchema } from '../common/index.js'

const DateSchema = z.iso.date()
const Interval = z.object({ estimate: z.number().nullable(), lower: z.number().nullable(), upper: z.number().nullable(), n: z.number().int() })

export const DashboardQuerySchema = z.strictObject({
  personaId: IdSchema.optional(),
  /** Period, by the day the moment happened or the questionnaire was completed. */
  from: DateSchema.optional(),
  to: DateSchema.optional(),
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
      }),
      /** The experienced curve: the emotion (−3…+3) of diary moments at this touchpoint, mean with its 95% t-interval. */
      experienced: Interval,
      /** The remembered curve: survey emotion answers about this touchpoint (−3…+3). */
      remembered: Interval,
      /** CSAT (1–5) about this touchpoint: mean with t-interval, and top-2-box share with its Wilson interval. */
      csatMean: Interval,
      csatTop2: Interval,
    }),
  ),
  /** The touchpoint of the strongest experienced emotion, and the last one with any: the peak-end rule. */
  peakTouchpointId: IdSchema.nullable(),
  endTouchpointId: IdSchema.nullable(),
  /** Top-2-box below this share marks a touchpoint as under the basic level. */
  basicLevel: z.number(),
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
})
export type Dashboard = z.infer<typeof DashboardSchema>
