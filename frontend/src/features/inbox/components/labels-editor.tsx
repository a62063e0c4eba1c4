import { XIcon } from 'lucide-react'
import { useState } from 'react'
import { Badge } from '@/components/ui/badge'
import { Input } from '@/components/ui/input'

interface LabelsEditorProps {
  labels: readonly string[]
  disabled?: boolean
  onChange: (labels: string[]) => void
}

const MAX_LABELS = 20

/** Labels as removable chips and an input that adds one on Enter. */
export function LabelsEditor({ labels, disabled, onChange }: LabelsEditorProps) {
  const [draft, setDraft] = useState('')
  const add = () => {
    const label = draft.trim().slice(0, 50)
    if (!label) return
    setDraft('')
    if (!labels.includes(label) && labels.length < MAX_LABELS) onChange([...labels, label])
  }
  return (
    <div className="flex flex-wrap items-center gap-1" data-testid="labels-editor">
      {labels.map((label) => (
        <Badge key={label} variant="secondary" className="gap-1 pr-1">
          {label}
          <button
            type="button"
            className="rounded-sm hover:bg-background/60 disabled:opacity-50"
            aria-label={`Remove label ${label}`}
            disabled={disabled}
            onClick={() => onChange(labels.filter((other) => other !== label))}
          >
            <XIcon aria-hidden className="size-3" />
          </button>
        </Badge>
      ))}
      <Input
        aria-label="Add label"
        placeholder="Add label…"
        className="h-7 w-28 text-xs"
        value={draft}
        disabled={disabled || labels.length >= MAX_LABELS}
        onChange={(event) => setDraft(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault()
            add()
          }
        }}
        onBlur={add}
      />
    </div>
  )
}
