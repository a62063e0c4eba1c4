import { useEffect, useRef } from 'react'
import { ProblemAlert } from '@/components/problem-alert'
import { Skeleton } from '@/components/ui/skeleton'
import { useChannelIndex, useConversation, useMarkRead } from '../api/conversations'
import { isOutsideWhatsAppWindow, isWhatsApp } from '../api/message-content'
import { Composer } from './composer'
import { ContactPanel } from './contact-panel'
import { ConversationHeader } from './conversation-header'
import { MessageList } from './message-list'

/** The open conversation: header with actions, messages, composer, and the contact beside them. */
export function ConversationThread({ conversationId }: { conversationId: string }) {
  const conversation = useConversation(conversationId)
  const channels = useChannelIndex()
  const markRead = useMarkRead()
  const { mutate: markAsRead } = markRead
  const unread = (conversation.data?.unreadCount ?? 0) > 0

  // Opening a conversation reads it (once the thread is mounted: it is keyed by id); so does a
  // message arriving while it is open.
  const opened = useRef(false)
  useEffect(() => {
    if (!opened.current || unread) markAsRead(conversationId)
    opened.current = true
  }, [unread, conversationId, markAsRead])

  if (conversation.isPending) {
    return (
      <div className="grid content-start gap-3 p-4" aria-busy="true" aria-label="Loading conversation">
        <Skeleton className="h-6 w-48" />
        <Skeleton className="h-4 w-64" />
      </div>
    )
  }
  if (conversation.isError) return <ProblemAlert error={conversation.error} className="m-4" />

  const channel = channels.data?.get(conversation.data.channelId)
  return (
    <div className="grid min-h-0 grid-cols-[minmax(0,1fr)_16rem]">
      <section className="flex min-h-0 min-w-0 flex-col" aria-label="Conversation" data-testid="conversation-thread">
        <ConversationHeader conversation={conversation.data} channel={channel} />
        <MessageList conversationId={conversationId} />
        <Composer
          key={conversationId}
          conversationId={conversationId}
          templateChannelId={isWhatsApp(channel?.type) ? conversation.data.channelId : undefined}
          outsideWindow={isOutsideWhatsAppWindow(channel?.type, conversation.data.lastInboundAt)}
        />
      </section>
      <ContactPanel contactId={conversation.data.contactId} conversationId={conversationId} />
    </div>
  )
}
