import { vi } from 'vitest'

export function json(body: unknown, status = 200) {
  const type = status >= 400 ? 'application/problem+json' : 'application/json'
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } })
}

export interface RecordedCall {
  method: string
  path: string
  authorization: string | null
  body: unknown
}

type Handler = (call: RecordedCall) => Response | Promise<Response>

/** A fetch stand-in that records every request and answers with the handler. */
export function fakeFetch(handler: Handler) {
  const calls: RecordedCall[] = []
  const fetch = vi.fn<typeof globalThis.fetch>(async (input, init) => {
    const request = new Request(input, init)
    const text = await request.text()
    const call: RecordedCall = {
      method: request.method,
      path: new URL(request.url).pathname,
      authorization: request.headers.get('Authorization'),
      body: text ? JSON.parse(text) : undefined,
    }
    calls.push(call)
    return handler(call)
  })
  return { fetch, calls }
}

export function session(accessToken: string, refreshToken: string) {
  return {
    mfaRequired: false,
    accessToken,
    refreshToken,
    tokenType: 'Bearer',
    expiresIn: 900,
    user: {
      id: 'u1',
      email: 'ada@example.com',
      name: 'Ada',
      phone: null,
      platformRole: null,
      totpEnabled: false,
      createdAt: '2026-01-01T00:00:00Z',
    },
    organization: { id: 'o1', name: 'Acme', createdAt: '2026-01-01T00:00:00Z' },
    role: 'owner',
  }
}
