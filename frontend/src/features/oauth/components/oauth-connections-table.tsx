import { PlugIcon } from 'lucide-react'
import { useState } from 'react'
import type { OAuthConnection } from '@/api/types'
import { ConfirmDialog } from '@/components/confirm-dialog'
import type { Column } from '@/components/data-table'
import { EmptyState } from '@/components/empty-state'
import { PagedTable } from '@/components/paged-table'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { formatDateTime } from '@/lib/format'
import { useDisconnect, useOAuthConnections } from '../api/oauth'

/** AI assistants connected with OAuth (the MCP authorization flow); disconnecting ends their tokens at once. */
export function OAuthConnectionsTable() {
  const [page, setPage] = useState(0)
  const connections = useOAuthConnections(page)
  const disconnect = useDisconnect()

  const columns: Column<OAuthConnection>[] = [
    { header: 'Client', cell: (c) => c.clientName },
    { header: 'Approved by', cell: (c) => c.userEmail ?? '—' },
    {
      header: 'Scope',
      cell: (c) => (
        <span className="flex gap-1">
          {c.scope.split(' ').map((scope) => (
            <Badge key={scope} variant="secondary">
              {scope}
            </Badge>
          ))}
        </span>
      ),
    },
    {
      header: 'MCP tools',
      cell: (c) =>
        c.tools == null ? (
          <span className="text-xs text-muted-foreground">All the scope allows</span>
        ) : (
          <span className="flex flex-wrap gap-1">
            {c.tools.map((tool) => (
              <Badge key={tool} variant="outline" className="font-mono text-xs">
                {tool}
              </Badge>
            ))}
          </span>
        ),
    },
    { header: 'Connected', cell: (c) => formatDateTime(c.createdAt) },
    { header: 'Last used', cell: (c) => formatDateTime(c.lastUsedAt, 'Never') },
    {
      header: 'Actions',
      className: 'text-right',
      cell: (c) => (
        <ConfirmDialog
          trigger={
            <Button variant="outline" size="sm" aria-label={`Disconnect ${c.clientName}`}>
              Disconnect
            </Button>
          }
          title="Disconnect this assistant?"
          description={`“${c.clientName}” loses access at once; it has to ask for approval again to reconnect.`}
          confirmLabel="Disconnect"
          onConfirm={() => disconnect.mutateAsync(c.id)}
        />
      ),
    },
  ]

  return (
    <PagedTable
      query={connections}
      columns={columns}
      rowKey={(c) => c.id}
      label="Connected assistants"
      onPageChange={setPage}
      empty={
        <EmptyState
          icon={PlugIcon}
          title="No assistants connected with OAuth"
          description="When you add this server's URL to Claude, ChatGPT or Cursor, they ask you to approve here; approved assistants show up in this list."
        />
      }
    />
  )
}
