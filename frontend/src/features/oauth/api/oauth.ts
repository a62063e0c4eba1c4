import { useMutation, useQuery } from '@tanstack/react-query'
import { api, unwrap } from '@/api/client'
import { pagedQuery, useRefreshingMutation } from '@/lib/queries'

const connectionsKey = ['oauth', 'connections']

/** An MCP client's parked authorization request (the handle comes from /oauth2/authorize's redirect). */
export function useAuthorizationRequest(handle: string) {
  return useQuery({
    queryKey: ['oauth', 'request', handle],
    queryFn: () => unwrap(api.GET('/api/v1/oauth/requests/{handle}', { params: { path: { handle } } })),
    enabled: handle !== '',
    retry: false,
    // answered once: never refetch a spent handle behind the user's back
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  })
}

export interface DecisionBody {
  approve: boolean
  organizationId?: string | null
  tools?: string[] | null
}

/** Answers the request; resolves to the client's redirect URI (with a code, or error=access_denied). */
export function useDecideAuthorization(handle: string) {
  return useMutation({
    mutationFn: (body: DecisionBody) =>
      unwrap(api.POST('/api/v1/oauth/requests/{handle}/decision', { params: { path: { handle } }, body })),
  })
}

/** The MCP tools a connection may be limited to. */
export function useOAuthConnections(page: number) {
  return useQuery(
    pagedQuery(connectionsKey, page, (query) => unwrap(api.GET('/api/v1/oauth/connections', { params: { query } }))),
  )
}

export function useDisconnect() {
  return useRefreshingMutation([connectionsKey], (id: string) =>
    unwrap(api.DELETE('/api/v1/oauth/connections/{id}', { params: { path: { id } } })),
  )
}

/** Where the browser goes after a decision: only the redirect URI the server handed back. */
export function hostOf(url: string): string {
  try {
    const parsed = new URL(url)
    return parsed.host || `${parsed.protocol}//`
  } catch {
    return url
  }
}
