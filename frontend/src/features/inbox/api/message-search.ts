import { useQuery } from '@tanstack/react-query'
import { api, unwrap } from '@/api/client'

export const MESSAGE_SEARCH_SIZE = 20

/** Messages of the whole organisation ranked by meaning and words (the knowledge module's hybrid search). */
export function useMessageSearch(q: string) {
  const query = q.trim()
  return useQuery({
    queryKey: ['conversations', 'search', query],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/conversations/search', {
          params: { query: { q: query, k: MESSAGE_SEARCH_SIZE, mode: 'hybrid' } },
        }),
      ),
    enabled: query.length > 0,
    staleTime: 10_000,
  })
}
