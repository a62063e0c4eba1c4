import createClient from 'openapi-fetch'
import { describe, expect, it } from 'vitest'
import { getTokens, setTokens } from '@/lib/tokens'
import { fakeFetch, json, session, type RecordedCall } from '@/test/http'
import { createAuthMiddleware, needsAccessToken } from './auth-middleware'
import { unwrap } from './client'
import type { paths } from './schema'

const ok = { items: [], page: 0, size: 20, totalItems: 0, totalPages: 0 }
const expired = json({ title: 'Unauthorized', status: 401, detail: 'The access token has expired.' }, 401)

function clientWith(handler: (call: RecordedCall) => Response) {
  const { fetch, calls } = fakeFetch(handler)
  const client = createClient<paths>({ baseUrl: 'http://localhost', fetch })
  client.use(
    createAuthMiddleware((refreshToken) =>
      unwrap(client.POST('/api/v1/auth/refresh', { body: { refreshToken } })),
    ),
  )
  return { client, calls }
}

describe('auth middleware', () => {
  it('sends the access token to API calls but not to public sign-in calls', async () => {
    setTokens({ accessToken: 'access-1', refreshToken: 'refresh-1' })
    const { client, calls } = clientWith((call) => (call.path.endsWith('/login') ? json(session('a', 'r')) : json(ok)))

    await client.GET('/api/v1/members')
    await client.POST('/api/v1/auth/login', { body: { email: 'ada@example.com', password: 'secret' } })

    expect(calls.map((call) => call.authorization)).toEqual(['Bearer access-1', null])
    expect(needsAccessToken('/api/v1/auth/switch')).toBe(true)
  })

  it('on 401 rotates the refresh token once and replays the request', async () => {
    setTokens({ accessToken: 'old-access', refreshToken: 'old-refresh' })
    const { client, calls } = clientWith((call) => {
      if (call.path === '/api/v1/auth/refresh') return json(session('new-access', 'new-refresh'))
      return call.authorization === 'Bearer new-access' ? json(ok) : expired.clone()
    })

    const [members, keys] = await Promise.all([client.GET('/api/v1/members'), client.GET('/api/v1/api-keys')])

    expect(members.response.status).toBe(200)
    expect(keys.response.status).toBe(200)
    expect(calls.filter((call) => call.path === '/api/v1/auth/refresh')).toEqual([
      expect.objectContaining({ body: { refreshToken: 'old-refresh' }, authorization: null }),
    ])
    expect(getTokens()).toEqual({ accessToken: 'new-access', refreshToken: 'new-refresh' })
  })

  it('replays request bodies too', async () => {
    setTokens({ accessToken: 'old-access', refreshToken: 'old-refresh' })
    const { client, calls } = clientWith((call) => {
      if (call.path === '/api/v1/auth/refresh') return json(session('new-access', 'new-refresh'))
      return call.authorization === 'Bearer new-access' ? json({ id: 'i1' }, 201) : expired.clone()
    })

    await client.POST('/api/v1/invitations', { body: { email: 'bob@example.com', role: 'agent' } })

    expect(calls.at(-1)).toMatchObject({ path: '/api/v1/invitations', body: { email: 'bob@example.com', role: 'agent' } })
  })

  it('signs out when the refresh token is refused', async () => {
    setTokens({ accessToken: 'old-access', refreshToken: 'revoked' })
    const { client } = clientWith(() => expired.clone())

    const result = await client.GET('/api/v1/me')

    expect(result.response.status).toBe(401)
    expect(result.error).toMatchObject({ detail: 'The access token has expired.' })
    expect(getTokens()).toBeNull()
  })
})
