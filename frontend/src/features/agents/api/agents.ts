import { useMutation, useQuery } from '@tanstack/react-query'
import { api, unwrap } from '@/api/client'
import type { AgentSettings, PlaygroundReply } from '@/api/types'
import { pagedQuery, useRefreshingMutation } from '@/lib/queries'

const agentsKey = ['agents', 'list']
const agentKey = (id: string) => ['agents', 'detail', id]

export function useAgents(page: number) {
  return useQuery(pagedQuery(agentsKey, page, (query) => unwrap(api.GET('/api/v1/agents', { params: { query } }))))
}

export function useAgent(id: string | undefined) {
  return useQuery({
    queryKey: agentKey(id ?? ''),
    queryFn: () => unwrap(api.GET('/api/v1/agents/{id}', { params: { path: { id: id ?? '' } } })),
    enabled: id !== undefined,
  })
}

export function useCreateAgent() {
  return useRefreshingMutation([agentsKey], (body: { name: string; settings?: AgentSettings }) =>
    unwrap(api.POST('/api/v1/agents', { body })),
  )
}

export function useUpdateAgent(id: string) {
  return useRefreshingMutation([agentsKey, agentKey(id)], (body: { name: string; settings: AgentSettings }) =>
    unwrap(api.PUT('/api/v1/agents/{id}', { params: { path: { id } }, body })),
  )
}

export function useDeleteAgent() {
  return useRefreshingMutation([agentsKey], (id: string) =>
    unwrap(api.DELETE('/api/v1/agents/{id}', { params: { path: { id } } })),
  )
}

export interface PlaygroundInput {
  message: string
  sessionId?: string
  channelType?: string
}

export function usePlaygroundChat(agentId: string) {
  return useMutation({
    mutationFn: (body: PlaygroundInput): Promise<PlaygroundReply> =>
      unwrap(api.POST('/api/v1/agents/{id}/chat', { params: { path: { id: agentId } }, body })),
  })
}

/** An option for a picker: knowledge bases and LLM providers live in other modules' APIs. */
export interface PickerOption {
  id: string
  label: string
}

interface FetchResult {
  data?: unknown
  error?: unknown
  response: Response
}

// These endpoints belong to the knowledge and llm modules; a server without them answers 404 and the
// editor falls back to typing ids.
const looseGet = api.GET as unknown as (path: string, init?: object) => Promise<FetchResult>

function optionsOf(body: unknown): PickerOption[] {
  const items = Array.isArray(body) ? body : (body as { items?: unknown[] } | undefined)?.items
  if (!Array.isArray(items)) return []
  return items.flatMap((item) => {
    const record = item as Record<string, unknown>
    if (typeof record.id !== 'string') return []
    const name = typeof record.name === 'string' ? record.name : record.id
    const detail = [record.kind, record.type, record.model].find((v) => typeof v === 'string') as string | undefined
    return [{ id: record.id, label: detail ? `${name} (${detail})` : name }]
  })
}

function useOptions(key: string, path: string) {
  return useQuery({
    queryKey: ['agents', 'options', key],
    queryFn: async () => {
      const { data, response } = await looseGet(path, { params: { query: { size: 100 } } })
      return response.ok ? optionsOf(data) : null
    },
    staleTime: 60_000,
    retry: false,
  })
}

export const useKnowledgeBaseOptions = () => useOptions('knowledge', '/api/v1/knowledge-bases')
export const useProviderOptions = () => useOptions('providers', '/api/v1/llm/providers')

export const CHANNEL_TYPES = ['sandbox', 'webchat', 'whatsapp_cloud', 'twilio_whatsapp', 'twilio_sms'] as const
export const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const

export function splitList(text: string): string[] {
  return text
    .split(/[,\n]/)
    .map((part) => part.trim())
    .filter((part) => part !== '')
}

export function splitLines(text: string): string[] {
  return text
    .split('\n')
    .map((part) => part.trim())
    .filter((part) => part !== '')
}

/** Micro-units of a currency (what the gateway reports) as a short amount. */
export function formatCost(micros: number): string {
  return `$${(micros / 1_000_000).toFixed(micros > 0 && micros < 10_000 ? 6 : 4)}`
}
