import { TriangleAlertIcon } from 'lucide-react'
import { Alert, AlertDescription, AlertTitle } from '@/components/ui/alert'
import { formatLag, useQueueHealth } from '@/lib/queue-health'

/** Warns when inbound or outbound processing lags behind. */
export function QueueBanner() {
  const health = useQueueHealth()
  if (!health.data?.behind) return null
  return (
    <Alert variant="warning" role="status" data-testid="queue-behind-banner">
      <TriangleAlertIcon aria-hidden />
      <AlertTitle>Messages are delayed</AlertTitle>
      <AlertDescription>
        Incoming lag {formatLag(health.data.inboundLagSeconds)}, outgoing lag {formatLag(health.data.outboundLagSeconds)}.
        New messages may show up late; replies are queued and will be sent.
      </AlertDescription>
    </Alert>
  )
}
