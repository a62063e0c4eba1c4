import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api, unwrap } from '@/api/client'
import type { ConversationUpdate } from '@/api/types'
import { toPage, type Page } from '@/lib/pagination'

export const INBOX_PAGE_SIZE = 50

export interface ConversationFilters {
  status?: string
  assignee?: string
  contactId?: string
  channelId?: string
  label?: string
  q?: string
}

export const conversationKeys = {
  all: ['conversations'] as const,
  lists: () => ['conversations', 'list'] as const,
  list: (filters: ConversationFilters) => ['conversations', 'list', filters] as const,
  detail: (id: string) => ['conversations', 'detail', id] as const,
  messages: (id: string) => ['conversations', 'messages', id] as const,
}

function nextPageParam(last: Page<unknown>) {
  return last.page + 1 < last.totalPages ? last.page + 1 : undefined
}

/** Items of all loaded pages; rows that moved between pages while paging show once. */
export function flattenPages<T extends { id: string }>(pages: readonly Page<T>[] | undefined): T[] {
  const seen = new Set<string>()
  const items: T[] = []
  for (const page of pages ?? []) {
    for (const item of page.items) {
      if (seen.has(item.id)) continue
      seen.add(item.id)
      items.push(item)
    }
  }
  return items
}

/** The inbox list, 50 conversations a page, most recent activity first. */
export function useConversations(filters: ConversationFilters) {
  return useInfiniteQuery({
    queryKey: conversationKeys.list(filters),
    queryFn: async ({ pageParam }) =>
      toPage(
        await unwrap(
          api.GET('/api/v1/conversations', {
            params: { query: { ...filters, page: pageParam, size: INBOX_PAGE_SIZE } },
          }),
        ),
      ),
    initialPageParam: 0,
    getNextPageParam: nextPageParam,
  })
}

export function useConversation(id: string | undefined) {
  return useQuery({
    queryKey: conversationKeys.detail(id ?? ''),
    queryFn: () => unwrap(api.GET('/api/v1/conversations/{id}', { params: { path: { id: id ?? '' } } })),
    enabled: id !== undefined,
  })
}

/** Messages newest first from the server, a page at a time: each next page is older. */
export function useMessages(conversationId: string) {
  return useInfiniteQuery({
    queryKey: conversationKeys.messages(conversationId),
    queryFn: async ({ pageParam }) =>
      toPage(
        await unwrap(
          api.GET('/api/v1/conversations/{id}/messages', {
            params: { path: { id: conversationId }, query: { page: pageParam, size: INBOX_PAGE_SIZE } },
          }),
        ),
      ),
    initialPageParam: 0,
    getNextPageParam: nextPageParam,
  })
}

export function useInvalidateConversation() {
  const queryClient = useQueryClient()
  return (id: string) =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: conversationKeys.detail(id) }),
      queryClient.invalidateQueries({ queryKey: conversationKeys.messages(id) }),
      queryClient.invalidateQueries({ queryKey: conversationKeys.lists() }),
    ])
}

export function useUpdateConversation(id: string) {
  const queryClient = useQueryClient()
  const invalidate = useInvalidateConversation()
  return useMutation({
    mutationFn: (change: ConversationUpdate) =>
      unwrap(api.PATCH('/api/v1/conversations/{id}', { params: { path: { id } }, body: change })),
    onSuccess: (conversation) => {
      queryClient.setQueryData(conversationKeys.detail(id), conversation)
      return invalidate(id)
    },
  })
}

/** Puts the conversation under legal hold (true) or clears it; admins only. */
export function useLegalHold(id: string) {
  const queryClient = useQueryClient()
  const invalidate = useInvalidateConversation()
  return useMutation({
    mutationFn: (hold: boolean) =>
      unwrap(
        hold
          ? api.PUT('/api/v1/conversations/{id}/legal-hold', { params: { path: { id } } })
          : api.DELETE('/api/v1/conversations/{id}/legal-hold', { params: { path: { id } } }),
      ),
    onSuccess: (conversation) => {
      queryClient.setQueryData(conversationKeys.detail(id), conversation)
      return invalidate(id)
    },
  })
}

export function useMarkRead() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (id: string) => unwrap(api.POST('/api/v1/conversations/{id}/read', { params: { path: { id } } })),
    onSuccess: (_, id) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: conversationKeys.detail(id) }),
        queryClient.invalidateQueries({ queryKey: conversationKeys.lists() }),
      ]),
  })
}

export type ComposerMode = 'reply' | 'note'

export function useSendMessage(id: string) {
  const invalidate = useInvalidateConversation()
  return useMutation({
    mutationFn: ({ mode, text }: { mode: ComposerMode; text: string }) =>
      mode === 'note'
        ? unwrap(api.POST('/api/v1/conversations/{id}/notes', { params: { path: { id } }, body: { text } }))
        : unwrap(api.POST('/api/v1/conversations/{id}/messages', { params: { path: { id } }, body: { text } })),
    onSuccess: () => invalidate(id),
  })
}

export function useContact(id: string | undefined) {
  return useQuery({
    queryKey: ['contacts', 'detail', id ?? ''],
    queryFn: () => unwrap(api.GET('/api/v1/contacts/{id}', { params: { path: { id: id ?? '' } } })),
    enabled: id !== undefined,
  })
}

/** All channels by id (type and name for the thread header and the WhatsApp window). */
export function useChannelIndex() {
  return useQuery({
    queryKey: ['channels', 'index'],
    queryFn: async () => {
      const page = toPage(await unwrap(api.GET('/api/v1/channels', { params: { query: { page: 0, size: 100 } } })))
      return new Map(page.items.map((channel) => [channel.id, channel]))
    },
    staleTime: 5 * 60_000,
  })
}

/** Traces of the bot's answers in a conversation (newest 100), to explain each agent message. */
export function useAgentRuns(conversationId: string) {
  return useQuery({
    queryKey: ['conversations', 'agent-runs', conversationId],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/conversations/{id}/agent-runs', {
          params: { path: { id: conversationId }, query: { size: 100 } },
        }),
      ),
  })
}
