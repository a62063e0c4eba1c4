import { ChevronLeftIcon, ChevronRightIcon } from 'lucide-react'
import { Button } from '@/components/ui/button'
import { hasNextPage, hasPreviousPage, pageLabel, type Page } from '@/lib/pagination'

interface PaginationProps {
  page: Page<unknown>
  onPageChange: (page: number) => void
}

export function Pagination({ page, onPageChange }: PaginationProps) {
  return (
    <nav aria-label="Pagination" className="flex items-center justify-end gap-3 pt-3 text-sm">
      <span className="text-muted-foreground" data-testid="page-label">
        {pageLabel(page)}
      </span>
      <Button
        variant="outline"
        size="sm"
        disabled={!hasPreviousPage(page)}
        onClick={() => onPageChange(page.page - 1)}
      >
        <ChevronLeftIcon aria-hidden />
        Previous
      </Button>
      <Button variant="outline" size="sm" disabled={!hasNextPage(page)} onClick={() => onPageChange(page.page + 1)}>
        Next
        <ChevronRightIcon aria-hidden />
      </Button>
    </nav>
  )
}
