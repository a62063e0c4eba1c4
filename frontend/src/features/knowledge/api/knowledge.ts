import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query'
import { api, unwrap } from '@/api/client'
import type { KnowledgeDocument, KnowledgeSearchResponse } from '@/api/types'
import { pageQuery, toPage } from '@/lib/pagination'
import { useRefreshingMutation } from '@/lib/queries'

const knowledgeKey = ['knowledge-bases']
/** How often lists refresh while something is being processed in the background. */
export const PROGRESS_POLL_MS = 1000

export function useKnowledgeBases(page: number) {
  return useQuery({
    queryKey: [...knowledgeKey, 'list', page],
    queryFn: async () =>
      toPage(await unwrap(api.GET('/api/v1/knowledge-bases', { params: { query: pageQuery(page) } }))),
    placeholderData: keepPreviousData,
  })
}

export function useKnowledgeBase(id: string) {
  return useQuery({
    queryKey: [...knowledgeKey, 'detail', id],
    queryFn: () => unwrap(api.GET('/api/v1/knowledge-bases/{id}', { params: { path: { id } } })),
    refetchInterval: (query) => {
      const kb = query.state.data
      return kb && (kb.pendingCount > 0 || kb.reindex.status === 'queued' || kb.reindex.status === 'running')
        ? PROGRESS_POLL_MS
        : false
    },
  })
}

export function isProcessing(document: Pick<KnowledgeDocument, 'status'>) {
  return document.status === 'queued' || document.status === 'processing'
}

export function useDocuments(knowledgeBaseId: string, page: number) {
  return useQuery({
    queryKey: [...knowledgeKey, 'documents', knowledgeBaseId, page],
    queryFn: async () =>
      toPage(
        await unwrap(
          api.GET('/api/v1/knowledge-bases/{id}/documents', {
            params: { path: { id: knowledgeBaseId }, query: pageQuery(page) },
          }),
        ),
      ),
    placeholderData: keepPreviousData,
    // poll while any document on the page is still being processed: progress moves live
    refetchInterval: (query) => (query.state.data?.items.some(isProcessing) ? PROGRESS_POLL_MS : false),
  })
}

export function useSources(knowledgeBaseId: string) {
  return useQuery({
    queryKey: [...knowledgeKey, 'sources', knowledgeBaseId],
    queryFn: async () =>
      toPage(
        await unwrap(
          api.GET('/api/v1/knowledge-bases/{id}/sources', {
            params: { path: { id: knowledgeBaseId }, query: { size: 100 } },
          }),
        ),
      ),
    refetchInterval: (query) =>
      query.state.data?.items.some((s) => s.status === 'queued' || s.status === 'syncing') ? PROGRESS_POLL_MS : false,
  })
}

export function useCreateKnowledgeBase() {
  return useRefreshingMutation([knowledgeKey], (input: { name: string; description?: string }) =>
    unwrap(api.POST('/api/v1/knowledge-bases', { body: input })),
  )
}

export function useUpdateKnowledgeBase(id: string) {
  return useRefreshingMutation([knowledgeKey], (input: { name?: string; description?: string }) =>
    unwrap(api.PATCH('/api/v1/knowledge-bases/{id}', { params: { path: { id } }, body: input })),
  )
}

export function useDeleteKnowledgeBase() {
  return useRefreshingMutation([knowledgeKey], (id: string) =>
    unwrap(api.DELETE('/api/v1/knowledge-bases/{id}', { params: { path: { id } } })),
  )
}

export function useReindex(id: string) {
  return useRefreshingMutation([knowledgeKey], () =>
    unwrap(api.POST('/api/v1/knowledge-bases/{id}/reindex', { params: { path: { id } } })),
  )
}

export function useUploadDocument(knowledgeBaseId: string) {
  return useRefreshingMutation([knowledgeKey], (file: File) => {
    const form = new FormData()
    form.append('file', file)
    return unwrap(
      api.POST('/api/v1/knowledge-bases/{id}/documents', {
        params: { path: { id: knowledgeBaseId } },
        body: { file: file.name },
        bodySerializer: () => form,
      }),
    )
  })
}

export function useDeleteDocument(knowledgeBaseId: string) {
  return useRefreshingMutation([knowledgeKey], (documentId: string) =>
    unwrap(
      api.DELETE('/api/v1/knowledge-bases/{id}/documents/{documentId}', {
        params: { path: { id: knowledgeBaseId, documentId } },
      }),
    ),
  )
}

export function useAddSource(knowledgeBaseId: string) {
  return useRefreshingMutation([knowledgeKey], (input: { url: string; kind: 'page' | 'sitemap' }) =>
    unwrap(api.POST('/api/v1/knowledge-bases/{id}/sources', { params: { path: { id: knowledgeBaseId } }, body: input })),
  )
}

export function useResyncSource(knowledgeBaseId: string) {
  return useRefreshingMutation([knowledgeKey], (sourceId: string) =>
    unwrap(
      api.POST('/api/v1/knowledge-bases/{id}/sources/{sourceId}/sync', {
        params: { path: { id: knowledgeBaseId, sourceId } },
      }),
    ),
  )
}

export function useDeleteSource(knowledgeBaseId: string) {
  return useRefreshingMutation([knowledgeKey], (sourceId: string) =>
    unwrap(
      api.DELETE('/api/v1/knowledge-bases/{id}/sources/{sourceId}', {
        params: { path: { id: knowledgeBaseId, sourceId } },
      }),
    ),
  )
}

export type SearchMode = 'hybrid' | 'bm25' | 'dense'

export function useTestSearch(knowledgeBaseId: string) {
  return useMutation({
    mutationFn: ({ q, mode }: { q: string; mode: SearchMode }): Promise<KnowledgeSearchResponse> =>
      unwrap(
        api.GET('/api/v1/knowledge-bases/{id}/search', {
          params: { path: { id: knowledgeBaseId }, query: { q, mode, k: 5 } },
        }),
      ),
  })
}

/** "2.4 MB", "812 kB", "90 B". */
export function formatBytes(bytes: number) {
  if (bytes >= 1_000_000) return `${(bytes / 1_000_000).toFixed(1)} MB`
  if (bytes >= 1_000) return `${Math.round(bytes / 1_000)} kB`
  return `${bytes} B`
}

export const ACCEPTED_FILES = '.txt,.md,.markdown,.html,.htm,.pdf,.docx,.csv'
