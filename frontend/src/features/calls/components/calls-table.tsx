import { DownloadIcon, PhoneIcon } from 'lucide-react'
import { useState } from 'react'
import { Link } from 'react-router'
import type { Call } from '@/api/types'
import type { Column } from '@/components/data-table'
import { EmptyState } from '@/components/empty-state'
import { PagedTable } from '@/components/paged-table'
import { ProblemAlert } from '@/components/problem-alert'
import { Button } from '@/components/ui/button'
import { Input } from '@/components/ui/input'
import { NativeSelect } from '@/components/ui/native-select'
import { formatDateTime } from '@/lib/format'
import { CALL_STATUSES, downloadCallLog, useCalls, type CallFilters } from '../api/calls'
import { CallStatusBadge } from './call-status-badge'

export function CallsTable() {
  const [page, setPage] = useState(0)
  const [filters, setFilters] = useState<CallFilters>({})
  const [exportError, setExportError] = useState<unknown>(null)
  const calls = useCalls(page, filters)
  const columns: Column<Call>[] = [
    { header: 'Time', cell: (c) => <Link to={`/calls/${c.id}`} className="underline-offset-2 hover:underline">{formatDateTime(c.createdAt)}</Link> },
    { header: 'Number', cell: (c) => <span className="font-mono text-xs">{c.phoneNumber}</span> },
    { header: 'Status', cell: (c) => <CallStatusBadge status={c.status} /> },
    { header: 'Duration', cell: (c) => (c.durationSeconds == null ? '—' : `${c.durationSeconds}s`) },
    { header: 'Cost', cell: (c) => (c.costMinor == null ? '—' : `${(c.costMinor / 100).toFixed(2)} ${c.currency}`) },
    { header: 'Outcome', cell: (c) => c.outcome ?? '—' },
    { header: 'Provider', cell: (c) => c.provider },
  ]
  return (
    <div className="grid gap-4">
      <div className="flex flex-wrap items-end gap-2">
        <label className="grid gap-1 text-sm">
          Status
          <NativeSelect
            aria-label="Status filter"
            value={filters.status ?? ''}
            onChange={(e) => {
              setPage(0)
              setFilters({ ...filters, status: e.target.value })
            }}
          >
            <option value="">Any</option>
            {CALL_STATUSES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </NativeSelect>
        </label>
        <label className="grid gap-1 text-sm">
          Number
          <Input
            aria-label="Number filter"
            placeholder="+91…"
            value={filters.phone ?? ''}
            onChange={(e) => {
              setPage(0)
              setFilters({ ...filters, phone: e.target.value })
            }}
          />
        </label>
        <Button
          variant="outline"
          onClick={() => {
            setExportError(null)
            downloadCallLog().catch(setExportError)
          }}
        >
          <DownloadIcon aria-hidden /> Download CSV
        </Button>
      </div>
      <ProblemAlert error={exportError} />
      <PagedTable
        query={calls}
        columns={columns}
        rowKey={(c) => c.id}
        label="Calls"
        onPageChange={setPage}
        empty={
          <EmptyState
            icon={PhoneIcon}
            title="No calls yet"
            description={
              <>
                Place one from the <Link to="/sales" className="underline">sales page</Link> or the API.
              </>
            }
          />
        }
      />
    </div>
  )
}
