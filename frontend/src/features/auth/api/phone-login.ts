import { useMutation } from '@tanstack/react-query'
import { api, unwrap } from '@/api/client'

export function useRequestOtp() {
  return useMutation({
    mutationFn: (phone: string) => unwrap(api.POST('/api/v1/auth/otp/request', { body: { phone } })),
  })
}

export function useVerifyOtp() {
  return useMutation({
    mutationFn: (body: { phone: string; code: string }) => unwrap(api.POST('/api/v1/auth/otp/verify', { body })),
  })
}
