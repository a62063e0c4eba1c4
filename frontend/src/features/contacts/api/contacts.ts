import { saveDownload, saveFile } from '@/lib/download'
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery } from '@tanstack/react-query'
import { api, unwrap } from '@/api/client'
import type { Contact, ContactInput, ErasureReport } from '@/api/types'
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

/** The contact's history on every channel (messages and calls), newest first, 30 entries a page. */
export function useContactTimeline(contactId: string) {
  return useInfiniteQuery({
    queryKey: [...contactsKey, 'timeline', contactId],
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/contacts/{id}/timeline', {
          params: { path: { id: contactId }, query: { limit: 30, before: pageParam } },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextBefore ?? undefined,
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

/** Every contact as CSV (the import's columns first), fetched with the session's token and saved. */
export function downloadContactsCsv(tag?: string) {
  return saveDownload(
    api.GET('/api/v1/contacts/export', { params: { query: { tag } }, parseAs: 'blob' }),
    'contacts.csv',
  )
}

/** GDPR export: downloads the contact's archive (a ZIP of JSON and their files). */
export function useExportContact() {
  return useMutation({
    mutationFn: async (id: string) => {
      const blob = await unwrap(
        api.POST('/api/v1/contacts/{id}/export', {
          params: { path: { id } },
          headers: { Accept: 'application/zip, application/problem+json' },
          parseAs: 'blob',
        }),
      )
      saveFile(blob as Blob, `contact-${id}.zip`)
      return blob
    },
  })
}

/** GDPR erasure: the contact's personal data everywhere, then the contact. Answers counts only. */
export function useEraseContact() {
  return useRefreshingMutation([contactsKey, ['conversations']], async (id: string) => {
    const report = await unwrap(
      api.DELETE('/api/v1/contacts/{id}', { params: { path: { id }, query: { erase: true } } }),
    )
    return report as ErasureReport
  })
}

/** "12 messages, 2 files, 1 conversation" from the erasure counts. */
export function erasureSummary(report: ErasureReport | undefined) {
  const counts = report?.erased ?? {}
  const part = (key: string, one: string, many: string) => {
    const n = counts[key] ?? 0
    return `${n} ${n === 1 ? one : many}`
  }
  return [
    part('conversations.messages', 'message', 'messages'),
    part('conversations.files', 'file', 'files'),
    part('conversations.conversations', 'conversation', 'conversations'),
  ].join(', ')
}

/** The organisation's enabled channels, to pick where to write to a contact. */
export function useWritableChannels(enabled: boolean) {
  return useQuery({
    queryKey: ['channels', 'writable'],
    queryFn: async () =>
      (await unwrap(api.GET('/api/v1/channels', { params: { query: { page: 0, size: 100 } } }))).items.filter(
        (channel) => channel.enabled,
      ),
    enabled,
    staleTime: 60_000,
  })
}

/** Opens (or finds) the conversation with the contact on a channel; answers its id. */
export function useStartConversation() {
  return useMutation({
    mutationFn: async ({ channelId, contactId }: { channelId: string; contactId: string }) =>
      (
        await unwrap(
          api.POST('/api/v1/channels/{id}/conversations', { params: { path: { id: channelId } }, body: { contactId } }),
        )
      ).conversationId,
  })
}
