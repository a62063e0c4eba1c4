import { useQuery } from '@tanstack/react-query'
import { api, unwrap } from '@/api/client'
import { pagedQuery, useRefreshingMutation } from '@/lib/queries'

const quickRepliesKey = ['quick-replies']

export interface QuickReplyInput {
  shortcut: string
  title: string
  body: string
}

export const QUICK_REPLY_VARIABLES = ['contact.name', 'contact.first_name', 'contact.phone', 'contact.email'] as const

export function useQuickReplies(page: number) {
  return useQuery(
    pagedQuery(quickRepliesKey, page, (query) => unwrap(api.GET('/api/v1/quick-replies', { params: { query } }))),
  )
}

export function useCreateQuickReply() {
  return useRefreshingMutation([quickRepliesKey], (body: QuickReplyInput) =>
    unwrap(api.POST('/api/v1/quick-replies', { body })),
  )
}

export function useUpdateQuickReply(id: string) {
  return useRefreshingMutation([quickRepliesKey], (body: Partial<QuickReplyInput>) =>
    unwrap(api.PATCH('/api/v1/quick-replies/{id}', { params: { path: { id } }, body })),
  )
}

export function useDeleteQuickReply() {
  return useRefreshingMutation([quickRepliesKey], (id: string) =>
    unwrap(api.DELETE('/api/v1/quick-replies/{id}', { params: { path: { id } } })),
  )
}
