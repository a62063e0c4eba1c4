import { SearchIcon, WorkflowIcon } from 'lucide-react'
import { useState } from 'react'
import { Link } from 'react-router'
import { ConfirmDialog } from '@/components/confirm-dialog'
import { DataTable, type Column } from '@/components/data-table'
import { EmptyState } from '@/components/empty-state'
import { Pagination } from '@/components/pagination'
import { QueryState } from '@/components/query-state'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { Input } from '@/components/ui/input'
import { formatDateTime } from '@/lib/format'
import { useDeleteFlow, useFlows } from '../api/flows'
import type { FlowSummary } from '../api/types'
import { CreateFlowDialog, GenerateFlowDialog, ImportFlowButton, TemplatesDialog } from './new-flow-dialogs'

export function FlowsList() {
  const [page, setPage] = useState(0)
  const [search, setSearch] = useState('')
  const [q, setQ] = useState('')
  const flows = useFlows(page, q)
  const remove = useDeleteFlow()

  const columns: Column<FlowSummary>[] = [
    {
      header: 'Name',
      cell: (flow) => (
        <Link to={`/flows/${flow.id}`} className="font-medium underline-offset-4 hover:underline">
          {flow.name}
        </Link>
      ),
    },
    {
      header: 'Status',
      cell: (flow) =>
        flow.status === 'published' ? (
          <Badge>Published v{flow.publishedVersion}</Badge>
        ) : (
          <Badge variant="secondary">Draft</Badge>
        ),
    },
    { header: 'Entries', cell: (flow) => flow.entries ?? 0 },
    { header: 'Completions', cell: (flow) => flow.completions ?? 0 },
    { header: 'Updated', cell: (flow) => formatDateTime(flow.updatedAt) },
    {
      header: 'Actions',
      className: 'text-right',
      cell: (flow) => (
        <span className="flex justify-end gap-2">
          <Button asChild variant="outline" size="sm">
            <Link to={`/flows/${flow.id}`}>Open</Link>
          </Button>
          <ConfirmDialog
            trigger={
              <Button variant="outline" size="sm" aria-label={`Delete ${flow.name}`}>
                Delete
              </Button>
            }
            title={`Delete ${flow.name}?`}
            description="Conversations in this flow stop following it. Its versions are deleted too."
            confirmLabel="Delete"
            onConfirm={() => remove.mutateAsync(flow.id)}
          />
        </span>
      ),
    },
  ]

  return (
    <div className="grid gap-4">
      <form
        role="search"
        className="flex max-w-md items-center gap-2"
        onSubmit={(e) => {
          e.preventDefault()
          setPage(0)
          setQ(search.trim())
        }}
      >
        <Input
          aria-label="Search flows"
          placeholder="Search by name"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        <Button type="submit" variant="outline" size="icon" aria-label="Search">
          <SearchIcon aria-hidden />
        </Button>
      </form>
      <QueryState query={flows}>
        {(data) =>
          data.items.length === 0 && data.page === 0 ? (
            <EmptyState
              icon={WorkflowIcon}
              title={q ? `No flows match "${q}"` : 'No flows yet'}
              description="Flows answer, ask, branch and hand over to a person. Build one on the canvas, start from a template, describe it in words, or import a JSON export."
              action={
                <div className="mt-2 flex flex-wrap justify-center gap-2">
                  <CreateFlowDialog />
                  <TemplatesDialog />
                  <GenerateFlowDialog />
                  <ImportFlowButton />
                </div>
              }
            />
          ) : (
            <div>
              <DataTable columns={columns} rows={data.items} rowKey={(flow) => flow.id} label="Flows" />
              <Pagination page={data} onPageChange={setPage} />
            </div>
          )
        }
      </QueryState>
    </div>
  )
}
