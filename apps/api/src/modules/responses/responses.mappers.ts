import type { SurveyResponse } from '@klantreis/shared/responses'

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
