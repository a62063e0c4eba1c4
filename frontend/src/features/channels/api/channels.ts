import { useQuery } from '@tanstack/react-query'
import { api, unwrap } from '@/api/client'
import { pagedQuery, useRefreshingMutation } from '@/lib/queries'

const channelsKey = ['channels', 'list']

export function useChannels(page: number) {
  return useQuery(pagedQuery(channelsKey, page, (query) => unwrap(api.GET('/api/v1/channels', { params: { query } }))))
}

export function useChannelTypes() {
  return useQuery({
    queryKey: ['channels', 'types'],
    queryFn: () => unwrap(api.GET('/api/v1/channels/types')),
    staleTime: 10 * 60_000,
  })
}

export interface CreateChannelBody {
  type: string
  name: string
  config: Record<string, string>
}

export function useCreateChannel() {
  return useRefreshingMutation([channelsKey], (body: CreateChannelBody) => unwrap(api.POST('/api/v1/channels', { body })))
}

export interface UpdateChannelBody {
  name?: string
  config?: Record<string, string>
  enabled?: boolean
  agentId?: string
  detachAgent?: boolean
}

/** Agents that may answer on a channel (first 100, newest first). */
export function useAgentChoices() {
  return useQuery({
    queryKey: ['agents', 'list', 'choices'],
    queryFn: () => unwrap(api.GET('/api/v1/agents', { params: { query: { size: 100 } } })),
    staleTime: 30_000,
  })
}

export function useUpdateChannel() {
  return useRefreshingMutation([channelsKey], ({ id, ...body }: UpdateChannelBody & { id: string }) =>
    unwrap(api.PATCH('/api/v1/channels/{id}', { params: { path: { id } }, body })),
  )
}

export function useSendTestMessage() {
  return useRefreshingMutation([['conversations']], ({ id, to, text }: { id: string; to: string; text: string }) =>
    unwrap(api.POST('/api/v1/channels/{id}/test', { params: { path: { id } }, body: { to, text } })),
  )
}

export function useSimulateInbound() {
  return useRefreshingMutation(
    [['channels', 'queues']],
    ({ id, ...body }: { id: string; from: string; name?: string; text: string }) =>
      unwrap(api.POST('/api/v1/channels/{id}/sandbox/messages', { params: { path: { id } }, body })),
  )
}
