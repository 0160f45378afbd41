import type { Dashboard, DashboardQuery, DashboardQuotes } from '@klantreis/shared/dashboard'
import { npsInterval, spearmanFromCounts, tQuantile, wilsonInterval, zCritical } from '@klantreis/stats'
import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.js'
import type { Analyst } from '../auth/auth.service.js'
import { PersonaNotFoundError, TouchpointNotFoundError } from '../journey/journey.errors.js'
import type { StudiesService } from '../studies/studies.service.js'
import { DashboardTooBroadError } from './dashboard.errors.js'
import {
  codedValence,
  diaryByTouchpoint,
  exemplarQuotes,
  findPersonaInStudy,
  findTouchpointInStudy,
  quotesAt,
  segmentValues,
  topCodes,
  touchpointsInOrder,
  updateStatementTimeout,
} from './dashboard.queries.js'
import { toQuote } from './dashboard.mappers.js'
import {
  countsFromRollups,
  countsLive,
  type Filter,
  type PairCount,
  type SurveyCounts,
  type ValueCount,
} from './dashboard.rollup.js'

/** Top-2-box under this share: the touchpoint does not reach the basic level customers expect. */
const BASIC_LEVEL = 0.6
/** docs/analysis.md §4.3: a candidate moment of truth moves NPS by more than this (lower bound, points)… */
const MOT_IMPACT = 20
/** …and is prevalent (this share dissatisfied) or a peak or end point. */
const MOT_PREVALENCE = 0.1
/** Fewer satisfied or dissatisfied than this, and there is no impact to speak of (the interval would span everything). */
const MOT_MIN_GROUP = 5

type Interval = { estimate: number | null; lower: number | null; upper: number | null; n: number }
const empty = (n = 0): Interval => ({ estimate: null, lower: null, upper: null, n })
const finite = (x: number) => (Number.isFinite(x) ? x : null)

/** A mean with its 95% t-interval (no interval below 2 answers; none either when all answers are equal). */
function meanInterval(n: number, mean: number | null, sd: number | null): Interval {
  if (!n || mean === null) return empty(n)
  if (n < 2 || sd === null) return { estimate: mean, lower: null, upper: null, n }
  const h = tQuantile(0.975, n - 1) * (sd / Math.sqrt(n))
  return { estimate: mean, lower: mean - h, upper: mean + h, n }
}

/** Mean and SD from value counts (exactly what avg and stddev_samp give on the answers). */
function fromCounts(counts: { value: number; n: number }[]): Interval {
  const n = counts.reduce((s, c) => s + c.n, 0)
  if (!n) return empty()
  const mean = counts.reduce((s, c) => s + c.value * c.n, 0) / n
  const sd = n > 1 ? Math.sqrt(counts.reduce((s, c) => s + c.n * (c.value - mean) ** 2, 0) / (n - 1)) : null
  return meanInterval(n, mean, sd)
}

const npsSplit = (cells: { nps: number; n: number }[]) => ({
  promoters: cells.filter((c) => c.nps >= 9).reduce((s, c) => s + c.n, 0),
  passives: cells.filter((c) => c.nps === 7 || c.nps === 8).reduce((s, c) => s + c.n, 0),
  detractors: cells.filter((c) => c.nps <= 6).reduce((s, c) => s + c.n, 0),
})

/**
 * Impact (docs/analysis.md §4.3): NPS of those satisfied at the touchpoint (CSAT 4–5) minus NPS of the
 * dissatisfied (1–2), in points, with SE = sqrt(V₁/n₁ + V₂/n₂) on adjusted-Wald estimates.
 */
function impactOf(pairs: PairCount[]) {
  const sat = npsInterval(npsSplit(pairs.filter((p) => p.csat >= 4)), { method: 'adjusted-wald' })
  const dis = npsInterval(npsSplit(pairs.filter((p) => p.csat <= 2)), { method: 'adjusted-wald' })
  if (sat.n < MOT_MIN_GROUP || dis.n < MOT_MIN_GROUP)
    return { estimate: null, lower: null, upper: null, nSatisfied: sat.n, nDissatisfied: dis.n }
  const centre = sat.center - dis.center
  const h = zCritical(0.95) * Math.sqrt(sat.se ** 2 + dis.se ** 2)
  const points = (x: number) => Math.round(x * 1000) / 10
  return {
    estimate: points(sat.nps - dis.nps),
    lower: points(Math.max(-2, centre - h)),
    upper: points(Math.min(2, centre + h)),
    nSatisfied: sat.n,
    nDissatisfied: dis.n,
  }
}

