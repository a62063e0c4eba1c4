import {
  keepPreviousData,
  queryOptions,
  useMutation,
  useQueryClient,
  type QueryKey,
} from '@tanstack/react-query'
import { pageQuery, toPage, type PageLike } from './pagination'

/** Query options for one page of a server-paginated list; the previous page stays shown while the next loads. */
export function pagedQuery<T>(
  key: QueryKey,
  page: number,
  fetchPage: (query: { page: number; size: number }) => Promise<PageLike<T>>,
) {
  return queryOptions({
    queryKey: [...key, page],
    queryFn: async () => toPage(await fetchPage(pageQuery(page))),
    placeholderData: keepPreviousData,
  })
}

/** A mutation that, once it succeeds, refetches the queries under the given keys. */
export function useRefreshingMutation<TVariables, TData>(
  keys: readonly QueryKey[],
  mutationFn: (variables: TVariables) => Promise<TData>,
) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn,
    onSuccess: () => Promise.all(keys.map((queryKey) => queryClient.invalidateQueries({ queryKey }))),
  })
}
