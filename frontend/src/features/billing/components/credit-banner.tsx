import { useQuery } from '@tanstack/react-query'
import { useLocation } from 'react-router'
import { api, unwrap } from '@/api/client'
import { LowBalanceBanner } from './credits-panel'

/** The low-balance warning above every dashboard page (the Billing page shows its own). */
export function CreditBanner() {
  const location = useLocation()
  const credits = useQuery({
    queryKey: ['credits', 'summary'],
    queryFn: () => unwrap(api.GET('/api/v1/credits')),
    refetchInterval: 60_000,
  })
  if (!credits.data || location.pathname.startsWith('/billing')) return null
  return <LowBalanceBanner credits={credits.data} link />
}
