import { WebhookIcon } from 'lucide-react'
import { useState } from 'react'
import type { WebhookEndpoint, WebhookSecret } from '@/api/types'
import { ConfirmDialog } from '@/components/confirm-dialog'
import type { Column } from '@/components/data-table'
import { EmptyState } from '@/components/empty-state'
import { PagedTable } from '@/components/paged-table'
import { ProblemAlert } from '@/components/problem-alert'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import {
  Dialog,
  DialogClose,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from '@/components/ui/dialog'
import { formatDateTime } from '@/lib/format'
import {
  useDeleteWebhook,
  useRotateWebhookSecret,
  useSendTestWebhook,
  useUpdateWebhook,
  useWebhookEndpoints,
} from '../api/webhooks'
import { NewSecret } from './new-secret'

interface WebhookEndpointsTableProps {
  selectedId: string | null
  onSelect: (endpoint: WebhookEndpoint) => void
}

export function WebhookEndpointsTable({ selectedId, onSelect }: WebhookEndpointsTableProps) {
  const [page, setPage] = useState(0)
  const endpoints = useWebhookEndpoints(page)
  const update = useUpdateWebhook()
  const remove = useDeleteWebhook()
  const rotate = useRotateWebhookSecret()
  const sendTest = useSendTestWebhook()
  const [rotated, setRotated] = useState<WebhookSecret | null>(null)

  const columns: Column<WebhookEndpoint>[] = [
    {
      header: 'Endpoint',
      cell: (endpoint) => (
        <div className="grid max-w-md gap-0.5">
          <code className="font-mono text-xs break-all">{endpoint.url}</code>
          {endpoint.description && <span className="text-xs text-muted-foreground">{endpoint.description}</span>}
        </div>
      ),
    },
    {
      header: 'Events',
      cell: (endpoint) => (
        <span className="flex max-w-xs flex-wrap gap-1">
          {endpoint.events.map((type) => (
            <Badge key={type} variant="secondary">
              {type}
            </Badge>
          ))}
        </span>
      ),
    },
    {
      header: 'Status',
      cell: (endpoint) =>
        endpoint.enabled ? (
          <Badge variant="secondary">Enabled</Badge>
        ) : (
          <Badge variant="destructive" title={endpoint.disabledReason ?? undefined}>
            Disabled
          </Badge>
        ),
    },
    { header: 'Created', cell: (endpoint) => formatDateTime(endpoint.createdAt) },
    {
      header: 'Actions',
      className: 'text-right',
      cell: (endpoint) => (
        <span className="flex flex-wrap justify-end gap-1">
          <Button
            variant={selectedId === endpoint.id ? 'default' : 'outline'}
            size="sm"
            onClick={() => onSelect(endpoint)}
            aria-label={`Deliveries of ${endpoint.url}`}
          >
            Deliveries
          </Button>
          <Button
            variant="outline"
            size="sm"
            disabled={!endpoint.enabled || sendTest.isPending}
            onClick={() => {
              onSelect(endpoint)
              sendTest.mutate(endpoint.id)
            }}
            aria-label={`Send a test event to ${endpoint.url}`}
          >
            Send test
          </Button>
          <Button
            variant="outline"
            size="sm"
            disabled={update.isPending}
            onClick={() => update.mutate({ id: endpoint.id, body: { enabled: !endpoint.enabled } })}
            aria-label={`${endpoint.enabled ? 'Disable' : 'Enable'} ${endpoint.url}`}
          >
            {endpoint.enabled ? 'Disable' : 'Enable'}
          </Button>
          <ConfirmDialog
            trigger={
              <Button variant="outline" size="sm" aria-label={`Rotate the secret of ${endpoint.url}`}>
                Rotate secret
              </Button>
            }
            title="Rotate signing secret?"
            description="A new secret signs from now on. For 24 hours every request also carries a signature made with the old secret, so you can update your receiver without losing events."
            confirmLabel="Rotate"
            onConfirm={() => rotate.mutateAsync(endpoint.id).then(setRotated)}
          />
          <ConfirmDialog
            trigger={
              <Button variant="outline" size="sm" aria-label={`Delete ${endpoint.url}`}>
                Delete
              </Button>
            }
            title="Delete webhook endpoint?"
            description={`No more events go to ${endpoint.url}, and its delivery log is deleted.`}
            confirmLabel="Delete"
            onConfirm={() => remove.mutateAsync(endpoint.id)}
          />
        </span>
      ),
    },
  ]

  return (
    <div className="grid gap-4">
      <ProblemAlert error={update.error ?? sendTest.error} />
      <PagedTable
        query={endpoints}
        columns={columns}
        rowKey={(endpoint) => endpoint.id}
        label="Webhook endpoints"
        onPageChange={setPage}
        empty={
          <EmptyState
            icon={WebhookIcon}
            title="No webhook endpoints yet"
            description="Add an endpoint to have Switchboard POST signed events (new messages, conversations, contacts, low credits) to your systems."
          />
        }
      />
      <Dialog open={rotated !== null} onOpenChange={(open) => !open && setRotated(null)}>
        <DialogContent>
          <DialogHeader>
            <DialogTitle>New signing secret</DialogTitle>
            <DialogDescription>
              The previous secret keeps signing too until {formatDateTime(rotated?.previousSecretExpiresAt)}.
            </DialogDescription>
          </DialogHeader>
          {rotated && <NewSecret secret={rotated.secret} />}
          <DialogFooter>
            <DialogClose asChild>
              <Button>Done</Button>
            </DialogClose>
          </DialogFooter>
        </DialogContent>
      </Dialog>
    </div>
  )
}
