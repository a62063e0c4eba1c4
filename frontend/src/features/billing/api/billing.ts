import { saveDownload } from '@/lib/download'
import { useQuery } from '@tanstack/react-query'
import { api, unwrap } from '@/api/client'
import type { components } from '@/api/schema'
import { pagedQuery, useRefreshingMutation } from '@/lib/queries'

type Schemas = components['schemas']
export type BillingSummary = Schemas['BillingSummary']
export type Plan = Schemas['Plan']
export type PlanLimits = Schemas['PlanLimits']
export type PlanRequest = Schemas['PlanRequest']
export type Usage = Schemas['Usage']
export type UsageReport = Schemas['UsageReport']
export type CreditSummary = Schemas['CreditSummary']
export type CreditEntry = Schemas['CreditEntry']

const billingKey = ['billing']
const creditsKey = ['credits']
const adminPlansKey = ['admin-plans']

export function useBilling() {
  return useQuery({ queryKey: [...billingKey, 'summary'], queryFn: () => unwrap(api.GET('/api/v1/billing')) })
}

export function useUsage() {
  return useQuery({ queryKey: [...billingKey, 'usage'], queryFn: () => unwrap(api.GET('/api/v1/billing/usage')) })
}

export function usePlans() {
  return useQuery({ queryKey: [...billingKey, 'plans'], queryFn: () => unwrap(api.GET('/api/v1/billing/plans')) })
}

export function useCredits() {
  return useQuery({ queryKey: [...creditsKey, 'summary'], queryFn: () => unwrap(api.GET('/api/v1/credits')) })
}

export function useCreditEntries(page: number) {
  return useQuery(
    pagedQuery<CreditEntry>([...creditsKey, 'entries'], page, (query) =>
      // JSON unless ?format=csv (downloadStatementCsv)
      unwrap(api.GET('/api/v1/credits/entries', { params: { query } })) as Promise<Schemas['CreditEntryPage']>,
    ),
  )
}

/** The whole statement as CSV, fetched with the session's token and saved by the browser. */
export function downloadStatementCsv() {
  return saveDownload(
    api.GET('/api/v1/credits/entries', { params: { query: { format: 'csv' } }, parseAs: 'blob' }),
    'credit-statement.csv',
  )
}

export function useGrantCredits() {
  return useRefreshingMutation([creditsKey], (body: { amountMinor: number; reason: string; idempotencyKey: string }) =>
    unwrap(api.POST('/api/v1/credits/grants', { body })),
  )
}

export type CreditSettings = Schemas['CreditSettings']

export function useCreditSettings() {
  return useRefreshingMutation([creditsKey], (body: CreditSettings) =>
    unwrap(api.PUT('/api/v1/credits/settings', { body })),
  )
}

export function usePlanCheckout() {
  return useRefreshingMutation([], (planId: string) =>
    unwrap(api.POST('/api/v1/billing/checkout', { body: { planId } })),
  )
}

export function useCreditCheckout() {
  return useRefreshingMutation([], (amountMinor: number) =>
    unwrap(api.POST('/api/v1/credits/checkout', { body: { amountMinor } })),
  )
}

export function usePortal() {
  return useRefreshingMutation([], () => unwrap(api.POST('/api/v1/billing/portal')))
}

export function useAdminPlans(enabled: boolean) {
  return useQuery({
    queryKey: adminPlansKey,
    queryFn: () => unwrap(api.GET('/api/v1/admin/plans')),
    enabled,
  })
}

export function useSavePlan(id: string | undefined) {
  return useRefreshingMutation([adminPlansKey, billingKey], (body: PlanRequest) =>
    id
      ? unwrap(api.PATCH('/api/v1/admin/plans/{id}', { params: { path: { id } }, body }))
      : unwrap(api.POST('/api/v1/admin/plans', { body })),
  )
}
