import { CheckCheckIcon, CheckIcon, CircleAlertIcon, ClockIcon } from 'lucide-react'
import { cn } from '@/lib/utils'
import { deliveryLabel } from '../api/message-content'

/** Ticks for an outbound message: queued (clock), sent (✓), delivered (✓✓), read (blue ✓✓), failed (!). */
export function DeliveryState({ state, error }: { state: string; error?: string | null }) {
  const label = state === 'failed' && error ? `Failed: ${error}` : deliveryLabel(state)
  const Icon =
    state === 'queued' ? ClockIcon : state === 'sent' ? CheckIcon : state === 'failed' ? CircleAlertIcon : CheckCheckIcon
  return (
    <span
      data-testid="delivery-state"
      data-state={state}
      role="img"
      aria-label={label}
      title={label}
      className={cn(
        'inline-flex items-center',
        state === 'read' && 'text-sky-500',
        state === 'failed' && 'text-destructive',
      )}
    >
      <Icon aria-hidden className="size-3.5" />
    </span>
  )
}
