import createClient from 'openapi-fetch'
import { ApiError, toProblem } from '@/lib/problem'
import { createAuthMiddleware } from './auth-middleware'
import type { paths } from './schema'

interface FetchResult<T> {
  data?: T
  error?: unknown
  response: Response
}

/** Resolves to the response body, or throws an {@link ApiError} built from the problem details. */
export async function unwrap<T>(request: Promise<FetchResult<T>>): Promise<T> {
  const { data, error, response } = await request
  if (!response.ok) throw new ApiError(toProblem(error, response.status, response.statusText), response.status)
  return data as T
}

/** Typed client for the Switchboard API (same origin; Vite proxies /api in development). */
export const api = createClient<paths>({
  baseUrl: globalThis.location?.origin ?? '',
  // Looked up on each call rather than captured once, so tests can stub it.
  fetch: (request) => globalThis.fetch(request),
})

api.use(
  createAuthMiddleware((refreshToken) => unwrap(api.POST('/api/v1/auth/refresh', { body: { refreshToken } }))),
)
