import { SearchIcon, XIcon } from 'lucide-react'
import { useEffect, useState } from 'react'
import { Button } from '@/components/ui/button'
import { Input } from '@/components/ui/input'
import { cn } from '@/lib/utils'

const STATUS_TABS = [
  { value: 'open', label: 'Open' },
  { value: 'pending', label: 'Pending' },
  { value: 'snoozed', label: 'Snoozed' },
  { value: 'resolved', label: 'Resolved' },
  { value: 'all', label: 'All' },
] as const

const ASSIGNEE_TABS = [
  { value: 'me', label: 'Mine' },
  { value: 'unassigned', label: 'Unassigned' },
  { value: 'all', label: 'All' },
] as const

function Segmented<T extends string>({
  label,
  options,
  value,
  onChange,
}: {
  label: string
  options: readonly { value: T; label: string }[]
  value: T
  onChange: (value: T) => void
}) {
  return (
    <div role="tablist" aria-label={label} className="flex flex-wrap gap-0.5 rounded-md bg-muted p-0.5">
      {options.map((option) => (
        <button
          key={option.value}
          type="button"
          role="tab"
          aria-selected={value === option.value}
          onClick={() => onChange(option.value)}
          className={cn(
            'flex-1 rounded-sm px-2 py-1 text-xs font-medium text-muted-foreground',
            value === option.value && 'bg-background text-foreground shadow-xs',
          )}
        >
          {option.label}
        </button>
      ))}
    </div>
  )
}

const SEARCH_DELAY_MS = 300

interface ConversationFiltersBarProps {
  status: string
  assignee: string
  q: string
  contactId?: string
  onChange: (change: { status?: string; assignee?: string; q?: string; contactId?: null }) => void
}

export function ConversationFiltersBar({ status, assignee, q, contactId, onChange }: ConversationFiltersBarProps) {
  const [draft, setDraft] = useState(q)
  // The URL changed the search (back button, a link): show it, unless it is what is being typed.
  const [shownQ, setShownQ] = useState(q)
  if (q !== shownQ) {
    setShownQ(q)
    if (q !== draft.trim()) setDraft(q)
  }
  useEffect(() => {
    if (draft.trim() === q) return
    const timer = setTimeout(() => onChange({ q: draft.trim() }), SEARCH_DELAY_MS)
    return () => clearTimeout(timer)
  }, [draft, q, onChange])

  return (
    <div className="grid gap-2 border-b p-3">
      <div className="relative">
        <SearchIcon aria-hidden className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-muted-foreground" />
        <Input
          type="search"
          aria-label="Search messages"
          placeholder="Filter conversations by exact words…"
          className="pl-8"
          value={draft}
          onChange={(event) => setDraft(event.target.value)}
        />
      </div>
      <Segmented
        label="Status"
        options={STATUS_TABS}
        value={status as (typeof STATUS_TABS)[number]['value']}
        onChange={(value) => onChange({ status: value })}
      />
      <Segmented
        label="Assignee"
        options={ASSIGNEE_TABS}
        value={assignee as (typeof ASSIGNEE_TABS)[number]['value']}
        onChange={(value) => onChange({ assignee: value })}
      />
      {contactId && (
        <Button variant="outline" size="sm" className="justify-between" onClick={() => onChange({ contactId: null })}>
          One contact only
          <XIcon aria-hidden />
        </Button>
      )}
    </div>
  )
}
