import { QueryState } from '@/components/query-state'
import { Badge } from '@/components/ui/badge'
import { formatLag, useQueueHealth } from '@/lib/queue-health'

function Stat({ label, value, alert }: { label: string; value: string | number; alert?: boolean }) {
  return (
    <div className="grid gap-0.5 rounded-md border p-3">
      <dt className="text-xs text-muted-foreground">{label}</dt>
      <dd className={alert ? 'text-lg font-semibold text-destructive' : 'text-lg font-semibold'}>{value}</dd>
    </div>
  )
}

/** Backlog and lag of the inbound (webhooks → inbox) and outbound (replies → provider) queues. */
export function QueueHealthCard() {
  const health = useQueueHealth()
  return (
    <QueryState query={health} skeletonRows={2}>
      {(queues) => (
        <div className="grid gap-3" data-testid="queue-health">
          <p className="flex items-center gap-2 text-sm">
            {queues.behind ? (
              <Badge variant="destructive">Behind</Badge>
            ) : (
              <Badge variant="secondary">Healthy</Badge>
            )}
            <span className="text-muted-foreground">
              {queues.behind
                ? 'Messages are waiting longer than usual to be processed.'
                : 'Messages are processed as they arrive.'}
            </span>
          </p>
          {queues.pausedChannels.length > 0 && (
            <p className="flex items-center gap-2 text-sm" data-testid="paused-channels">
              <Badge variant="destructive">Paused</Badge>
              <span className="text-muted-foreground">
                {queues.pausedChannels.length === 1 ? 'One channel' : `${queues.pausedChannels.length} channels`}: the
                provider keeps failing, so sending waits a moment before trying again. Replies stay queued.
              </span>
            </p>
          )}
          <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
            <Stat label="Inbound pending" value={queues.inboundPending} />
            <Stat label="Inbound failed" value={queues.inboundFailed} alert={queues.inboundFailed > 0} />
            <Stat label="Inbound lag" value={formatLag(queues.inboundLagSeconds)} />
            <Stat label="Outbound queued" value={queues.outboundQueued} />
            <Stat label="Outbound failed" value={queues.outboundFailed} alert={queues.outboundFailed > 0} />
            <Stat label="Outbound lag" value={formatLag(queues.outboundLagSeconds)} />
          </dl>
        </div>
      )}
    </QueryState>
  )
}
