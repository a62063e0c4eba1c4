import { CableIcon } from 'lucide-react'
import { useState, type ReactNode } from 'react'
import type { Channel } from '@/api/types'
import { CopyButton } from '@/components/copy-button'
import type { Column } from '@/components/data-table'
import { EmptyState } from '@/components/empty-state'
import { PagedTable } from '@/components/paged-table'
import { ProblemAlert } from '@/components/problem-alert'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { useCanManageOrganization } from '@/lib/auth'
import { channelTypeLabel } from '../api/channel-types'
import { useChannels, useUpdateChannel } from '../api/channels'
import { EditChannelDialog } from './edit-channel-dialog'
import { SimulateInboundDialog } from './simulate-inbound-dialog'
import { TestMessageDialog } from './test-message-dialog'

export function ChannelsTable({ emptyAction }: { emptyAction?: ReactNode }) {
  const [page, setPage] = useState(0)
  const channels = useChannels(page)
  const update = useUpdateChannel()
  const canManage = useCanManageOrganization()

  const columns: Column<Channel>[] = [
    { header: 'Name', cell: (channel) => <span className="font-medium">{channel.name}</span> },
    { header: 'Type', cell: (channel) => channelTypeLabel(channel.type) },
    {
      header: 'Status',
      cell: (channel) =>
        channel.enabled ? <Badge variant="secondary">Enabled</Badge> : <Badge variant="outline">Disabled</Badge>,
    },
    {
      header: 'Webhook URL',
      cell: (channel) =>
        channel.webhookUrl ? (
          <span className="flex max-w-80 items-center gap-2">
            <code className="min-w-0 truncate font-mono text-xs" title={channel.webhookUrl}>
              {channel.webhookUrl}
            </code>
            <CopyButton text={channel.webhookUrl} />
          </span>
        ) : (
          <span className="text-xs text-muted-foreground">No webhook</span>
        ),
    },
    {
      header: 'Actions',
      className: 'text-right',
      cell: (channel) => (
        <span className="flex flex-wrap justify-end gap-2">
          {channel.type === 'sandbox' && <SimulateInboundDialog channel={channel} />}
          {canManage && <TestMessageDialog channel={channel} />}
          {canManage && <EditChannelDialog channel={channel} />}
          {canManage && (
            <Button
              variant="outline"
              size="sm"
              aria-label={`${channel.enabled ? 'Disable' : 'Enable'} ${channel.name}`}
              disabled={update.isPending}
              onClick={() => update.mutate({ id: channel.id, enabled: !channel.enabled })}
            >
              {channel.enabled ? 'Disable' : 'Enable'}
            </Button>
          )}
        </span>
      ),
    },
  ]

  return (
    <div className="grid gap-3">
      <ProblemAlert error={update.error} />
      <PagedTable
        query={channels}
        columns={columns}
        rowKey={(channel) => channel.id}
        label="Channels"
        onPageChange={setPage}
        empty={
          <EmptyState
            icon={CableIcon}
            title="No channels yet"
            description="Connect WhatsApp, SMS or a sandbox channel to start receiving customer messages in the Inbox."
            action={emptyAction}
          />
        }
      />
    </div>
  )
}
