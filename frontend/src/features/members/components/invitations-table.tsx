import { MailPlusIcon } from 'lucide-react'
import { useState } from 'react'
import type { Invitation } from '@/api/types'
import { ConfirmDialog } from '@/components/confirm-dialog'
import type { Column } from '@/components/data-table'
import { EmptyState } from '@/components/empty-state'
import { PagedTable } from '@/components/paged-table'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { useCanManageOrganization } from '@/lib/auth'
import { formatDateTime } from '@/lib/format'
import { useInvitations, useRevokeInvitation } from '../api/invitations'

const STATUS_VARIANT = {
  pending: 'warning',
  accepted: 'secondary',
  revoked: 'outline',
  expired: 'outline',
} as const

export function InvitationsTable() {
  const canManage = useCanManageOrganization()
  const [page, setPage] = useState(0)
  const invitations = useInvitations(page)
  const revoke = useRevokeInvitation()

  const columns: Column<Invitation>[] = [
    { header: 'Email', cell: (invitation) => invitation.email },
    { header: 'Role', cell: (invitation) => invitation.role },
    {
      header: 'Status',
      cell: (invitation) => (
        <Badge variant={STATUS_VARIANT[invitation.status] ?? 'outline'}>{invitation.status}</Badge>
      ),
    },
    { header: 'Sent', cell: (invitation) => formatDateTime(invitation.createdAt) },
    { header: 'Expires', cell: (invitation) => formatDateTime(invitation.expiresAt) },
    {
      header: 'Actions',
      className: 'text-right',
      cell: (invitation) =>
        canManage &&
        invitation.status === 'pending' && (
          <ConfirmDialog
            trigger={
              <Button variant="outline" size="sm" aria-label={`Revoke invitation for ${invitation.email}`}>
                Revoke
              </Button>
            }
            title="Revoke invitation?"
            description={`The link sent to ${invitation.email} stops working.`}
            confirmLabel="Revoke"
            onConfirm={() => revoke.mutateAsync(invitation.id)}
          />
        ),
    },
  ]

  return (
    <PagedTable
      query={invitations}
      columns={columns}
      rowKey={(invitation) => invitation.id}
      label="Invitations"
      onPageChange={setPage}
      empty={
        <EmptyState icon={MailPlusIcon} title="No invitations" description="Invitations you send appear here." />
      }
    />
  )
}
