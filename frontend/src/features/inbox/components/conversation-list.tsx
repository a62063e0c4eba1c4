import { useVirtualizer } from '@tanstack/react-virtual'
import { InboxIcon } from 'lucide-react'
import { useEffect, useMemo, useRef } from 'react'
import { Link, useLocation } from 'react-router'
import type { Conversation } from '@/api/types'
import { EmptyState } from '@/components/empty-state'
import { ProblemAlert } from '@/components/problem-alert'
import { Badge } from '@/components/ui/badge'
import { Skeleton } from '@/components/ui/skeleton'
import { Spinner } from '@/components/ui/spinner'
import { formatDateTime, formatRelative } from '@/lib/format'
import { cn } from '@/lib/utils'
import { flattenPages, useConversations, type ConversationFilters } from '../api/conversations'
import { StatusBadge } from './status-badge'

const ROW_HEIGHT = 76
const LOAD_MORE_WHEN_WITHIN = 10

function ConversationRow({ conversation, selected, search }: { conversation: Conversation; selected: boolean; search: string }) {
  const title = conversation.contactName || conversation.contactPhone || 'Unknown contact'
  const unread = conversation.unreadCount > 0
  return (
    <Link
      to={{ pathname: `/inbox/${conversation.id}`, search }}
      data-testid="conversation-row"
      aria-current={selected ? 'true' : undefined}
      className={cn(
        'grid h-full grid-cols-[1fr_auto] content-center gap-x-2 gap-y-1 border-b px-3 text-sm hover:bg-accent',
        selected && 'bg-accent',
      )}
    >
      <span className={cn('truncate', unread ? 'font-semibold' : 'font-medium')}>{title}</span>
      <time
        className="text-xs whitespace-nowrap text-muted-foreground"
        dateTime={conversation.lastMessageAt}
        title={formatDateTime(conversation.lastMessageAt)}
      >
        {formatRelative(conversation.lastMessageAt)}
      </time>
      <span className="truncate text-xs text-muted-foreground">{conversation.lastMessagePreview ?? ''}</span>
      <span className="flex items-center gap-1">
        {unread && (
          <Badge className="rounded-full px-1.5" aria-label={`${conversation.unreadCount} unread`} data-testid="unread-badge">
            {conversation.unreadCount}
          </Badge>
        )}
        <StatusBadge status={conversation.status} />
      </span>
    </Link>
  )
}

interface ConversationListProps {
  filters: ConversationFilters
  selectedId?: string
}

/** The inbox list: virtualised (only visible rows are in the DOM) and paged 50 at a time as you scroll. */
export function ConversationList({ filters, selectedId }: ConversationListProps) {
  const conversations = useConversations(filters)
  const { search } = useLocation()
  const items = useMemo(() => flattenPages(conversations.data?.pages), [conversations.data])
  const scroller = useRef<HTMLDivElement>(null)
  // oxlint-disable-next-line react/incompatible-library -- TanStack Virtual re-renders this component itself
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    getItemKey: (index) => items[index]?.id ?? index,
  })
  const virtualItems = virtualizer.getVirtualItems()
  const lastIndex = virtualItems[virtualItems.length - 1]?.index ?? -1
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = conversations

  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && lastIndex >= items.length - LOAD_MORE_WHEN_WITHIN) void fetchNextPage()
  }, [lastIndex, items.length, hasNextPage, isFetchingNextPage, fetchNextPage])

  if (conversations.isPending) {
    return (
      <div className="grid content-start gap-2 p-3" aria-busy="true" aria-label="Loading conversations">
        {Array.from({ length: 6 }, (_, index) => (
          <Skeleton key={index} className="h-14 w-full" />
        ))}
      </div>
    )
  }
  if (conversations.isError) return <ProblemAlert error={conversations.error} className="m-3" />
  if (items.length === 0) {
    return (
      <EmptyState
        icon={InboxIcon}
        className="m-3"
        title="No conversations here"
        description={
          filters.q
            ? 'No message matches this search. Try other words or another status.'
            : 'Conversations appear as soon as a customer writes on one of your channels. Try another filter, or simulate a message from a sandbox channel.'
        }
        action={<Link to="/channels" className="text-sm font-medium underline-offset-4 hover:underline">Go to Channels</Link>}
      />
    )
  }

  const total = conversations.data.pages[0]?.totalItems ?? items.length
  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <p className="px-3 py-1 text-xs text-muted-foreground" data-testid="conversation-count">
        {total} conversation{total === 1 ? '' : 's'}
      </p>
      <div ref={scroller} className="min-h-0 flex-1 overflow-y-auto" data-testid="conversation-list">
        <ul aria-label="Conversations" className="relative w-full" style={{ height: virtualizer.getTotalSize() }}>
          {virtualItems.map((row) => {
            const conversation = items[row.index]
            return (
              <li
                key={row.key}
                className="absolute top-0 left-0 w-full"
                style={{ height: row.size, transform: `translateY(${row.start}px)` }}
              >
                <ConversationRow conversation={conversation} selected={conversation.id === selectedId} search={search} />
              </li>
            )
          })}
        </ul>
        {isFetchingNextPage && (
          <div className="flex justify-center p-2" aria-label="Loading more conversations">
            <Spinner className="text-muted-foreground" />
          </div>
        )}
      </div>
    </div>
  )
}
