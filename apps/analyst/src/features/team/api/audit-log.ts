import { AuditEventPageSchema as AuditPageSchema } from '@klantreis/shared/auth'
import { useInfiniteQuery } from '@tanstack/react-query'
import { apiJson } from '../../../lib/api-client'
import { teamKeys } from './members'

const PAGE_SIZE = 25

export const listAuditEvents = (cursor: string | null) =>
  apiJson(AuditPageSchema, '/audit-log', { query: { limit: PAGE_SIZE, cursor } })

export const useAuditLog = (enabled: boolean) =>
  useInfiniteQuery({
    queryKey: teamKeys.auditLog,
    queryFn: ({ pageParam }) => listAuditEvents(pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled,
  })
