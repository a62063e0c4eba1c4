import { MessagesSquareIcon, StickyNoteIcon } from 'lucide-react'
import { useLayoutEffect, useMemo, useRef } from 'react'
import type { AgentRun, Message } from '@/api/types'
import { AgentTraceView } from '@/components/agent-trace'
import { type Citation, CitationList } from '@/components/citation-list'
import { EmptyState } from '@/components/empty-state'
import { ProblemAlert } from '@/components/problem-alert'
import { Skeleton } from '@/components/ui/skeleton'
import { Spinner } from '@/components/ui/spinner'
import { formatDateTime } from '@/lib/format'
import { cn } from '@/lib/utils'
import { flattenPages, useAgentRuns, useMessages } from '../api/conversations'
import { chronological, isNote } from '../api/message-content'
import { DeliveryState } from './delivery-state'
import { MessageBody } from './message-body'

const LOAD_OLDER_THRESHOLD_PX = 120
const STICK_TO_BOTTOM_PX = 160

const time = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' })

function Citations({ message }: { message: Message }) {
  const content = message.content as { type: string; citations?: Citation[] | null }
  const citations = content.type === 'text' ? (content.citations ?? []) : []
  if (citations.length === 0) return null
  return (
    <CitationList
      citations={citations}
      textClassName="text-[0.7rem]"
      itemClassName="border-current/30 px-1.5 py-0.5"
      testId="message-citations"
    />
  )
}

/** "Why?": the trace of the agent run that produced this message. */
function WhyPopover({ run }: { run: AgentRun }) {
  return (
    <details className="text-xs" data-testid="why">
      <summary className="cursor-pointer underline underline-offset-2">Why?</summary>
      <div className="mt-2 max-h-96 w-[min(36rem,80vw)] overflow-y-auto rounded-md border bg-background p-3 text-foreground shadow-md">
        <AgentTraceView trace={run.trace} />
      </div>
    </details>
  )
}

function MessageBubble({ message, run }: { message: Message; run?: AgentRun }) {
  const note = isNote(message)
  const outbound = message.direction === 'outbound'
  return (
    <li
      data-testid="message"
      data-direction={message.direction}
      data-kind={message.kind}
      className={cn('flex', outbound || note ? 'justify-end' : 'justify-start')}
    >
      <div
        className={cn(
          'grid max-w-[75%] gap-1 rounded-lg px-3 py-2 text-sm shadow-xs',
          note && 'border border-amber-300 bg-amber-50 text-amber-950',
          !note && outbound && 'bg-primary text-primary-foreground',
          !note && !outbound && 'bg-muted',
        )}
      >
        {note && (
          <span className="flex items-center gap-1 text-xs font-medium">
            <StickyNoteIcon aria-hidden className="size-3" />
            Internal note
          </span>
        )}
        <MessageBody message={message} />
        <Citations message={message} />
        {run && <WhyPopover run={run} />}
        <span className="flex items-center justify-end gap-1 text-[0.7rem] opacity-70">
          {message.senderType === 'agent' && <span>Bot ·</span>}
          {message.senderType === 'system' && <span>System ·</span>}
          <time dateTime={message.createdAt} title={formatDateTime(message.createdAt)}>
            {time.format(new Date(message.createdAt))}
          </time>
          {outbound && <DeliveryState state={message.deliveryState} error={message.error} />}
        </span>
      </div>
    </li>
  )
}

/** The thread, oldest at the top; scrolling up loads older pages while keeping the view still. */
export function MessageList({ conversationId }: { conversationId: string }) {
  const messages = useMessages(conversationId)
  const runs = useAgentRuns(conversationId)
  const runByReply = useMemo(
    () => new Map((runs.data?.items ?? []).flatMap((run) => (run.replyMessageId ? [[run.replyMessageId, run] as const] : []))),
    [runs.data],
  )
  const scroller = useRef<HTMLDivElement>(null)
  const items = useMemo(() => chronological(flattenPages(messages.data?.pages)), [messages.data])
  const previous = useRef<{ oldest?: string; newest?: string; height: number; top: number }>({ height: 0, top: 0 })

  const oldest = items[0]?.id
  const newest = items[items.length - 1]?.id

  useLayoutEffect(() => {
    const element = scroller.current
    if (!element) return
    const before = previous.current
    if (before.newest === undefined || before.newest !== newest) {
      // First load, or a new message: follow it if the reader was near the bottom.
      const nearBottom = before.height - before.top - element.clientHeight < STICK_TO_BOTTOM_PX
      if (before.newest === undefined || nearBottom) element.scrollTop = element.scrollHeight
    } else if (before.oldest !== oldest) {
      // Older messages were prepended: keep what the reader was looking at in place.
      element.scrollTop = before.top + (element.scrollHeight - before.height)
    }
    previous.current = { oldest, newest, height: element.scrollHeight, top: element.scrollTop }
  }, [oldest, newest, items.length])

  const onScroll = () => {
    const element = scroller.current
    if (!element) return
    previous.current = { ...previous.current, height: element.scrollHeight, top: element.scrollTop }
    if (element.scrollTop < LOAD_OLDER_THRESHOLD_PX && messages.hasNextPage && !messages.isFetchingNextPage) {
      void messages.fetchNextPage()
    }
  }

  if (messages.isPending) {
    return (
      <div className="grid flex-1 content-end gap-3 p-4" aria-busy="true" aria-label="Loading messages">
        <Skeleton className="h-12 w-2/3" />
        <Skeleton className="h-12 w-1/2 justify-self-end" />
        <Skeleton className="h-12 w-3/5" />
      </div>
    )
  }
  if (messages.isError) return <ProblemAlert error={messages.error} className="m-4" />

  return (
    <div ref={scroller} onScroll={onScroll} className="min-h-0 flex-1 overflow-y-auto p-4" data-testid="message-list">
      {messages.isFetchingNextPage && (
        <div className="flex justify-center pb-2" aria-label="Loading older messages">
          <Spinner className="text-muted-foreground" />
        </div>
      )}
      {!messages.hasNextPage && items.length > 0 && (
        <p className="pb-3 text-center text-xs text-muted-foreground">Start of the conversation</p>
      )}
      {items.length === 0 ? (
        <EmptyState icon={MessagesSquareIcon} title="No messages yet" description="Write the first message below." />
      ) : (
        <ol className="grid gap-2" aria-label="Messages">
          {items.map((message) => (
            <MessageBubble key={message.id} message={message} run={runByReply.get(message.id)} />
          ))}
        </ol>
      )}
    </div>
  )
}
