import { ScrollTextIcon } from 'lucide-react'
import { useState } from 'react'
import type { AuditEvent } from '@/api/types'
import type { Column } from '@/components/data-table'
import { EmptyState } from '@/components/empty-state'
import { PagedTable } from '@/components/paged-table'
import { formatDateTime } from '@/lib/format'
import { NO_AUDIT_FILTERS, useAuditEvents, type AuditFilters } from '../api/audit-events'
import { AuditFiltersForm } from './audit-filters-form'

function actor(event: AuditEvent) {
  return event.actorLabel ?? [event.actorType, event.actorId].filter(Boolean).join(' ')
}

function target(event: AuditEvent) {
  return [event.targetType, event.targetId].filter(Boolean).join(' ') || '—'
}

const COLUMNS: Column<AuditEvent>[] = [
  { header: 'Time', cell: (event) => formatDateTime(event.occurredAt) },
  { header: 'Action', cell: (event) => <code className="font-mono text-xs">{event.action}</code> },
  { header: 'Actor', cell: actor },
  { header: 'Target', cell: target, className: 'max-w-64 truncate' },
  { header: 'IP', cell: (event) => event.ip ?? '—' },
]

export function AuditLog() {
  const [filters, setFilters] = useState<AuditFilters>(NO_AUDIT_FILTERS)
  const [page, setPage] = useState(0)
  const events = useAuditEvents(filters, page)
  const filtered = Object.values(filters).some(Boolean)

  return (
    <div className="grid gap-4">
      <AuditFiltersForm
        value={filters}
        onChange={(next) => {
          setFilters(next)
          setPage(0)
        }}
      />
      <PagedTable
        query={events}
        columns={COLUMNS}
        rowKey={(event) => String(event.id)}
        label="Audit log"
        onPageChange={setPage}
        empty={
          <EmptyState
            icon={ScrollTextIcon}
            title={filtered ? 'No events match these filters' : 'No audit events yet'}
            description="Sign-ins, member changes, API key changes and other security events are recorded here."
          />
        }
      />
    </div>
  )
}
