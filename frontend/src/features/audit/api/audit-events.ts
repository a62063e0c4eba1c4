import { useQuery } from '@tanstack/react-query'
import { api, unwrap } from '@/api/client'
import { pagedQuery } from '@/lib/queries'

export interface AuditFilters {
  action: string
  /** yyyy-mm-dd from a date input, in the user's time zone; empty for no bound. */
  from: string
  to: string
}

export const NO_AUDIT_FILTERS: AuditFilters = { action: '', from: '', to: '' }

function startOfDay(date: string, addDays = 0) {
  const [year, month, day] = date.split('-').map(Number)
  return new Date(year, month - 1, day + addDays).toISOString()
}

/** API query for the filters: the `to` day is included, so the bound is the next midnight. */
export function toAuditQuery({ action, from, to }: AuditFilters) {
  return {
    action: action.trim() || undefined,
    from: from ? startOfDay(from) : undefined,
    to: to ? startOfDay(to, 1) : undefined,
  }
}

export function useAuditEvents(filters: AuditFilters, page: number) {
  const filterQuery = toAuditQuery(filters)
  return useQuery(
    pagedQuery(['audit-events', filterQuery], page, (query) =>
      unwrap(api.GET('/api/v1/audit-events', { params: { query: { ...filterQuery, ...query } } })),
    ),
  )
}
