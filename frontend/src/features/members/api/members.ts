import { useQuery } from '@tanstack/react-query'
import { api, unwrap } from '@/api/client'
import type { Role } from '@/api/types'
import { meQueryKey } from '@/lib/auth'
import { pagedQuery, useRefreshingMutation } from '@/lib/queries'

const membersKey = ['members']

export function useMembers(page: number) {
  return useQuery(pagedQuery(membersKey, page, (query) => unwrap(api.GET('/api/v1/members', { params: { query } }))))
}

/** Changing a role may change the caller's own role, so "me" is refetched as well. */
export function useUpdateMemberRole() {
  return useRefreshingMutation([membersKey, meQueryKey], ({ userId, role }: { userId: string; role: Role }) =>
    unwrap(api.PATCH('/api/v1/members/{userId}', { params: { path: { userId } }, body: { role } })),
  )
}

export function useRemoveMember() {
  return useRefreshingMutation([membersKey], (userId: string) =>
    unwrap(api.DELETE('/api/v1/members/{userId}', { params: { path: { userId } } })),
  )
}
