import type { AnonymousLink, SurveyResponse, SurveySummary } from '@klantreis/shared/surveys'
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

export type ResponseRow = {
  id: string
  version: number
  status: string
  started_at: Date
  updated_at: Date
  completed_at: Date | null
}
export const toResponse = (r: ResponseRow, answers: Record<string, unknown>): SurveyResponse => ({
  id: r.id,
  version: r.version,
  status: r.status as SurveyResponse['status'],
  answers,
  startedAt: r.started_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
  completedAt: r.completed_at?.toISOString() ?? null,
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
