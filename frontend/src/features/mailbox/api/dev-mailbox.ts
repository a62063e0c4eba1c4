import { useQuery } from '@tanstack/react-query'
import { api, unwrap } from '@/api/client'
import { pagedQuery } from '@/lib/queries'

export function useDevMailbox(page: number) {
  return useQuery({
    ...pagedQuery(['dev-mailbox'], page, (query) => unwrap(api.GET('/api/v1/dev-mailbox', { params: { query } }))),
    // New mails arrive while someone waits for a sign-in or invitation link.
    refetchInterval: 10_000,
  })
}
