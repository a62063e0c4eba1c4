import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { api, unwrap } from '@/api/client'

/** Quick replies whose shortcut or title contains `q`, for the composer's "/" picker. */
export function useQuickReplySearch(q: string, enabled: boolean) {
  return useQuery({
    queryKey: ['quick-replies', 'search', q],
    queryFn: async () =>
      (await unwrap(api.GET('/api/v1/quick-replies', { params: { query: { q: q || undefined, page: 0, size: 20 } } })))
        .items,
    enabled,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  })
}

/** The quick reply's text with the conversation's contact filled in. */
export async function renderQuickReply(id: string, conversationId: string) {
  return (await unwrap(api.POST('/api/v1/quick-replies/{id}/render', { params: { path: { id } }, body: { conversationId } })))
    .text
}

export const QUICK_REPLY_LISTBOX_ID = 'quick-reply-options'

export function quickReplyOptionId(id: string) {
  return `quick-reply-${id}`
}

/** The "/" in the composer: the text is one slash word, e.g. "/hou" → "hou". */
export function quickReplyQuery(text: string): string | null {
  const match = /^\/(\S*)$/.exec(text)
  return match ? match[1] : null
}
