import { useMutation } from '@tanstack/react-query'
import { api, unwrap } from '@/api/client'
import { meQueryKey } from '@/lib/auth'
import { useRefreshingMutation } from '@/lib/queries'

export function useSetupTotp() {
  return useMutation({ mutationFn: () => unwrap(api.POST('/api/v1/me/totp/setup')) })
}

export function useEnableTotp() {
  return useRefreshingMutation([meQueryKey], (code: string) =>
    unwrap(api.POST('/api/v1/me/totp/enable', { body: { code } })),
  )
}

export function useDisableTotp() {
  return useRefreshingMutation([meQueryKey], (code: string) =>
    unwrap(api.POST('/api/v1/me/totp/disable', { body: { code } })),
  )
}