/**
 * @param liveTimeoutMs a persona and a segment together are counted from the answers; this bounds how
 *   long that may take (DASHBOARD_LIVE_TIMEOUT_MS)
 */
export function createDashboardService({
  db,
  studies,
  liveTimeoutMs,
}: {
  db: Kysely<DB>
  studies: StudiesService
  liveTimeoutMs: number
}) {
  /** Filters checked against the study: a foreign persona is a 404, not an empty dashboard. */
  async function filterOf(studyId: string, q: DashboardQuery): Promise<Filter> {
    if (q.personaId && !(await findPersonaInStudy(db, studyId, q.personaId)))
      throw new PersonaNotFoundError(q.personaId)
    return {
      ...(q.personaId ? { personaId: q.personaId } : {}),
      ...(q.segment ? { segment: q.segment } : {}),
      ...(q.from ? { from: q.from } : {}),
      ...(q.to ? { to: q.to } : {}),
    }
  }

  /**
   * The survey counts: from the rollups (keyed by persona, or by segment), or, for a persona and a
   * segment together, from the answers within a time bound, so a huge filter combination answers
   * or says so.
   */
  async function surveyCounts(studyId: string, f: Filter): Promise<SurveyCounts> {
    if (!(f.segment && f.personaId)) return countsFromRollups(db, studyId, f)
    try {
      return await db.transaction().execute(async (trx) => {
        await updateStatementTimeout(trx, liveTimeoutMs)
        return countsLive(trx, studyId, f)
      })
    } catch (e) {
      if ((e as { code?: string }).code === '57014') throw new DashboardTooBroadError()
      throw e
    }
  }

  return {
    /** The journey at a glance (filters: persona, segment, period). */
    async get(a: Analyst, studyId: string, q: DashboardQuery): Promise<Dashboard> {
      await studies.get(a, studyId)
      const f = await filterOf(studyId, q)
      const [tps, coded, diary, survey, codes, quotes, segments] = await Promise.all([
        touchpointsInOrder(db, studyId),
        codedValence(db, studyId, f),
        diaryByTouchpoint(db, studyId, f),
        surveyCounts(studyId, f),
        topCodes(db, studyId, f),
        exemplarQuotes(db, studyId, f),
        segmentValues(db, studyId),
      ])
      const valuesOf = (touchpointId: string | null, type: ValueCount['type']) =>
        survey.values.filter((v) => v.touchpoint_id === touchpointId && v.type === type)

      const touchpoints = tps.map((t) => {
        const c = coded.find((x) => x.touchpoint_id === t.id)
        const d = diary.find((x) => x.touchpoint_id === t.id)
        const csat = valuesOf(t.id, 'csat')
        const csatN = csat.reduce((s, v) => s + v.n, 0)
        const top2 = csatN
          ? wilsonInterval(
              csat.filter((v) => v.value >= 4).reduce((s, v) => s + v.n, 0),
              csatN,
            )
          : null
        const dissatisfied = csatN
          ? wilsonInterval(
              csat.filter((v) => v.value <= 2).reduce((s, v) => s + v.n, 0),
              csatN,
            )
          : null
        const pairs = survey.pairs.filter((p) => p.touchpoint_id === t.id)
        const rho = spearmanFromCounts(pairs.map((p) => ({ x: p.csat, y: p.nps, n: p.n })))
        return {
          id: t.id,
          name: t.name,
          stageId: t.stage_id,
          stageName: t.stage_name,
          designated: t.moment_of_truth,
          painGain: {
            coded: { pain: c?.pain ?? 0, gain: c?.gain ?? 0, neutral: c?.neutral ?? 0 },
            diary: { pain: d?.pain ?? 0, gain: d?.gain ?? 0, neutral: d?.neutral ?? 0 },
            painParticipants: c?.pain_participants ?? 0,
          },
          experienced: meanInterval(d?.emotion_n ?? 0, d?.emotion_mean ?? null, d?.emotion_sd ?? null),
          remembered: fromCounts(valuesOf(t.id, 'emotion')),
          csatMean: fromCounts(csat),
          csatTop2: top2 ? { estimate: top2.estimate, lower: top2.lower, upper: top2.upper, n: csatN } : empty(),
          importance: {
            rho: finite(rho.rho),
            lower: finite(rho.lower),
            upper: finite(rho.upper),
            p: finite(rho.p),
            n: rho.n,
          },
          impact: impactOf(pairs),
          prevalence: dissatisfied
            ? { estimate: dissatisfied.estimate, lower: dissatisfied.lower, upper: dissatisfied.upper, n: csatN }
            : empty(),
          topCodes: codes
            .filter((k) => k.touchpoint_id === t.id)
            .map(({ id, name, colour, n }) => ({ id, name, colour, n })),
          quotes: quotes.filter((x) => x.touchpoint_id === t.id).map(toQuote),
        }
      })

      // the peak-end rule on the experienced curve (docs/analysis.md §4.1)
      const withEmotion = touchpoints.filter((t) => t.experienced.estimate !== null)
      const peak = withEmotion.reduce<(typeof touchpoints)[number] | null>(
        (best, t) => (!best || Math.abs(t.experienced.estimate!) > Math.abs(best.experienced.estimate!) ? t : best),
        null,
      )
      const trough = withEmotion.reduce<(typeof touchpoints)[number] | null>(
        (low, t) => (!low || t.experienced.estimate! < low.experienced.estimate! ? t : low),
        null,
      )
      const end = withEmotion.at(-1) ?? null

      // IPA crosshairs: the means over the touchpoints that have both axes (docs/analysis.md §4.4)
      const plotted = touchpoints.filter((t) => t.csatTop2.estimate !== null && t.importance.rho !== null)
      const mean = (xs: number[]) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : null)
      const ipa = {
        performance: mean(plotted.map((t) => t.csatTop2.estimate!)),
        importance: mean(plotted.map((t) => t.importance.rho!)),
      }
      const quadrant = (t: Pick<(typeof touchpoints)[number], 'csatTop2' | 'importance'>) => {
        if (
          t.csatTop2.estimate === null ||
          t.importance.rho === null ||
          ipa.performance === null ||
          ipa.importance === null
        )
          return null
        const crosses = (lo: number | null, hi: number | null, at: number) =>
          lo === null || hi === null || (lo <= at && at <= hi)
        if (
          crosses(t.csatTop2.lower, t.csatTop2.upper, ipa.performance) ||
          crosses(t.importance.lower, t.importance.upper, ipa.importance)
        )
          return 'unclassified' as const
        const important = t.importance.rho > ipa.importance
        const performing = t.csatTop2.estimate > ipa.performance
        return important
          ? performing
            ? ('keep' as const)
            : ('concentrate' as const)
          : performing
            ? ('overkill' as const)
            : ('low' as const)
      }

      const nps = npsSplit(valuesOf(null, 'nps').map((v) => ({ nps: v.value, n: v.n })))
      const n = nps.promoters + nps.passives + nps.detractors
      const interval = n ? npsInterval(nps, { method: 'adjusted-wald' }) : null
      const points = (x: number) => Math.round(x * 1000) / 10
      return {
        touchpoints: touchpoints.map(({ designated, impact, prevalence, ...t }) => {
          const opportunity =
            impact.estimate !== null && prevalence.estimate !== null
              ? Math.round(prevalence.estimate * impact.estimate * 10) / 10
              : null
          const salient = t.id === peak?.id || t.id === end?.id
          const candidate =
            impact.lower !== null &&
            impact.lower > MOT_IMPACT &&
            ((prevalence.estimate ?? 0) >= MOT_PREVALENCE || salient)
          return {
            ...t,
            quadrant: quadrant(t),
            momentOfTruth: { designated, candidate, impact, prevalence, opportunity },
          }
        }),
        peakTouchpointId: peak?.id ?? null,
        troughTouchpointId: trough && trough.experienced.estimate! < 0 ? trough.id : null,
        endTouchpointId: end?.id ?? null,
        basicLevel: BASIC_LEVEL,
        ipa,
        nps: {
          ...nps,
          n,
          score: interval ? points(interval.nps) : null,
          lower: interval ? points(interval.lower) : null,
          upper: interval ? points(interval.upper) : null,
        },
        responses: survey.responses,
        segments,
      }
    },

    /** The coded quotes behind a bar: one touchpoint, optionally one valence, within the filters. */
    async quotes(
      a: Analyst,
      studyId: string,
      q: DashboardQuery & { touchpointId: string; valence?: 'pain' | 'gain' | 'neutral'; limit: number },
    ): Promise<DashboardQuotes> {
      await studies.get(a, studyId)
      const f = await filterOf(studyId, q)
      if (!(await findTouchpointInStudy(db, studyId, q.touchpointId))) throw new TouchpointNotFoundError(q.touchpointId)
      const r = await quotesAt(db, studyId, f, q.touchpointId, q.valence, q.limit)
      return { items: r.items.map(toQuote), total: r.total }
    },
  }
}
export type DashboardService = ReturnType<typeof createDashboardService>
