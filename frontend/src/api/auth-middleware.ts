import type { Middleware } from 'openapi-fetch'
import { clearTokens, getTokens, setTokens, type Tokens } from '@/lib/tokens'

const PUBLIC_PREFIX = '/api/v1/auth/'
const SIGNED_IN_AUTH_PATHS = new Set(['/api/v1/auth/switch'])

/** Sign-in endpoints are public: sending them a stale token could only get in the way. */
export function needsAccessToken(schemaPath: string) {
  return !schemaPath.startsWith(PUBLIC_PREFIX) || SIGNED_IN_AUTH_PATHS.has(schemaPath)
}

function bearer(token: string) {
  return `Bearer ${token}`
}

/**
 * Adds `Authorization: Bearer` and, when the server answers 401, exchanges the refresh token once
 * (shared by requests failing together) and replays the request. If that fails the tokens are
 * dropped, which sends the signed-in routes back to /login.
 */
export function createAuthMiddleware(refresh: (refreshToken: string) => Promise<Tokens>): Middleware {
  const replays = new Map<string, Request>()
  let refreshing: Promise<string | null> | null = null

  function freshAccessToken(rejectedToken: string): Promise<string | null> {
    const current = getTokens()
    if (!current) return Promise.resolve(null)
    // Another request already rotated the tokens: just use the new one.
    if (current.accessToken !== rejectedToken) return Promise.resolve(current.accessToken)
    refreshing ??= refresh(current.refreshToken)
      .then(
        (tokens) => {
          setTokens({ accessToken: tokens.accessToken, refreshToken: tokens.refreshToken })
          return tokens.accessToken
        },
        () => {
          clearTokens()
          return null
        },
      )
      .finally(() => {
        refreshing = null
      })
    return refreshing
  }

  return {
    onRequest({ request, schemaPath, id }) {
      const token = getTokens()?.accessToken
      if (!token || !needsAccessToken(schemaPath) || request.headers.has('Authorization')) return
      request.headers.set('Authorization', bearer(token))
      replays.set(id, request.clone())
      return request
    },
    async onResponse({ response, id, options }) {
      const replay = replays.get(id)
      replays.delete(id)
      if (response.status !== 401 || !replay) return
      const rejectedToken = replay.headers.get('Authorization')?.replace(/^Bearer /, '') ?? ''
      const token = await freshAccessToken(rejectedToken)
      if (!token) return
      replay.headers.set('Authorization', bearer(token))
      const retried = await options.fetch(replay)
      if (retried.status === 401) clearTokens()
      return retried
    },
    onError({ id }) {
      replays.delete(id)
    },
  }
}
