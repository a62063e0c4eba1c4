import { DownloadIcon, ReceiptIcon } from 'lucide-react'
import { useState } from 'react'
import type { Column } from '@/components/data-table'
import { EmptyState } from '@/components/empty-state'
import { PagedTable } from '@/components/paged-table'
import { ProblemAlert } from '@/components/problem-alert'
import { Button } from '@/components/ui/button'
import { formatDateTime } from '@/lib/format'
import { downloadStatementCsv, useCreditEntries, type CreditEntry } from '../api/billing'
import { formatMoney } from '../format'

const KIND_LABELS: Record<string, string> = {
  top_up: 'Top-up',
  grant: 'Grant',
  hold: 'Hold',
  settle: 'Spent',
  release: 'Released',
  refund: 'Refund',
  adjustment: 'Adjustment',
}

function signed(minor: number, currency: string) {
  if (minor === 0) return '—'
  return `${minor > 0 ? '+' : '−'}${formatMoney(Math.abs(minor), currency)}`
}

/** The credit statement, newest first, with a CSV download of all entries. */
export function StatementTable({ currency }: { currency: string }) {
  const [page, setPage] = useState(0)
  const entries = useCreditEntries(page)
  const [downloadError, setDownloadError] = useState<unknown>(null)
  const columns: Column<CreditEntry>[] = [
    { header: 'Date', cell: (e) => formatDateTime(e.createdAt) },
    { header: 'Kind', cell: (e) => KIND_LABELS[e.kind] ?? e.kind },
    { header: 'Description', cell: (e) => <span className="text-muted-foreground">{e.reason ?? e.reference ?? ''}</span> },
    { header: 'Balance', className: 'text-right', cell: (e) => signed(e.balanceChangeMinor, currency) },
    { header: 'Available', className: 'text-right', cell: (e) => signed(e.availableChangeMinor, currency) },
  ]
  return (
    <div className="grid gap-3">
      <div className="flex justify-end">
        <Button
          variant="outline"
          size="sm"
          onClick={() => {
            setDownloadError(null)
            downloadStatementCsv().catch(setDownloadError)
          }}
        >
          <DownloadIcon aria-hidden />
          Download CSV
        </Button>
      </div>
      <ProblemAlert error={downloadError} />
      <PagedTable
        query={entries}
        columns={columns}
        rowKey={(e) => String(e.id)}
        label="Credit statement"
        onPageChange={setPage}
        empty={
          <EmptyState
            icon={ReceiptIcon}
            title="No credit activity yet"
            description="Top-ups, grants and what calls spend show up here."
          />
        }
      />
    </div>
  )
}
