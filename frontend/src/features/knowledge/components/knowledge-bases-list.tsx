import { BookOpenIcon } from 'lucide-react'
import { useState } from 'react'
import { Link } from 'react-router'
import type { KnowledgeBase } from '@/api/types'
import type { Column } from '@/components/data-table'
import { EmptyState } from '@/components/empty-state'
import { PagedTable } from '@/components/paged-table'
import { Badge } from '@/components/ui/badge'
import { formatDate } from '@/lib/format'
import { useKnowledgeBases } from '../api/knowledge'
import { CreateKnowledgeBaseDialog } from './create-knowledge-base-dialog'

export function KnowledgeBasesList() {
  const [page, setPage] = useState(0)
  const knowledgeBases = useKnowledgeBases(page)

  const columns: Column<KnowledgeBase>[] = [
    {
      header: 'Name',
      cell: (kb) => (
        <span className="grid gap-0.5">
          <Link to={`/knowledge/${kb.id}`} className="font-medium hover:underline">
            {kb.name}
          </Link>
          {kb.description && <span className="text-xs text-muted-foreground">{kb.description}</span>}
        </span>
      ),
    },
    {
      header: 'Documents',
      cell: (kb) => (
        <span className="flex flex-wrap items-center gap-1">
          {kb.readyCount} ready
          {kb.pendingCount > 0 && <Badge variant="secondary">{kb.pendingCount} processing</Badge>}
          {kb.failedCount > 0 && <Badge variant="destructive">{kb.failedCount} failed</Badge>}
        </span>
      ),
    },
    { header: 'Chunks', cell: (kb) => kb.chunkCount },
    { header: 'Created', cell: (kb) => formatDate(kb.createdAt) },
  ]

  return (
    <PagedTable
      query={knowledgeBases}
      columns={columns}
      rowKey={(kb) => kb.id}
      label="Knowledge bases"
      onPageChange={setPage}
      empty={
        <EmptyState
          icon={BookOpenIcon}
          title="No knowledge bases yet"
          description="Upload PDFs, Word files, Markdown, FAQ spreadsheets or web pages; agents cite them when they answer."
          action={<CreateKnowledgeBaseDialog label="Create a knowledge base" />}
        />
      }
    />
  )
}
