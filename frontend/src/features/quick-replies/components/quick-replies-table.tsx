import { ZapIcon } from 'lucide-react'
import { useState } from 'react'
import type { QuickReply } from '@/api/types'
import { ConfirmDialog } from '@/components/confirm-dialog'
import type { Column } from '@/components/data-table'
import { EmptyState } from '@/components/empty-state'
import { PagedTable } from '@/components/paged-table'
import { Button } from '@/components/ui/button'
import { formatDateTime } from '@/lib/format'
import { useDeleteQuickReply, useQuickReplies } from '../api/quick-replies'
import { EditQuickReplyButton } from './quick-reply-dialog'

export function QuickRepliesTable() {
  const [page, setPage] = useState(0)
  const quickReplies = useQuickReplies(page)
  const remove = useDeleteQuickReply()

  const columns: Column<QuickReply>[] = [
    { header: 'Shortcut', cell: (reply) => <code className="font-mono text-xs">/{reply.shortcut}</code> },
    { header: 'Title', cell: (reply) => reply.title },
    {
      header: 'Text',
      cell: (reply) => <span className="line-clamp-2 max-w-md whitespace-pre-wrap text-muted-foreground">{reply.body}</span>,
    },
    { header: 'Updated', cell: (reply) => formatDateTime(reply.updatedAt) },
    {
      header: 'Actions',
      className: 'text-right',
      cell: (reply) => (
        <span className="flex justify-end gap-2">
          <EditQuickReplyButton reply={reply} />
          <ConfirmDialog
            trigger={
              <Button variant="outline" size="sm" aria-label={`Delete /${reply.shortcut}`}>
                Delete
              </Button>
            }
            title={`Delete /${reply.shortcut}?`}
            description="Your team can no longer insert it. Messages already sent stay as they are."
            confirmLabel="Delete"
            onConfirm={() => remove.mutateAsync(reply.id)}
          />
        </span>
      ),
    },
  ]

  return (
    <PagedTable
      query={quickReplies}
      columns={columns}
      rowKey={(reply) => reply.id}
      label="Quick replies"
      onPageChange={setPage}
      empty={
        <EmptyState
          icon={ZapIcon}
          title="No quick replies yet"
          description="Create canned answers; agents insert them in the inbox by typing / and the shortcut."
        />
      }
    />
  )
}
