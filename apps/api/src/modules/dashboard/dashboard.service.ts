import type { Dashboard, DashboardQuery, DashboardQuotes } from '@klantreis/shared/dashboard'
import type { Kysely } from 'kysely'
import type { DB } from '../../db/schema.js'
import type { Analyst } from '../../lib/actors.js'
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
  BASIC_LEVEL,
  csatShares,
  fromCounts,
  impactOf,
  importanceOf,
  ipaCrosshairs,
  ipaQuadrant,
  meanInterval,
  momentOfTruth,
  overallNps,
  peakEnd,
} from './dashboard.compute.js'
import {
  countsFromRollups,
  countsLive,
  type Filter,
  type SurveyCounts,
  unfoldParticipant,
  unfoldSurvey,
  type ValueCount,
} from './dashboard.rollup.queries.js'

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

  /** The dashboard from one executor: the pool for the screen, the export job's transaction for an export. */
  async function compute(
    exec: Kysely<DB>,
    studyId: string,
    f: Filter,
    counts: () => Promise<SurveyCounts>,
  ): Promise<Dashboard> {
    const [tps, coded, diary, survey, codes, quotes, segments] = await Promise.all([
      touchpointsInOrder(exec, studyId),
      codedValence(exec, studyId, f),
      diaryByTouchpoint(exec, studyId, f),
      counts(),
      topCodes(exec, studyId, f),
      exemplarQuotes(exec, studyId, f),
      segmentValues(exec, studyId),
    ])
    const valuesOf = (touchpointId: string | null, type: ValueCount['type']) =>
      survey.values.filter((v) => v.touchpoint_id === touchpointId && v.type === type)

    const touchpoints = tps.map((t) => {
      const c = coded.find((x) => x.touchpoint_id === t.id)
      const d = diary.find((x) => x.touchpoint_id === t.id)
      const csat = valuesOf(t.id, 'csat')
      const { top2, prevalence } = csatShares(csat)
      const pairs = survey.pairs.filter((p) => p.touchpoint_id === t.id)
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
        csatTop2: top2,
        importance: importanceOf(pairs),
        impact: impactOf(pairs),
        prevalence,
        topCodes: codes
          .filter((k) => k.touchpoint_id === t.id)
          .map(({ id, name, colour, n }) => ({ id, name, colour, n })),
        quotes: quotes.filter((x) => x.touchpoint_id === t.id).map(toQuote),
      }
    })

    const { peak, trough, end } = peakEnd(touchpoints)
    const ipa = ipaCrosshairs(touchpoints)
    return {
      touchpoints: touchpoints.map(({ designated, impact, prevalence, ...t }) => ({
        ...t,
        quadrant: ipaQuadrant(t, ipa),
        momentOfTruth: momentOfTruth({ designated, impact, prevalence }, t.id === peak || t.id === end),
      })),
      peakTouchpointId: peak,
      troughTouchpointId: trough,
      endTouchpointId: end,
      basicLevel: BASIC_LEVEL,
      ipa,
      nps: overallNps(valuesOf(null, 'nps').map((v) => ({ nps: v.value, n: v.n }))),
      responses: survey.responses,
      segments,
    }
  }

  return {
    /** The journey at a glance (filters: persona, segment, period). */
    /**
     * Takes a participant's folded responses out of the rollups, in the caller's transaction, before
     * their persona or segments change: the rollups hold what a response was folded with, and the
     * worker folds them again as they are now.
     */
    unfoldParticipant: (trx: Kysely<DB>, participantId: string) => unfoldParticipant(trx, participantId),
    /** Takes a survey's folded responses out of the rollups, in the caller's transaction, before it goes. */
    unfoldSurvey: (trx: Kysely<DB>, surveyId: string) => unfoldSurvey(trx, surveyId),

    async get(a: Analyst, studyId: string, q: DashboardQuery): Promise<Dashboard> {
      await studies.get(a, studyId)
      const f = await filterOf(studyId, q)
      return compute(db, studyId, f, () => surveyCounts(studyId, f))
    },

    /**
     * The dashboard as an export's tables hold it (issue 15), read in the export job's transaction so it
     * agrees with the export's other tables. A persona and a segment together are counted from the
     * answers without the live bound: the export is a background job, not a request waiting for it.
     */
    async forExport(trx: Kysely<DB>, studyId: string, q: DashboardQuery): Promise<Dashboard> {
      const f: Filter = {
        ...(q.personaId ? { personaId: q.personaId } : {}),
        ...(q.segment ? { segment: q.segment } : {}),
        ...(q.from ? { from: q.from } : {}),
        ...(q.to ? { to: q.to } : {}),
      }
      return compute(trx, studyId, f, () =>
        f.segment && f.personaId ? countsLive(trx, studyId, f) : countsFromRollups(trx, studyId, f),
      )
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
