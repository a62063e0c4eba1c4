import type { UseQueryResult } from '@tanstack/react-query'
import { useEffect, type ReactNode } from 'react'
import { DataTable, type Column } from '@/components/data-table'
import { Pagination } from '@/components/pagination'
import { QueryState } from '@/components/query-state'
import type { Page } from '@/lib/pagination'

interface PagedTableProps<T> {
  query: UseQueryResult<Page<T>>
  columns: readonly Column<T>[]
  rowKey: (row: T) => string
  label: string
  onPageChange: (page: number) => void
  empty: ReactNode
}

/** A server-paginated table with loading, error and empty states and Previous/Next controls. */
export function PagedTable<T>({ query, columns, rowKey, label, onPageChange, empty }: PagedTableProps<T>) {
  const page = query.data
  // Deleting the last row of the last page leaves an empty page behind: step back.
  const stranded = page !== undefined && page.items.length === 0 && page.page > 0
  useEffect(() => {
    if (stranded) onPageChange(Math.max(0, Math.min(page.page - 1, page.totalPages - 1)))
  }, [stranded, page, onPageChange])

  return (
    <QueryState query={query}>
      {(data) =>
        data.items.length === 0 && data.page === 0 ? (
          empty
        ) : (
          <div>
            <DataTable columns={columns} rows={data.items} rowKey={rowKey} label={label} />
            <Pagination page={data} onPageChange={onPageChange} />
          </div>
        )
      }
    </QueryState>
  )
}
