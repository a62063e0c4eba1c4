import { Building2Icon } from 'lucide-react'
import { useState } from 'react'
import type { OrganizationSummary } from '@/api/types'
import type { Column } from '@/components/data-table'
import { EmptyState } from '@/components/empty-state'
import { PagedTable } from '@/components/paged-table'
import { formatDateTime } from '@/lib/format'
import { useAllOrganizations } from '../api/organizations'

const COLUMNS: Column<OrganizationSummary>[] = [
  { header: 'Name', cell: (organization) => organization.name },
  { header: 'Members', cell: (organization) => organization.memberCount },
  { header: 'Created', cell: (organization) => formatDateTime(organization.createdAt) },
  { header: 'ID', cell: (organization) => <code className="font-mono text-xs">{organization.id}</code> },
]

export function OrganizationsTable() {
  const [page, setPage] = useState(0)
  const organizations = useAllOrganizations(page)
  return (
    <PagedTable
      query={organizations}
      columns={COLUMNS}
      rowKey={(organization) => organization.id}
      label="Organizations"
      onPageChange={setPage}
      empty={<EmptyState icon={Building2Icon} title="No organizations" />}
    />
  )
}
