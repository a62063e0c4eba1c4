import type { CallStatus } from '@/api/types'
import { Badge } from '@/components/ui/badge'

const variants: Record<CallStatus, 'default' | 'secondary' | 'destructive' | 'outline' | 'warning'> = {
  queued: 'outline',
  ringing: 'warning',
  'in-progress': 'default',
  completed: 'secondary',
  failed: 'destructive',
  'no-answer': 'outline',
  busy: 'outline',
  cancelled: 'outline',
}

export function CallStatusBadge({ status }: { status: CallStatus }) {
  return (
    <Badge variant={variants[status]} data-testid="call-status">
      {status}
    </Badge>
  )
}
