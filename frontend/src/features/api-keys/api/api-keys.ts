import { useQuery } from '@tanstack/react-query'
import { api, unwrap } from '@/api/client'
import type { ApiKeyScope } from '@/api/types'
import { pagedQuery, useRefreshingMutation } from '@/lib/queries'

const apiKeysKey = ['api-keys']

export const API_KEY_SCOPES: readonly { scope: ApiKeyScope; description: string }[] = [
  { scope: 'read', description: 'Read conversations, members and settings.' },
  { scope: 'write', description: 'Create and change data.' },
  { scope: 'admin', description: 'Manage members, keys and organization settings.' },
]

export function useApiKeys(page: number) {
  return useQuery(pagedQuery(apiKeysKey, page, (query) => unwrap(api.GET('/api/v1/api-keys', { params: { query } }))))
}

export function useCreateApiKey() {
  return useRefreshingMutation(
    [apiKeysKey],
    (body: { name: string; scopes: ApiKeyScope[]; tools?: string[] | null }) =>
      unwrap(api.POST('/api/v1/api-keys', { body })),
  )
}

/** The MCP server's tools a key may be limited to. */
export function useRevokeApiKey() {
  return useRefreshingMutation([apiKeysKey], (id: string) =>
    unwrap(api.DELETE('/api/v1/api-keys/{id}', { params: { path: { id } } })),
  )
}
