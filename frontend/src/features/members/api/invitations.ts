import { useQuery } from '@tanstack/react-query'
import { api, unwrap } from '@/api/client'
import type { Role } from '@/api/types'
import { pagedQuery, useRefreshingMutation } from '@/lib/queries'

const invitationsKey = ['invitations']

export function useInvitations(page: number) {
  return useQuery(
    pagedQuery(invitationsKey, page, (query) => unwrap(api.GET('/api/v1/invitations', { params: { query } }))),
  )
}

export function useCreateInvitation() {
  return useRefreshingMutation([invitationsKey], (body: { email: string; role: Role }) =>
    unwrap(api.POST('/api/v1/invitations', { body })),
  )
}

export function useRevokeInvitation() {
  return useRefreshingMutation([invitationsKey], (id: string) =>
    unwrap(api.DELETE('/api/v1/invitations/{id}', { params: { path: { id } } })),
  )
}
