import { ZapIcon } from 'lucide-react'
import { Link } from 'react-router'
import type { QuickReply } from '@/api/types'
import { Spinner } from '@/components/ui/spinner'
import { cn } from '@/lib/utils'
import { QUICK_REPLY_LISTBOX_ID, quickReplyOptionId } from '../api/quick-replies'

interface QuickReplyPickerProps {
  query: string
  items: readonly QuickReply[] | undefined
  loading: boolean
  activeIndex: number
  onHover: (index: number) => void
  onChoose: (reply: QuickReply) => void
}

/** Quick replies matching what follows the "/", navigable with the arrow keys from the composer. */
export function QuickReplyPicker({ query, items, loading, activeIndex, onHover, onChoose }: QuickReplyPickerProps) {
  return (
    <div className="rounded-md border bg-popover text-popover-foreground shadow-md" data-testid="quick-reply-picker">
      <div className="flex items-center gap-2 border-b px-3 py-1.5 text-xs text-muted-foreground">
        <ZapIcon aria-hidden className="size-3" />
        Quick replies{query ? ` matching “${query}”` : ''} · ↑↓ to choose, Enter to insert, Esc to close
        {loading && <Spinner aria-hidden className="ml-auto size-3" />}
      </div>
      {items && items.length === 0 ? (
        <p className="px-3 py-2 text-sm text-muted-foreground">
          No quick reply matches. <Link to="/quick-replies" className="underline underline-offset-2">Manage quick replies</Link>
        </p>
      ) : (
        <ul id={QUICK_REPLY_LISTBOX_ID} role="listbox" aria-label="Quick replies" className="max-h-56 overflow-y-auto py-1">
          {(items ?? []).map((reply, index) => (
            <li
              key={reply.id}
              id={quickReplyOptionId(reply.id)}
              role="option"
              aria-selected={index === activeIndex}
              className={cn(
                'grid cursor-pointer gap-0.5 px-3 py-1.5 text-sm',
                index === activeIndex && 'bg-accent text-accent-foreground',
              )}
              onMouseEnter={() => onHover(index)}
              onMouseDown={(event) => {
                event.preventDefault() // keep the focus in the composer
                onChoose(reply)
              }}
            >
              <span>
                <span className="font-mono text-xs">/{reply.shortcut}</span> <span className="font-medium">{reply.title}</span>
              </span>
              <span className="truncate text-xs text-muted-foreground">{reply.body}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
