import { CircleAlertIcon, SendIcon } from 'lucide-react'
import { useState } from 'react'
import type { WebhookDelivery, WebhookEndpoint } from '@/api/types'
import type { Column } from '@/components/data-table'
import { EmptyState } from '@/components/empty-state'
import { PagedTable } from '@/components/paged-table'
import { ProblemAlert } from '@/components/problem-alert'
import { Alert, AlertDescription, AlertTitle } from '@/components/ui/alert'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from '@/components/ui/dialog'
import { formatDateTime } from '@/lib/format'
import { useResendDelivery, useWebhookDeliveries } from '../api/webhooks'

const STATUS_LABEL: Record<string, string> = {
  pending: 'Retrying',
  sending: 'Sending',
  succeeded: 'Delivered',
  dead: 'Failed',
}

function StatusBadge({ delivery }: { delivery: WebhookDelivery }) {
  const label =
    delivery.status === 'pending' && delivery.attempts === 0 ? 'Queued' : (STATUS_LABEL[delivery.status] ?? delivery.status)
  const variant =
    delivery.status === 'succeeded'
      ? 'secondary'
      : delivery.status === 'dead'
        ? 'destructive'
        : delivery.status === 'pending' && delivery.attempts > 0
          ? 'warning'
          : 'outline'
  return (
    <Badge variant={variant} data-testid="delivery-status">
      {label}
    </Badge>
  )
}

function Block({ title, children }: { title: string; children: string }) {
  return (
    <div className="grid gap-1">
      <p className="text-sm font-medium">{title}</p>
      <pre className="max-h-56 overflow-auto rounded-md border bg-muted p-2 font-mono text-xs break-all whitespace-pre-wrap">
        {children}
      </pre>
    </div>
  )
}

function prettyJson(text: string) {
  try {
    return JSON.stringify(JSON.parse(text), null, 2)
  } catch {
    return text
  }
}

function DeliveryDetails({ delivery }: { delivery: WebhookDelivery }) {
  return (
    <Dialog>
      <DialogTrigger asChild>
        <Button variant="outline" size="sm" aria-label={`Details of ${delivery.eventType} ${delivery.messageId}`}>
          Details
        </Button>
      </DialogTrigger>
      <DialogContent className="max-h-[90vh] overflow-y-auto sm:max-w-3xl">
        <DialogHeader>
          <DialogTitle>
            {delivery.eventType} <StatusBadge delivery={delivery} />
          </DialogTitle>
          <DialogDescription>
            <code>{delivery.messageId}</code> · {delivery.attempts} attempt{delivery.attempts === 1 ? '' : 's'}
            {delivery.nextAttemptAt && ` · next attempt ${formatDateTime(delivery.nextAttemptAt)}`}
          </DialogDescription>
        </DialogHeader>
        <div className="grid gap-4">
          {Object.keys(delivery.requestHeaders).length > 0 && (
            <Block title="Request headers">
              {Object.entries(delivery.requestHeaders)
                .map(([name, value]) => `${name}: ${value}`)
                .join('\n')}
            </Block>
          )}
          <Block title="Request body">{prettyJson(delivery.requestBody)}</Block>
          <div className="grid gap-1">
            <p className="text-sm font-medium">Attempts</p>
            {delivery.attemptLog.length === 0 ? (
              <p className="text-sm text-muted-foreground">Not attempted yet.</p>
            ) : (
              <ol className="grid gap-2" aria-label="Attempts">
                {delivery.attemptLog.map((attempt) => (
                  <li key={attempt.attemptedAt} className="rounded-md border p-2 text-sm">
                    <div className="flex flex-wrap items-center gap-2">
                      <span>{formatDateTime(attempt.attemptedAt)}</span>
                      {attempt.responseStatus != null ? (
                        <Badge
                          variant={
                            attempt.responseStatus >= 200 && attempt.responseStatus < 300 ? 'secondary' : 'destructive'
                          }
                        >
                          HTTP {attempt.responseStatus}
                        </Badge>
                      ) : (
                        <Badge variant="destructive">No answer</Badge>
                      )}
                      <span className="text-muted-foreground">{attempt.durationMs} ms</span>
                    </div>
                    {attempt.error && <p className="mt-1 text-destructive">{attempt.error}</p>}
                    {attempt.responseBody && (
                      <pre className="mt-1 max-h-32 overflow-auto font-mono text-xs break-all whitespace-pre-wrap">
                        {attempt.responseBody}
                      </pre>
                    )}
                  </li>
                ))}
              </ol>
            )}
          </div>
        </div>
      </DialogContent>
    </Dialog>
  )
}

export function DeliveryLog({ endpoint }: { endpoint: WebhookEndpoint }) {
  const [page, setPage] = useState(0)
  const deliveries = useWebhookDeliveries(endpoint.id, page)
  const resend = useResendDelivery()

  const columns: Column<WebhookDelivery>[] = [
    { header: 'Event', cell: (d) => <code className="font-mono text-xs">{d.eventType}</code> },
    { header: 'Status', cell: (d) => <StatusBadge delivery={d} /> },
    { header: 'Attempts', cell: (d) => d.attempts },
    {
      header: 'Last answer',
      cell: (d) => (d.lastStatus != null ? `HTTP ${d.lastStatus}` : (d.lastError ?? '—')),
    },
    { header: 'Next attempt', cell: (d) => formatDateTime(d.nextAttemptAt) },
    { header: 'Created', cell: (d) => formatDateTime(d.createdAt) },
    {
      header: 'Actions',
      className: 'text-right',
      cell: (d) => (
        <span className="flex justify-end gap-1">
          <DeliveryDetails delivery={d} />
          <Button
            variant="outline"
            size="sm"
            disabled={d.status === 'sending' || !endpoint.enabled || resend.isPending}
            onClick={() => resend.mutate({ id: endpoint.id, deliveryId: d.id })}
            aria-label={`Resend ${d.eventType} ${d.messageId}`}
          >
            Resend
          </Button>
        </span>
      ),
    },
  ]

  return (
    <div className="grid gap-4">
      {!endpoint.enabled && (
        <Alert variant="destructive">
          <CircleAlertIcon aria-hidden />
          <AlertTitle>This endpoint is disabled: nothing is sent to it.</AlertTitle>
          <AlertDescription data-testid="disabled-reason">
            {endpoint.disabledReason ?? 'Disabled.'} Enable it again once the receiver works.
          </AlertDescription>
        </Alert>
      )}
      <ProblemAlert error={resend.error} />
      <PagedTable
        query={deliveries}
        columns={columns}
        rowKey={(d) => d.id}
        label="Deliveries"
        onPageChange={setPage}
        empty={
          <EmptyState
            icon={SendIcon}
            title="No deliveries yet"
            description="Deliveries appear here when a subscribed event happens, or when you send a test event."
          />
        }
      />
    </div>
  )
}
