import type { Dashboard } from '@klantreis/shared/dashboard'
import { npsInterval, tQuantile, wilsonInterval } from '@klantreis/shared/stats'
import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.js'
import type { Analyst } from '../auth/auth.service.js'
import type { StudiesService } from '../studies/studies.service.js'
import { codedValence, type DashboardFilter, diaryByTouchpoint, surveyByTouchpoint, touchpointsInOrder } from './dashboard.queries.js'

/** Top-2-box under this share: the touchpoint does not reach the basic level customers expect. */
const BASIC_LEVEL = 0.6
const empty = (n = 0) => ({ estimate: null, lower: null, upper: null, n })

/** A mean with its 95% t-interval (no interval below 2 answers). */
function meanInterval(n: number, mean: number | null, sd: number | null) {
  if (!n || mean === null) return empty(n)
  if (n < 2 || sd === null) return { estimate: mean, lower: null, upper: null, n }
  const h = tQuantile(0.975, n - 1) * (sd / Math.sqrt(n))
  return { estimate: mean, lower: mean - h, upper: mean + h, n }
}

export function createDashboardService({ db, studies }: { db: Kysely<DB>; studies: StudiesService }) {
  return {
    /** The journey at a glance, computed from the study's data as it is now (filters: persona, period). */
    async get(a: Analyst, studyId: string, f: DashboardFilter): Promise<Dashboard> {
      await studies.get(a, studyId)
      const [tps, coded, diary, survey] = await Promise.all([touchpointsInOrder(db, studyId), codedValence(db, studyId, f), diaryByTouchpoint(db, studyId, f), surveyByTouchpoint(db, studyId, f)])
      const touchpoints = tps.map((t) => {
        const c = (v: string) => coded.find((x) => x.touchpoint_id === t.id && x.valence === v)?.n ?? 0
        const d = diary.find((x) => x.touchpoint_id === t.id)
        const emo = survey.find((x) => x.touchpoint_id === t.id && x.type === 'emotion')
        const csat = survey.find((x) => x.touchpoint_id === t.id && x.type === 'csat')
        const top2 = csat && csat.n ? wilsonInterval(csat.top2, csat.n) : null
        return {
          id: t.id,
          name: t.name,
          stageId: t.stage_id,
          stageName: t.stage_name,
          painGain: { coded: { pain: c('pain'), gain: c('gain'), neutral: c('neutral') }, diary: { pain: d?.pain ?? 0, gain: d?.gain ?? 0, neutral: d?.neutral ?? 0 } },
          experienced: meanInterval(d?.emotion_n ?? 0, d?.emotion_mean ?? null, d?.emotion_sd ?? null),
          remembered: meanInterval(emo?.n ?? 0, emo?.mean ?? null, emo?.sd ?? null),
          csatMean: meanInterval(csat?.n ?? 0, csat?.mean ?? null, csat?.sd ?? null),
          csatTop2: top2 ? { estimate: top2.estimate, lower: top2.lower, upper: top2.upper, n: csat!.n } : empty(),
        }
      })
      const withEmotion = touchpoints.filter((t) => t.experienced.estimate !== null)
      const peak = withEmotion.reduce<(typeof touchpoints)[number] | null>((best, t) => (!best || Math.abs(t.experienced.estimate!) > Math.abs(best.experienced.estimate!) ? t : best), null)
      const nps = survey.filter((x) => x.type === 'nps' && x.touchpoint_id === null)
      const counts = { promoters: nps.reduce((s, x) => s + x.promoters, 0), passives: nps.reduce((s, x) => s + x.passives, 0), detractors: nps.reduce((s, x) => s + x.detractors, 0) }
      const n = counts.promoters + counts.passives + counts.detractors
      const interval = n ? npsInterval(counts, { method: 'adjusted-wald' }) : null
      return {
        touchpoints,
        peakTouchpointId: peak?.id ?? null,
        endTouchpointId: withEmotion.at(-1)?.id ?? null,
        basicLevel: BASIC_LEVEL,
        nps: {
          ...counts,
          n,
          score: interval ? Math.round(interval.nps * 1000) / 10 : null,
          lower: interval ? Math.round(interval.lower * 1000) / 10 : null,
          upper: interval ? Math.round(interval.upper * 1000) / 10 : null,
        },
      }
    },
  }
}
export type DashboardService = ReturnType<typeof createDashboardService>
