import { useQuery } from '@tanstack/react-query'
import { api, unwrap } from '@/api/client'
import type { components } from '@/api/schema'
import { useRefreshingMutation } from '@/lib/queries'

type Schemas = components['schemas']
export type ContactPlan = Schemas['ContactPlan']
export type ContactPlanInput = Schemas['ContactPlanInput']
export type ContactPlanStatus = Schemas['ContactPlanStatus']
export type ContactBillingSettings = Schemas['ContactBillingSettings']

const plansKey = ['contact-plans']

export function useContactPlans(includeArchived = false) {
  return useQuery({
    queryKey: [...plansKey, 'list', includeArchived],
    queryFn: () => unwrap(api.GET('/api/v1/contact-plans', { params: { query: { includeArchived } } })),
  })
}

export function useContactPlanSettings() {
  return useQuery({
    queryKey: [...plansKey, 'settings'],
    queryFn: () => unwrap(api.GET('/api/v1/contact-plans/settings')),
  })
}

export function useSaveContactPlanSettings() {
  return useRefreshingMutation([plansKey], (stripeAccountId: string | null) =>
    unwrap(api.PUT('/api/v1/contact-plans/settings', { body: { stripeAccountId } })),
  )
}

export function useSaveContactPlan(id?: string) {
  return useRefreshingMutation([plansKey], (body: ContactPlanInput) =>
    id
      ? unwrap(api.PUT('/api/v1/contact-plans/{id}', { params: { path: { id } }, body }))
      : unwrap(api.POST('/api/v1/contact-plans', { body })),
  )
}

export function useDeleteContactPlan() {
  return useRefreshingMutation([plansKey], (id: string) =>
    unwrap(api.DELETE('/api/v1/contact-plans/{id}', { params: { path: { id } } })),
  )
}

export function useCreateStandardPlans() {
  return useRefreshingMutation([plansKey], () => unwrap(api.POST('/api/v1/contact-plans/standard')))
}

export function useContactPlanStatus(contactId: string) {
  return useQuery({
    queryKey: [...plansKey, 'contact', contactId],
    queryFn: () =>
      unwrap(api.GET('/api/v1/contact-plans/contacts/{contactId}', { params: { path: { contactId } } })),
  })
}

export function useAssignContactPlan(contactId: string) {
  return useRefreshingMutation([plansKey], (planId: string) =>
    unwrap(
      api.PUT('/api/v1/contact-plans/contacts/{contactId}', { params: { path: { contactId } }, body: { planId } }),
    ),
  )
}

export function useCancelContactPlan(contactId: string) {
  return useRefreshingMutation([plansKey], () =>
    unwrap(api.DELETE('/api/v1/contact-plans/contacts/{contactId}', { params: { path: { contactId } } })),
  )
}
