import { useQuery } from '@tanstack/react-query'
import { api, unwrap } from '@/api/client'

export const queueHealthKey = ['channels', 'queues'] as const

/** Backlog and lag of the inbound and outbound message queues, refreshed every 30 s. */
export function useQueueHealth() {
  return useQuery({
    queryKey: queueHealthKey,
    queryFn: () => unwrap(api.GET('/api/v1/channels/queues')),
    refetchInterval: 30_000,
  })
}

/** "12 s", "4 min", "2 h"; no lag reads "—". */
export function formatLag(seconds: number | null | undefined) {
  if (seconds === null || seconds === undefined) return '—'
  if (seconds < 60) return `${Math.round(seconds)} s`
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`
  return `${Math.round(seconds / 360) / 10} h`
}
