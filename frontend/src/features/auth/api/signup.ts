import { useMutation } from '@tanstack/react-query'
import { api, unwrap } from '@/api/client'

export interface SignupInput {
  name: string
  email: string
  password: string
  organizationName: string
}

export function useSignup() {
  return useMutation({
    mutationFn: (body: SignupInput) => unwrap(api.POST('/api/v1/auth/signup', { body })),
  })
}
