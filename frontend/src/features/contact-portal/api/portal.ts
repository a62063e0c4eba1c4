import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import createClient from 'openapi-fetch'
import { unwrap } from '@/api/client'
import type { components, paths } from '@/api/schema'

type Schemas = components['schemas']
export type PortalMe = Schemas['PortalMe']
export type PortalMessage = Schemas['PortalMessage']
export type PortalCodeSent = Schemas['PortalCodeSent']

/**
 * The portal's own client: it never carries the dashboard user's session (no auth middleware), only
 * the contact token from the phone code sign-in.
 */
const portalApi = createClient<paths>({
  baseUrl: globalThis.location?.origin ?? '',
  fetch: (request) => globalThis.fetch(request),
})

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` })
const portalKey = ['portal']

/** Contact tokens live for the browser tab only (sessionStorage), one per organisation. */
export const contactToken = {
  get: (orgId: string) => globalThis.sessionStorage?.getItem(`switchboard.portal.${orgId}`) ?? null,
  set: (orgId: string, token: string) => globalThis.sessionStorage?.setItem(`switchboard.portal.${orgId}`, token),
  clear: (orgId: string) => globalThis.sessionStorage?.removeItem(`switchboard.portal.${orgId}`),
}

export function usePortalOffer(orgId: string) {
  return useQuery({
    queryKey: [...portalKey, orgId, 'offer'],
    queryFn: () => unwrap(portalApi.GET('/api/v1/portal/{orgId}/plans', { params: { path: { orgId } } })),
    retry: false,
  })
}

export function useRequestPortalCode(orgId: string) {
  return useMutation({
    mutationFn: (phone: string) =>
      unwrap(portalApi.POST('/api/v1/portal/{orgId}/otp', { params: { path: { orgId } }, body: { phone } })),
  })
}

export function useVerifyPortalCode(orgId: string) {
  return useMutation({
    mutationFn: (body: { phone: string; code: string }) =>
      unwrap(portalApi.POST('/api/v1/portal/{orgId}/verify', { params: { path: { orgId } }, body })),
  })
}

export function usePortalMe(token: string) {
  return useQuery({
    queryKey: [...portalKey, token, 'me'],
    queryFn: () => unwrap(portalApi.GET('/api/v1/portal/me', { headers: bearer(token) })),
    retry: false,
  })
}

export function usePortalHistory(token: string, page: number) {
  return useQuery({
    queryKey: [...portalKey, token, 'history', page],
    queryFn: () =>
      unwrap(portalApi.GET('/api/v1/portal/history', { headers: bearer(token), params: { query: { page, size: 20 } } })),
    placeholderData: keepPreviousData,
  })
}

export function usePortalCancel(token: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: () => unwrap(portalApi.POST('/api/v1/portal/cancel', { headers: bearer(token) })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [...portalKey, token] }),
  })
}

export function usePortalCheckout(token: string) {
  return useMutation({
    mutationFn: (planId: string) =>
      unwrap(portalApi.POST('/api/v1/portal/checkout', { headers: bearer(token), body: { planId } })),
  })
}
