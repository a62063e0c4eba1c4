import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { api, unwrap } from '@/api/client'
import { saveDownload } from '@/lib/download'
import { useRefreshingMutation } from '@/lib/queries'

export interface AnalyticsFilters {
  days: number
  channelId?: string
}

/** The browser's IANA time zone, so days on the charts are the user's days. */
export function browserTimeZone() {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'
}

/** ISO date of today minus `days - 1` and of today, in the given time zone. */
export function lastDays(days: number, timeZone: string, now: Date = new Date()) {
  const day = (date: Date) => new Intl.DateTimeFormat('en-CA', { timeZone }).format(date)
  const from = new Date(now.getTime() - (days - 1) * 86_400_000)
  return { from: day(from), to: day(now) }
}

export function useAnalytics(filters: AnalyticsFilters) {
  const timeZone = browserTimeZone()
  const { from, to } = lastDays(filters.days, timeZone)
  return useQuery({
    queryKey: ['analytics', 'overview', from, to, timeZone, filters.channelId ?? ''],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/analytics/overview', {
          params: { query: { from, to, timeZone, channelId: filters.channelId } },
        }),
      ),
    placeholderData: keepPreviousData,
  })
}

export function useChannelsForFilter() {
  return useQuery({
    queryKey: ['channels', 'analytics-filter'],
    queryFn: async () =>
      (await unwrap(api.GET('/api/v1/channels', { params: { query: { page: 0, size: 100 } } }))).items,
    staleTime: 5 * 60_000,
  })
}

/** "42 s", "3 min", "1.5 h"; a dash when there is nothing to measure. */
export function formatDuration(seconds: number | null | undefined) {
  if (seconds === null || seconds === undefined) return '—'
  if (seconds < 90) return `${Math.round(seconds)} s`
  if (seconds < 5400) return `${Math.round(seconds / 60)} min`
  return `${(seconds / 3600).toFixed(1)} h`
}

export function formatPercent(rate: number | null | undefined) {
  return rate === null || rate === undefined ? '—' : `${Math.round(rate * 100)} %`
}

/** The last `days` days up to now, as instants for the exports. */
function exportWindow(days: number, now: Date = new Date()) {
  return { from: new Date(now.getTime() - days * 86_400_000).toISOString(), to: now.toISOString() }
}

/** The conversations or the messages of the period and channel as CSV, saved by the browser. */
export function downloadCsv(what: 'conversations' | 'messages', filters: AnalyticsFilters) {
  const params = { query: { ...exportWindow(filters.days), channelId: filters.channelId } }
  const request =
    what === 'conversations'
      ? api.GET('/api/v1/conversations/export', { params, parseAs: 'blob' })
      : api.GET('/api/v1/conversations/messages/export', { params, parseAs: 'blob' })
  return saveDownload(request, `${what}.csv`)
}

const digestKey = ['analytics', 'digest']

export function useDigestSettings() {
  return useQuery({ queryKey: digestKey, queryFn: () => unwrap(api.GET('/api/v1/analytics/digest')) })
}

export function useSaveDigest() {
  return useRefreshingMutation([digestKey], (body: { frequency: string; timeZone: string }) =>
    unwrap(api.PUT('/api/v1/analytics/digest', { body })),
  )
}

export function useSendDigest() {
  return useRefreshingMutation([digestKey], () => unwrap(api.POST('/api/v1/analytics/digest/send')))
}
