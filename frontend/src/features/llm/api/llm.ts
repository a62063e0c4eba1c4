import { useQuery } from '@tanstack/react-query'
import { api, unwrap } from '@/api/client'
import { useRefreshingMutation } from '@/lib/queries'

const llmKey = ['llm']
const providersKey = ['llm', 'providers']
const statusKey = ['llm', 'status']
const pricesKey = ['llm', 'prices']

export function useLlmProviders() {
  return useQuery({ queryKey: providersKey, queryFn: () => unwrap(api.GET('/api/v1/llm/providers')) })
}

export function useLlmProviderTypes() {
  return useQuery({
    queryKey: ['llm', 'types'],
    queryFn: () => unwrap(api.GET('/api/v1/llm/provider-types')),
    staleTime: 10 * 60_000,
  })
}

export function useLlmStatus() {
  return useQuery({ queryKey: statusKey, queryFn: () => unwrap(api.GET('/api/v1/llm/status')) })
}

export interface ProviderBody {
  type: string
  name: string
  baseUrl?: string
  apiKey?: string
  model?: string
  temperature?: number
  maxOutputTokens?: number
  enabled?: boolean
}

export function useCreateLlmProvider() {
  return useRefreshingMutation([llmKey], (body: ProviderBody) => unwrap(api.POST('/api/v1/llm/providers', { body })))
}

export function useUpdateLlmProvider() {
  return useRefreshingMutation([llmKey], ({ id, ...body }: Partial<ProviderBody> & { id: string }) =>
    unwrap(api.PATCH('/api/v1/llm/providers/{id}', { params: { path: { id } }, body })),
  )
}

export function useDeleteLlmProvider() {
  return useRefreshingMutation([llmKey], (id: string) =>
    unwrap(api.DELETE('/api/v1/llm/providers/{id}', { params: { path: { id } } })),
  )
}

export function useTestLlmProvider() {
  return useRefreshingMutation([statusKey, providersKey, ['llm', 'usage']], (id: string) =>
    unwrap(api.POST('/api/v1/llm/providers/{id}/test', { params: { path: { id } } })),
  )
}

export function useLlmPrices() {
  return useQuery({ queryKey: pricesKey, queryFn: () => unwrap(api.GET('/api/v1/llm/prices')) })
}

export function useSaveLlmPrices() {
  return useRefreshingMutation(
    [pricesKey],
    (prices: { model: string; inputMicrosPerMillion: number; outputMicrosPerMillion: number }[]) =>
      unwrap(api.PUT('/api/v1/llm/prices', { body: { prices } })),
  )
}

export function useLlmUsage(from: string, to: string) {
  return useQuery({
    queryKey: ['llm', 'usage', from, to],
    queryFn: () => unwrap(api.GET('/api/v1/llm/usage', { params: { query: { from, to } } })),
  })
}
