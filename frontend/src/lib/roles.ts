import type { Role } from '@/api/types'

export const ROLES: readonly Role[] = ['owner', 'admin', 'agent', 'viewer']

/** Owners and admins manage members, invitations and the dev mailbox. */
export function canManageOrganization(role: Role | null | undefined) {
  return role === 'owner' || role === 'admin'
}
