import { useMutation } from '@tanstack/react-query'
import { api, unwrap } from '@/api/client'
import { ApiError } from '@/lib/problem'

export interface CustomerInput {
  name: string
  countryCode: string
  phone: string
  email: string
  history: string
  topics: string[]
}

/**
 * The customer as a contact: created, or found by phone when the organisation already has them
 * (a contact's phone is unique). Answers the contact id.
 */
export function useSaveCustomer() {
  return useMutation({
    mutationFn: async (customer: CustomerInput) => {
      const body = {
        name: customer.name,
        phone: customer.phone,
        email: customer.email || undefined,
        countryCode: customer.countryCode || 'IN',
        attributes: { topics: customer.topics.join(', ') },
        notes: customer.history || undefined,
      }
      try {
        const created = await unwrap(api.POST('/api/v1/contacts', { body }))
        return created.id
      } catch (error) {
        // the organisation already has a contact with this phone: the answer names it; update it
        const existing = error instanceof ApiError ? /another contact \(([0-9a-f-]{36})\)/.exec(error.message)?.[1] : undefined
        if (!existing) throw error
        await unwrap(api.PATCH('/api/v1/contacts/{id}', { params: { path: { id: existing } }, body }))
        return existing
      }
    },
  })
}

export interface ScriptRequest {
  contactId: string
  product: string
  goal: string
  tone: string
  topics: string[]
  notes: string
}

export function useGenerateScript() {
  return useMutation({
    mutationFn: (body: ScriptRequest) =>
      unwrap(api.POST('/api/v1/sales-scripts', { body: { ...body, notes: body.notes || undefined } })),
  })
}

export function useReviseScript() {
  return useMutation({
    mutationFn: ({ id, text, firstSentence }: { id: string; text: string; firstSentence: string }) =>
      unwrap(api.PUT('/api/v1/sales-scripts/{id}', { params: { path: { id } }, body: { text, firstSentence } })),
  })
}
