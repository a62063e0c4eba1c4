import { useMutation, useQuery } from '@tanstack/react-query'
import { api, unwrap } from '@/api/client'

export function useInvitationPreview(token: string) {
  return useQuery({
    queryKey: ['invitation-preview', token],
    queryFn: () => unwrap(api.GET('/api/v1/auth/invitations/{token}', { params: { path: { token } } })),
    enabled: token !== '',
  })
}

export interface AcceptInvitationInput {
  token: string
  name?: string
  password?: string
}

export function useAcceptInvitation() {
  return useMutation({
    mutationFn: (body: AcceptInvitationInput) => unwrap(api.POST('/api/v1/auth/invitations/accept', { body })),
  })
}
