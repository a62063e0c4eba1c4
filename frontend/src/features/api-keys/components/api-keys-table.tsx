import { KeyRoundIcon } from 'lucide-react'
import { useState } from 'react'
import type { ApiKey } from '@/api/types'
import { ConfirmDialog } from '@/components/confirm-dialog'
import type { Column } from '@/components/data-table'
import { EmptyState } from '@/components/empty-state'
import { PagedTable } from '@/components/paged-table'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { formatDateTime } from '@/lib/format'
import { useApiKeys, useRevokeApiKey } from '../api/api-keys'

export function ApiKeysTable() {
  const [page, setPage] = useState(0)
  const apiKeys = useApiKeys(page)
  const revoke = useRevokeApiKey()

  const columns: Column<ApiKey>[] = [
    { header: 'Name', cell: (key) => key.name },
    { header: 'Prefix', cell: (key) => <code className="font-mono text-xs">{key.prefix}</code> },
    {
      header: 'Scopes',
      cell: (key) => (
        <span className="flex gap-1">
          {key.scopes.map((scope) => (
            <Badge key={scope} variant="secondary">
              {scope}
            </Badge>
          ))}
        </span>
      ),
    },
    {
      header: 'MCP tools',
      cell: (key) =>
        key.tools == null ? (
          <span className="text-xs text-muted-foreground">All its scopes allow</span>
        ) : (
          <span className="flex flex-wrap gap-1">
            {key.tools.map((tool) => (
              <Badge key={tool} variant="outline" className="font-mono text-xs">
                {tool}
              </Badge>
            ))}
          </span>
        ),
    },
    { header: 'Created', cell: (key) => formatDateTime(key.createdAt) },
    { header: 'Last used', cell: (key) => formatDateTime(key.lastUsedAt, 'Never') },
    {
      header: 'Status',
      cell: (key) =>
        key.revokedAt ? (
          <Badge variant="outline" title={`Revoked ${formatDateTime(key.revokedAt)}`}>
            Revoked
          </Badge>
        ) : (
          <Badge variant="secondary">Active</Badge>
        ),
    },
    {
      header: 'Actions',
      className: 'text-right',
      cell: (key) =>
        !key.revokedAt && (
          <ConfirmDialog
            trigger={
              <Button variant="outline" size="sm" aria-label={`Revoke ${key.name}`}>
                Revoke
              </Button>
            }
            title="Revoke API key?"
            description={`Programs using “${key.name}” (${key.prefix}…) stop working at once. This cannot be undone.`}
            confirmLabel="Revoke"
            onConfirm={() => revoke.mutateAsync(key.id)}
          />
        ),
    },
  ]

  return (
    <PagedTable
      query={apiKeys}
      columns={columns}
      rowKey={(key) => key.id}
      label="API keys"
      onPageChange={setPage}
      empty={
        <EmptyState
          icon={KeyRoundIcon}
          title="No API keys yet"
          description="Create a key to let your own programs call the Switchboard API."
        />
      }
    />
  )
}
