import type { DevMail } from '@/api/types'
import { formatDateTime } from '@/lib/format'
import { cn } from '@/lib/utils'

interface MailListProps {
  mails: readonly DevMail[]
  selectedId: string | null
  onSelect: (id: string) => void
}

export function MailList({ mails, selectedId, onSelect }: MailListProps) {
  return (
    <ul className="grid divide-y rounded-lg border" aria-label="Emails">
      {mails.map((mail) => (
        <li key={mail.id}>
          <button
            type="button"
            data-testid="mail-item"
            aria-current={mail.id === selectedId || undefined}
            onClick={() => onSelect(mail.id)}
            className={cn(
              'grid w-full gap-0.5 px-3 py-2 text-left text-sm hover:bg-muted/60',
              mail.id === selectedId && 'bg-muted',
            )}
          >
            <span className="truncate font-medium">{mail.subject}</span>
            <span className="truncate text-muted-foreground">{mail.to}</span>
            <span className="text-xs text-muted-foreground">{formatDateTime(mail.createdAt)}</span>
          </button>
        </li>
      ))}
    </ul>
  )
}
