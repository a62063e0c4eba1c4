import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { Client } from 'openapi-fetch'
import { api, unwrap } from '@/api/client'
import { pageQuery, toPage } from '@/lib/pagination'
import { useRefreshingMutation } from '@/lib/queries'
import type { Flow, FlowDocument, FlowPaths, SimulateRequest } from './types'

// The same client (auth middleware and all), typed with the flows paths of the contract.
const flowsApi = api as unknown as Client<FlowPaths>

const flowsKey = ['flows']
const flowKey = (id: string) => ['flows', 'one', id]

export function useFlows(page: number, q: string) {
  return useQuery(
    queryOptions({
      queryKey: [...flowsKey, 'list', page, q],
      queryFn: async () =>
        toPage(
          await unwrap(
            flowsApi.GET('/api/v1/flows', { params: { query: { ...pageQuery(page), ...(q ? { q } : {}) } } }),
          ),
        ),
      placeholderData: keepPreviousData,
    }),
  )
}

export function useFlow(id: string) {
  return useQuery({
    queryKey: flowKey(id),
    queryFn: () => unwrap(flowsApi.GET('/api/v1/flows/{id}', { params: { path: { id } } })),
    // The canvas owns the draft once loaded: refetching would fight the user's edits.
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  })
}

export function useCreateFlow() {
  return useRefreshingMutation([flowsKey], (body: { name: string; description?: string; document?: FlowDocument }) =>
    unwrap(flowsApi.POST('/api/v1/flows', { body })),
  )
}

export function useImportFlow() {
  return useRefreshingMutation([flowsKey], (body: { name: string; description?: string; document: FlowDocument }) =>
    unwrap(flowsApi.POST('/api/v1/flows/import', { body })),
  )
}

export function useDeleteFlow() {
  return useRefreshingMutation([flowsKey], (id: string) =>
    unwrap(flowsApi.DELETE('/api/v1/flows/{id}', { params: { path: { id } } })),
  )
}

/** Autosave: the answer (with the draft's validation errors) is written into the flow's cache entry. */
export function useSaveFlow(id: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: { name?: string; description?: string; draft?: FlowDocument }) =>
      unwrap(flowsApi.PATCH('/api/v1/flows/{id}', { params: { path: { id } }, body })),
    onSuccess: (flow: Flow) => {
      queryClient.setQueryData(flowKey(id), flow)
      void queryClient.invalidateQueries({ queryKey: [...flowsKey, 'list'] })
    },
  })
}

export function usePublishFlow(id: string) {
  return useRefreshingMutation([flowsKey, ['flows', 'versions', id]], () =>
    unwrap(flowsApi.POST('/api/v1/flows/{id}/publish', { params: { path: { id } } })),
  )
}

export function useVersions(id: string) {
  return useQuery({
    queryKey: ['flows', 'versions', id],
    queryFn: () => unwrap(flowsApi.GET('/api/v1/flows/{id}/versions', { params: { path: { id } } })),
  })
}

export function fetchVersion(id: string, version: number) {
  return unwrap(flowsApi.GET('/api/v1/flows/{id}/versions/{version}', { params: { path: { id, version } } }))
}

export function useRollback(id: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async (version: number) => {
      await unwrap(
        flowsApi.POST('/api/v1/flows/{id}/versions/{version}/rollback', { params: { path: { id, version } } }),
      )
      return unwrap(flowsApi.GET('/api/v1/flows/{id}', { params: { path: { id } } }))
    },
    onSuccess: (flow: Flow) => {
      queryClient.setQueryData(flowKey(id), flow)
      void queryClient.invalidateQueries({ queryKey: ['flows', 'versions', id] })
      void queryClient.invalidateQueries({ queryKey: [...flowsKey, 'list'] })
    },
  })
}

export function exportFlow(id: string) {
  return unwrap(flowsApi.GET('/api/v1/flows/{id}/export', { params: { path: { id } } }))
}

export function useGenerateFlow() {
  return useMutation({
    mutationFn: (description: string) => unwrap(flowsApi.POST('/api/v1/flows/generate', { body: { description } })),
  })
}

export function useSimulate(id: string) {
  return useMutation({
    mutationFn: (body: SimulateRequest) =>
      unwrap(flowsApi.POST('/api/v1/flows/{id}/simulate', { params: { path: { id } }, body })),
  })
}

export function useAnalytics(id: string, enabled: boolean) {
  return useQuery({
    queryKey: ['flows', 'analytics', id],
    queryFn: () => unwrap(flowsApi.GET('/api/v1/flows/{id}/analytics', { params: { path: { id } } })),
    enabled,
  })
}

export function useTemplates(enabled: boolean) {
  return useQuery({
    queryKey: ['flows', 'templates'],
    queryFn: () => unwrap(flowsApi.GET('/api/v1/flows/templates')),
    enabled,
    staleTime: Infinity,
  })
}
