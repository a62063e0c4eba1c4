import { useQuery } from '@tanstack/react-query'
import { api, unwrap } from '@/api/client'
import type { WebhookEndpointInput } from '@/api/types'
import { pagedQuery, useRefreshingMutation } from '@/lib/queries'

const endpointsKey = ['webhooks']
const deliveriesKey = ['webhook-deliveries']

export function useWebhookEventTypes() {
  return useQuery({
    queryKey: ['webhook-event-types'],
    queryFn: () => unwrap(api.GET('/api/v1/webhooks/event-types')),
    staleTime: Infinity,
  })
}

export function useWebhookEndpoints(page: number) {
  return useQuery(pagedQuery(endpointsKey, page, (query) => unwrap(api.GET('/api/v1/webhooks', { params: { query } }))))
}

/** The log refreshes every few seconds while it is open: deliveries and retries happen in the background. */
export function useWebhookDeliveries(endpointId: string, page: number) {
  return useQuery({
    ...pagedQuery([...deliveriesKey, endpointId], page, (query) =>
      unwrap(api.GET('/api/v1/webhooks/{id}/deliveries', { params: { path: { id: endpointId }, query } })),
    ),
    refetchInterval: 3000,
  })
}

export function useCreateWebhook() {
  return useRefreshingMutation([endpointsKey], (body: WebhookEndpointInput) =>
    unwrap(api.POST('/api/v1/webhooks', { body })),
  )
}

export function useUpdateWebhook() {
  return useRefreshingMutation([endpointsKey], ({ id, body }: { id: string; body: WebhookEndpointInput }) =>
    unwrap(api.PATCH('/api/v1/webhooks/{id}', { params: { path: { id } }, body })),
  )
}

export function useDeleteWebhook() {
  return useRefreshingMutation([endpointsKey], (id: string) =>
    unwrap(api.DELETE('/api/v1/webhooks/{id}', { params: { path: { id } } })),
  )
}

export function useRotateWebhookSecret() {
  return useRefreshingMutation([endpointsKey], (id: string) =>
    unwrap(api.POST('/api/v1/webhooks/{id}/rotate-secret', { params: { path: { id } } })),
  )
}

export function useSendTestWebhook() {
  return useRefreshingMutation([deliveriesKey], (id: string) =>
    unwrap(api.POST('/api/v1/webhooks/{id}/test', { params: { path: { id } } })),
  )
}

export function useResendDelivery() {
  return useRefreshingMutation([deliveriesKey], ({ id, deliveryId }: { id: string; deliveryId: string }) =>
    unwrap(api.POST('/api/v1/webhooks/{id}/deliveries/{deliveryId}/resend', { params: { path: { id, deliveryId } } })),
  )
}
