import { DownloadIcon, MegaphoneIcon } from 'lucide-react'
import { useState } from 'react'
import { ConfirmDialog } from '@/components/confirm-dialog'
import type { Column } from '@/components/data-table'
import { EmptyState } from '@/components/empty-state'
import { PagedTable } from '@/components/paged-table'
import { ProblemAlert } from '@/components/problem-alert'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { formatDateTime } from '@/lib/format'
import {
  type Campaign,
  downloadCampaignResults,
  formatEta,
  useCampaignAction,
  useCampaigns,
  useDeleteCampaign,
} from '../api/campaigns'

function ProgressCell({ campaign }: { campaign: Campaign }) {
  const p = campaign.progress
  return (
    <div className="grid min-w-64 gap-1" data-testid={`progress-${campaign.name}`}>
      <div
        className="h-2 w-full overflow-hidden rounded bg-muted"
        role="progressbar"
        aria-label={`${campaign.name} progress`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={p.percentDone}
      >
        <div className="h-full bg-primary transition-all" style={{ width: `${p.percentDone}%` }} />
      </div>
      <span className="text-xs text-muted-foreground">
        {p.percentDone}% of {p.total} · queued {p.queued} · sent {p.sent} · delivered {p.delivered} · read {p.read} · replied{' '}
        {p.replied} · failed {p.failed} · opted out {p.optedOut + campaign.excludedOptedOut}
        {campaign.excludedNoConsent > 0 ? ` · no consent ${campaign.excludedNoConsent}` : ''}
        {campaign.status === 'running' ? ` · ETA ${formatEta(p.etaSeconds)}` : ''}
      </span>
      {p.failureReasons.length > 0 && (
        <ul className="text-xs text-destructive">
          {p.failureReasons.map((f) => (
            <li key={f.reason}>
              {f.count} × {f.reason}
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}

export function CampaignsTable() {
  const [page, setPage] = useState(0)
  const [downloadError, setDownloadError] = useState<unknown>(null)
  const campaigns = useCampaigns(page)
  const action = useCampaignAction()
  const remove = useDeleteCampaign()
  const columns: Column<Campaign>[] = [
    {
      header: 'Campaign',
      cell: (c) => (
        <span className="flex flex-col">
          <span className="font-medium">{c.name}</span>
          <span className="text-xs text-muted-foreground">
            {c.templateName} · {c.ratePerSecond}/s
          </span>
        </span>
      ),
    },
    {
      header: 'Status',
      cell: (c) => (
        <span className="flex flex-col gap-1">
          <Badge variant={c.status === 'running' ? 'default' : c.status === 'cancelled' ? 'destructive' : 'secondary'}>
            {c.status}
          </Badge>
          {c.status === 'scheduled' && <span className="text-xs">{formatDateTime(c.scheduledAt)}</span>}
        </span>
      ),
    },
    { header: 'Progress', cell: (c) => <ProgressCell campaign={c} /> },
    {
      header: 'Actions',
      className: 'text-right',
      cell: (c) => (
        <span className="flex justify-end gap-2">
          {(c.status === 'running' || c.status === 'scheduled') && (
            <Button size="sm" variant="outline" onClick={() => action.mutate({ id: c.id, action: 'pause' })}>
              Pause
            </Button>
          )}
          {c.status === 'paused' && (
            <Button size="sm" onClick={() => action.mutate({ id: c.id, action: 'resume' })}>
              Resume
            </Button>
          )}
          {['scheduled', 'running', 'paused', 'draft'].includes(c.status) && (
            <ConfirmDialog
              trigger={
                <Button size="sm" variant="outline">
                  Cancel
                </Button>
              }
              title={`Cancel ${c.name}?`}
              description="Nothing more is sent; messages already queued still go out. Unused credits are released."
              confirmLabel="Cancel campaign"
              onConfirm={() => action.mutateAsync({ id: c.id, action: 'cancel' })}
            />
          )}
          {c.status !== 'draft' && (
            <Button
              size="sm"
              variant="outline"
              aria-label={`Results of ${c.name} as CSV`}
              title="Every recipient's status, delivery, reply and opt-out"
              onClick={() => {
                setDownloadError(null)
                downloadCampaignResults(c).catch(setDownloadError)
              }}
            >
              <DownloadIcon aria-hidden />
              CSV
            </Button>
          )}
          {['draft', 'completed', 'cancelled'].includes(c.status) && (
            <ConfirmDialog
              trigger={
                <Button size="sm" variant="outline" aria-label={`Delete ${c.name}`}>
                  Delete
                </Button>
              }
              title={`Delete ${c.name}?`}
              description="Its results are deleted too. Messages stay in the inbox."
              confirmLabel="Delete"
              onConfirm={() => remove.mutateAsync(c.id)}
            />
          )}
        </span>
      ),
    },
  ]
  return (
    <div className="grid gap-3">
      <ProblemAlert error={action.error ?? remove.error ?? downloadError} />
      <PagedTable
        query={campaigns}
        columns={columns}
        rowKey={(c) => c.id}
        label="Campaigns"
        onPageChange={setPage}
        empty={
          <EmptyState
            icon={MegaphoneIcon}
            title="No campaigns yet"
            description="Upload a CSV of contacts, pick a template and send: paced, once per contact, with live progress."
          />
        }
      />
    </div>
  )
}
