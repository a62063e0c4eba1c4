import { MessagesSquareIcon } from 'lucide-react'
import { useCallback, useMemo } from 'react'
import { useSearchParams } from 'react-router'
import { EmptyState } from '@/components/empty-state'
import type { ConversationFilters } from '../api/conversations'
import { useInboxStream } from '../hooks/use-inbox-stream'
import { ConversationFiltersBar } from './conversation-filters'
import { ConversationList } from './conversation-list'
import { ConversationThread } from './conversation-thread'
import { MessageSearchBox, MessageSearchResults } from './message-search'
import { QueueBanner } from './queue-banner'

/** Three panes: conversations, the open thread, the contact. Filters live in the URL. */
export function Inbox({ conversationId }: { conversationId?: string }) {
  useInboxStream()
  const [params, setParams] = useSearchParams()
  const status = params.get('status') ?? 'open'
  const assignee = params.get('assignee') ?? 'all'
  const q = params.get('q') ?? ''
  const contactId = params.get('contactId') ?? undefined
  const find = params.get('find') ?? ''

  const filters = useMemo<ConversationFilters>(
    () => ({
      ...(status !== 'all' && { status }),
      ...(assignee !== 'all' && { assignee }),
      ...(q && { q }),
      ...(contactId && { contactId }),
    }),
    [status, assignee, q, contactId],
  )

  const changeFilters = useCallback(
    (change: { status?: string; assignee?: string; q?: string; contactId?: null; find?: string }) =>
      setParams(
        (current) => {
          const next = new URLSearchParams(current)
          for (const [key, value] of Object.entries(change)) {
            if (value === null || value === '' || value === undefined) next.delete(key)
            else next.set(key, value)
          }
          return next
        },
        { replace: true },
      ),
    [setParams],
  )

  const changeFind = useCallback((value: string) => changeFilters({ find: value }), [changeFilters])

  return (
    <div className="grid gap-3">
      <QueueBanner />
      <div
        className="grid h-[calc(100svh-9.5rem)] min-h-[28rem] grid-cols-[20rem_minmax(0,1fr)] overflow-hidden rounded-lg border bg-card"
        data-testid="inbox"
      >
        <div className="flex min-h-0 flex-col border-r">
          <MessageSearchBox find={find} onChange={changeFind} />
          <ConversationFiltersBar status={status} assignee={assignee} q={q} contactId={contactId} onChange={changeFilters} />
          {find ? (
            <MessageSearchResults find={find} search={params.toString() ? `?${params.toString()}` : ''} onClear={() => changeFind('')} />
          ) : (
            <ConversationList filters={filters} selectedId={conversationId} />
          )}
        </div>
        {conversationId ? (
          <ConversationThread key={conversationId} conversationId={conversationId} />
        ) : (
          <div className="grid place-items-center p-6">
            <EmptyState
              icon={MessagesSquareIcon}
              title="Pick a conversation"
              description="Choose a conversation on the left to read it and reply. New messages show up here live."
            />
          </div>
        )}
      </div>
    </div>
  )
}
