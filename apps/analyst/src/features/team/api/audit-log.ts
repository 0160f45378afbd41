import { AuditEventPageSchema as AuditPageSchema } from '@klantreis/shared/auth'
import { StudyPageSchema } from '@klantreis/shared/studies'
import { useInfiniteQuery, useQuery } from '@tanstack/react-query'
import { apiJson } from '../../../lib/api-client'
import { teamKeys } from './members'

const PAGE_SIZE = 25

/** The audit screen's filters as the form holds them; '' is "any". Dates are the browser's local days. */
export type AuditFilters = { action: string; actor: string; study: string; from: string; to: string }
export const EMPTY_AUDIT_FILTERS: AuditFilters = { action: '', actor: '', study: '', from: '', to: '' }

/**
 * The query the API takes: a local day becomes the exact moment it starts (from) or the next one
 * starts (to), so "from 3 March to 3 March" is that whole day where the researcher is.
 */
export function auditQuery(f: AuditFilters): Record<string, string | undefined> {
  const startOf = (day: string, plusDays = 0) => {
    const [y, m, d] = day.split('-').map(Number)
    return new Date(y!, m! - 1, d! + plusDays).toISOString()
  }
  return {
    action: f.action || undefined,
    actor: f.actor.trim() || undefined,
    study: f.study || undefined,
    from: f.from ? startOf(f.from) : undefined,
    to: f.to ? startOf(f.to, 1) : undefined,
  }
}

export const listAuditEvents = (f: AuditFilters, cursor: string | null) =>
  apiJson(AuditPageSchema, '/audit-log', { query: { ...auditQuery(f), limit: PAGE_SIZE, cursor } })

export const useAuditLog = (filters: AuditFilters, enabled: boolean) =>
  useInfiniteQuery({
    queryKey: [...teamKeys.auditLog, filters],
    queryFn: ({ pageParam }) => listAuditEvents(filters, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled,
  })

/** The CSV of the filtered events: a plain GET the browser downloads (the API audits it). */
export function auditExportHref(f: AuditFilters) {
  const params = new URLSearchParams({ format: 'csv' })
  for (const [k, v] of Object.entries(auditQuery(f))) if (v) params.set(k, v)
  return `/api/v1/audit-log/export?${params.toString()}`
}

/** The organization's studies for the study filter (the newest 200; the filter is a convenience, not a browser). */
export const useAuditStudies = (enabled: boolean) =>
  useQuery({
    queryKey: [...teamKeys.auditLog, 'studies'],
    queryFn: () => apiJson(StudyPageSchema, '/studies', { query: { limit: 200 } }),
    enabled,
  })
