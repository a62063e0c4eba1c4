import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { api, unwrap } from '@/api/client'
import type { Contact, ContactInput } from '@/api/types'
import { pageQuery, toPage } from '@/lib/pagination'
import { useRefreshingMutation } from '@/lib/queries'

const contactsKey = ['contacts']

export interface ContactSearch {
  q?: string
  tag?: string
}

export function useContacts(page: number, search: ContactSearch) {
  return useQuery({
    queryKey: [...contactsKey, 'list', search, page],
    queryFn: async () =>
      toPage(await unwrap(api.GET('/api/v1/contacts', { params: { query: { ...pageQuery(page), ...search } } }))),
    placeholderData: keepPreviousData,
  })
}

export function useContact(id: string | undefined) {
  return useQuery({
    queryKey: [...contactsKey, 'detail', id ?? ''],
    queryFn: () => unwrap(api.GET('/api/v1/contacts/{id}', { params: { path: { id: id ?? '' } } })),
    enabled: id !== undefined,
  })
}

export function useSaveContact() {
  return useRefreshingMutation([contactsKey], ({ id, input }: { id?: string; input: ContactInput }) =>
    id
      ? unwrap(api.PATCH('/api/v1/contacts/{id}', { params: { path: { id } }, body: input }))
      : unwrap(api.POST('/api/v1/contacts', { body: input })),
  )
}

export function useDeleteContact() {
  return useRefreshingMutation([contactsKey, ['conversations']], (id: string) =>
    unwrap(api.DELETE('/api/v1/contacts/{id}', { params: { path: { id } } })),
  )
}

/** "vip, lead ,, vip" → ["vip", "lead"]. */
export function parseTags(text: string): string[] {
  return [...new Set(text.split(',').map((tag) => tag.trim()).filter(Boolean))]
}

/**
 * The request body from the form. Creating leaves empty fields out; editing sends them empty so a
 * cleared value is removed (the API keeps absent fields as they are).
 */
export function contactInput(values: Record<string, string>, optedOut: boolean, editing: boolean): ContactInput {
  const text = (value: string | undefined) => {
    const trimmed = (value ?? '').trim()
    return trimmed || (editing ? '' : null)
  }
  const country = (values.countryCode ?? '').trim().toUpperCase()
  return {
    name: text(values.name),
    phone: text(values.phone),
    email: text(values.email),
    countryCode: country || null,
    tags: parseTags(values.tags ?? ''),
    optedOut,
    consent: values.consent || 'unknown',
    notes: text(values.notes),
  }
}

export function contactTitle(contact: Pick<Contact, 'name' | 'phone' | 'email'>) {
  return contact.name || contact.phone || contact.email || 'Unnamed contact'
}
