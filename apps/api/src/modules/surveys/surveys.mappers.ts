import type { AnonymousLink, SurveySummary } from '@klantreis/shared/surveys'
import type { findSurvey } from './surveys.queries.js'

type Row = NonNullable<Awaited<ReturnType<typeof findSurvey>>>
export const toSummary = (r: Row): SurveySummary => ({
  id: r.id,
  studyId: r.study_id,
  title: r.title,
  kind: r.kind as SurveySummary['kind'],
  status: r.status as SurveySummary['status'],
  currentVersion: r.current_version === null || r.current_version === undefined ? null : Number(r.current_version),
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
})

type LinkRow = {
  id: string
  expires_at: Date | null
  max_responses: number | null
  revoked_at: Date | null
  created_at: Date
  responses?: number | string | null
}
export const toLink = (r: LinkRow, link?: string): AnonymousLink => ({
  id: r.id,
  ...(link ? { link } : {}),
  expiresAt: r.expires_at?.toISOString() ?? null,
  maxResponses: r.max_responses,
  responses: Number(r.responses ?? 0),
  revokedAt: r.revoked_at?.toISOString() ?? null,
  createdAt: r.created_at.toISOString(),
})
