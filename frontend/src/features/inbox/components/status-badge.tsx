import { Badge } from '@/components/ui/badge'

const VARIANTS: Record<string, 'default' | 'secondary' | 'outline' | 'warning'> = {
  open: 'default',
  pending: 'warning',
  snoozed: 'outline',
  resolved: 'secondary',
}

export function StatusBadge({ status }: { status: string }) {
  return (
    <Badge variant={VARIANTS[status] ?? 'outline'} data-testid="conversation-status">
      {status.charAt(0).toUpperCase() + status.slice(1)}
    </Badge>
  )
}
