import type { Study } from '@klantreis/shared/studies'
import type { StudyRow } from '../../db/schema.js'
import { retentionEnd } from './retention.js'

/** A study as the contract has it; `orgDefault` is its organization's default retention period. */
export const toStudy = (r: StudyRow, orgDefault: number | null): Study => ({
  id: r.id,
  title: r.title,
  goal: r.goal,
  loyaltyMetrics: r.loyalty_metrics as Study['loyaltyMetrics'],
  scope: r.scope,
  customerJob: r.customer_job,
  languages: r.languages as Study['languages'],
  status: r.status as Study['status'],
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
  closedAt: r.closed_at?.toISOString() ?? null,
  retentionMonths: r.retention_months,
  eraseOnRequest: r.erase_on_request,
  effectiveRetentionMonths: r.retention_months ?? orgDefault,
  retentionEndsOn:
    retentionEnd({ status: r.status, closedAt: r.closed_at }, r.retention_months ?? orgDefault)?.toISOString() ?? null,
})
