import { UsersIcon } from 'lucide-react'
import { useState } from 'react'
import type { Member, Role } from '@/api/types'
import { ConfirmDialog } from '@/components/confirm-dialog'
import type { Column } from '@/components/data-table'
import { EmptyState } from '@/components/empty-state'
import { PagedTable } from '@/components/paged-table'
import { ProblemAlert } from '@/components/problem-alert'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { NativeSelect } from '@/components/ui/native-select'
import { useCanManageOrganization, useMe } from '@/lib/auth'
import { formatDate } from '@/lib/format'
import { useMembers, useRemoveMember, useUpdateMemberRole } from '../api/members'
import { RoleOptions } from './role-options'

export function MembersTable() {
  const [page, setPage] = useState(0)
  const members = useMembers(page)
  const updateRole = useUpdateMemberRole()
  const removeMember = useRemoveMember()
  const me = useMe().data
  const canManage = useCanManageOrganization()

  const columns: Column<Member>[] = [
    {
      header: 'Name',
      cell: (member) => (
        <span className="flex items-center gap-2">
          {member.name}
          {member.userId === me?.user.id && <Badge variant="secondary">You</Badge>}
        </span>
      ),
    },
    { header: 'Email', cell: (member) => member.email },
    {
      header: 'Role',
      cell: (member) => (
        <NativeSelect
          aria-label={`Role for ${member.email}`}
          className="w-32"
          value={member.role}
          disabled={!canManage || updateRole.isPending}
          onChange={(event) => updateRole.mutate({ userId: member.userId, role: event.target.value as Role })}
        >
          <RoleOptions />
        </NativeSelect>
      ),
    },
    { header: 'Joined', cell: (member) => formatDate(member.joinedAt) },
    {
      header: 'Actions',
      className: 'text-right',
      cell: (member) =>
        canManage && (
          <ConfirmDialog
            trigger={
              <Button variant="outline" size="sm" aria-label={`Remove ${member.email}`}>
                Remove
              </Button>
            }
            title="Remove member?"
            description={`${member.name} (${member.email}) loses access to this organization.`}
            confirmLabel="Remove"
            onConfirm={() => removeMember.mutateAsync(member.userId)}
          />
        ),
    },
  ]

  return (
    <div className="grid gap-3">
      <ProblemAlert error={updateRole.error} />
      <PagedTable
        query={members}
        columns={columns}
        rowKey={(member) => member.userId}
        label="Members"
        onPageChange={setPage}
        empty={<EmptyState icon={UsersIcon} title="No members yet" description="Invite people to work with you." />}
      />
    </div>
  )
}
