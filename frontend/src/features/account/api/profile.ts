import { api, unwrap } from '@/api/client'
import { meQueryKey } from '@/lib/auth'
import { useRefreshingMutation } from '@/lib/queries'

export function useUpdateProfile() {
  return useRefreshingMutation([meQueryKey], (body: { name: string; phone: string | null }) =>
    unwrap(api.PATCH('/api/v1/me', { body })),
  )
}
