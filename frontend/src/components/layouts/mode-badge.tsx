import { Badge } from '@/components/ui/badge'
import { describeMode, useSystemStatus } from '@/lib/system-status'

/** How this instance runs, e.g. "Offline mode · embedded database · dev mailbox". */
export function ModeBadge() {
  const { data: status } = useSystemStatus()
  if (!status) return null
  return (
    <Badge
      variant={status.offline ? 'warning' : 'secondary'}
      data-testid="mode-badge"
      title={`Switchboard ${status.version} · one-time codes: ${status.otpDelivery}`}
    >
      {describeMode(status)}
    </Badge>
  )
}
