import { useQuery } from '@tanstack/react-query'
import { api, unwrap } from '@/api/client'
import type { SystemStatus } from '@/api/types'

export function useSystemStatus() {
  return useQuery({
    queryKey: ['system-status'],
    queryFn: () => unwrap(api.GET('/api/v1/system/status')),
    staleTime: 5 * 60_000,
  })
}

/** e.g. "Offline mode · embedded database · dev mailbox". */
export function describeMode(status: Pick<SystemStatus, 'offline' | 'database' | 'mail'>) {
  return [
    status.offline ? 'Offline mode' : 'Online mode',
    `${status.database} database`,
    status.mail === 'dev_mailbox' ? 'dev mailbox' : 'SMTP mail',
  ].join(' · ')
}

export function usesDevMailbox(status: Pick<SystemStatus, 'mail'> | undefined) {
  return status?.mail === 'dev_mailbox'
}
