import { useMutation } from '@tanstack/react-query'
import { api, unwrap } from '@/api/client'

export function useLogin() {
  return useMutation({
    mutationFn: (body: { email: string; password: string }) => unwrap(api.POST('/api/v1/auth/login', { body })),
  })
}

export function useTotpLogin() {
  return useMutation({
    mutationFn: (body: { mfaToken: string; code: string }) => unwrap(api.POST('/api/v1/auth/login/totp', { body })),
  })
}
