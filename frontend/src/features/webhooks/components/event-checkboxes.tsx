import type { WebhookEventType } from '@/api/types'
import { Checkbox } from '@/components/ui/checkbox'
import { Label } from '@/components/ui/label'

interface EventCheckboxesProps {
  types: readonly WebhookEventType[]
  value: readonly string[]
  onChange: (events: string[]) => void
  error?: string
}

/** One checkbox per event type; types whose module is not built yet are shown, disabled. */
export function EventCheckboxes({ types, value, onChange, error }: EventCheckboxesProps) {
  const toggle = (type: string, checked: boolean) =>
    onChange(types.map((t) => t.type).filter((t) => (t === type ? checked : value.includes(t))))
  return (
    <fieldset className="grid gap-2">
      <legend className="mb-2 text-sm font-medium">Events</legend>
      <div className="grid max-h-64 gap-2 overflow-y-auto pr-1 sm:grid-cols-2">
        {types.map((t) => (
          <div key={t.type} className="flex items-start gap-2">
            <Checkbox
              id={`event-${t.type}`}
              checked={value.includes(t.type)}
              disabled={!t.available}
              onCheckedChange={(checked) => toggle(t.type, checked === true)}
              aria-describedby={`event-${t.type}-description`}
            />
            <div className="grid gap-0.5">
              <Label htmlFor={`event-${t.type}`} className={t.available ? undefined : 'text-muted-foreground'}>
                <code className="font-mono text-xs">{t.type}</code>
                {!t.available && <span className="text-xs font-normal"> (coming soon)</span>}
              </Label>
              <p id={`event-${t.type}-description`} className="text-xs text-muted-foreground">
                {t.description}
              </p>
            </div>
          </div>
        ))}
      </div>
      {error && <p className="text-sm text-destructive">{error}</p>}
    </fieldset>
  )
}
