import { useQueryClient } from '@tanstack/react-query'
import { useEffect } from 'react'
import { api } from '@/api/client'
import { useMe } from '@/lib/auth'
import { getTokens } from '@/lib/tokens'
import { conversationKeys } from '../api/conversations'
import { runInboxStream, type SseEvent } from '../api/sse'

/** Many changes in a burst refetch the list once; a steady stream of changes at most this often. */
const LIST_REFRESH_INTERVAL_MS = 500

function conversationIdOf(event: SseEvent): string | undefined {
  try {
    const data = JSON.parse(event.data) as { conversationId?: unknown }
    return typeof data.conversationId === 'string' ? data.conversationId : undefined
  } catch {
    return undefined
  }
}

/**
 * Live inbox: one `/api/v1/inbox/stream` connection while mounted (per organisation); each
 * `conversation` event refetches the list and that conversation's messages.
 */
export function useInboxStream() {
  const queryClient = useQueryClient()
  const organizationId = useMe().data?.organization.id

  useEffect(() => {
    if (!organizationId) return
    const controller = new AbortController()
    let listTimer: ReturnType<typeof setTimeout> | undefined
    let connections = 0
    // Throttled, not debounced: a busy inbox must still refresh, just not on every event.
    const refreshLists = () => {
      if (listTimer !== undefined) return
      listTimer = setTimeout(() => {
        listTimer = undefined
        void queryClient.invalidateQueries({ queryKey: conversationKeys.lists() })
      }, LIST_REFRESH_INTERVAL_MS)
    }

    void runInboxStream({
      url: `${globalThis.location.origin}/api/v1/inbox/stream`,
      getToken: () => getTokens()?.accessToken ?? null,
      // Any API call refreshes expired tokens through the client's middleware.
      refreshTokens: () => api.GET('/api/v1/me'),
      signal: controller.signal,
      // After a reconnect, changes made while offline were never announced: refetch everything.
      onConnected: () => {
        if (connections++ > 0) void queryClient.invalidateQueries({ queryKey: conversationKeys.all })
      },
      onEvent: (event) => {
        if (event.event !== 'conversation') return
        const id = conversationIdOf(event)
        refreshLists()
        if (!id) return
        void queryClient.invalidateQueries({ queryKey: conversationKeys.detail(id) })
        void queryClient.invalidateQueries({ queryKey: conversationKeys.messages(id) })
      },
    })

    return () => {
      clearTimeout(listTimer)
      controller.abort()
    }
  }, [queryClient, organizationId])
}
