import { useQuery } from '@tanstack/react-query'
import { api, unwrap } from '@/api/client'
import { useRefreshingMutation } from '@/lib/queries'

const retentionKey = ['privacy', 'retention']

/** The window of the organisation's plan, legal holds and recent purge runs. */
export function useRetentionStatus() {
  return useQuery({
    queryKey: retentionKey,
    queryFn: () => unwrap(api.GET('/api/v1/privacy/retention')),
  })
}

/** Purges now; the status refreshes with the new run. */
export function useRunRetention() {
  return useRefreshingMutation([retentionKey, ['conversations']], () =>
    unwrap(api.POST('/api/v1/privacy/retention/run')),
  )
}

/** "30 days" / "Unlimited". */
export function windowLabel(historyDays: number | null | undefined) {
  if (historyDays === null || historyDays === undefined) return 'Unlimited'
  return `${historyDays} ${historyDays === 1 ? 'day' : 'days'}`
}

/** "PT6H" → "6 h" (the only shapes the server sends: hours, minutes, seconds). */
export function intervalLabel(iso: string) {
  const match = /^PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?$/.exec(iso)
  if (!match) return iso
  const [, h, m, s] = match
  return [h && `${h} h`, m && `${m} min`, s && `${s} s`].filter(Boolean).join(' ') || '0 s'
}
