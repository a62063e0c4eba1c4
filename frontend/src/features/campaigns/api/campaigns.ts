import { useQuery } from '@tanstack/react-query'
import { api, unwrap } from '@/api/client'
import type { Campaign, CampaignInput, CampaignSchedule, MessageTemplate, TemplateInput } from '@/api/types'
import { saveDownload } from '@/lib/download'
import { pagedQuery, useRefreshingMutation } from '@/lib/queries'

const templatesKey = ['templates']
const campaignsKey = ['campaigns']

/** Variables of a template text in order of first appearance: {{1}}, {{2}} or {{first_name}}. */
export function templateVariables(...texts: (string | null | undefined)[]): string[] {
  const names: string[] = []
  for (const text of texts) {
    for (const match of (text ?? '').matchAll(/\{\{\s*([A-Za-z0-9_]+)\s*}}/g)) {
      if (!names.includes(match[1])) names.push(match[1])
    }
  }
  return names
}

/** The text with variables replaced (unknown ones stay as written); plain text, rendered escaped by React. */
export function renderTemplate(text: string | null | undefined, values: Record<string, string>): string {
  return (text ?? '').replace(/\{\{\s*([A-Za-z0-9_]+)\s*}}/g, (whole, name: string) => values[name] || whole)
}

/** Column names of a CSV file's header line (quotes removed). */
export function csvHeader(firstLine: string): string[] {
  return firstLine
    .split(',')
    .map((h) => h.trim().replace(/^"|"$/g, ''))
    .filter((h) => h.length > 0)
}

const ACTIVE = new Set(['scheduled', 'running'])

export function isActive(campaign: Campaign) {
  return ACTIVE.has(campaign.status)
}

/** Seconds as "1 h 2 min", "3 min 4 s" or "5 s". */
export function formatEta(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return '—'
  if (seconds < 60) return `${seconds} s`
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ${seconds % 60} s`
  return `${Math.floor(seconds / 3600)} h ${Math.floor((seconds % 3600) / 60)} min`
}

export function useChannels() {
  return useQuery({
    queryKey: ['campaigns', 'channels'],
    queryFn: () => unwrap(api.GET('/api/v1/channels', { params: { query: { page: 0, size: 100 } } })),
  })
}

export function useTemplates(page: number, size?: number) {
  return useQuery(
    pagedQuery([...templatesKey, size ?? 20], page, (query) =>
      unwrap(api.GET('/api/v1/templates', { params: { query: { ...query, size: size ?? query.size } } })),
    ),
  )
}

export function useCreateTemplate() {
  return useRefreshingMutation([templatesKey], (body: TemplateInput) => unwrap(api.POST('/api/v1/templates', { body })))
}

export function useSubmitTemplate() {
  return useRefreshingMutation([templatesKey], (id: string) =>
    unwrap(api.POST('/api/v1/templates/{id}/submit', { params: { path: { id } } })),
  )
}

export function useSyncTemplate() {
  return useRefreshingMutation([templatesKey], (id: string) =>
    unwrap(api.POST('/api/v1/templates/{id}/sync', { params: { path: { id } } })),
  )
}

export function useDeleteTemplate() {
  return useRefreshingMutation([templatesKey], (id: string) =>
    unwrap(api.DELETE('/api/v1/templates/{id}', { params: { path: { id } } })),
  )
}

export function useCampaigns(page: number) {
  return useQuery({
    ...pagedQuery(campaignsKey, page, (query) => unwrap(api.GET('/api/v1/campaigns', { params: { query } }))),
    // live progress while something is sending
    refetchInterval: (query) => (query.state.data?.items.some(isActive) ? 1500 : false),
  })
}

export function useCreateCampaign() {
  return useRefreshingMutation([campaignsKey], (body: CampaignInput) => unwrap(api.POST('/api/v1/campaigns', { body })))
}

export function useUploadAudience() {
  return useRefreshingMutation([campaignsKey], ({ id, file }: { id: string; file: File }) => {
    const form = new FormData()
    form.append('file', file)
    return unwrap(
      api.POST('/api/v1/campaigns/{id}/audience-csv', {
        params: { path: { id } },
        body: { file: file.name },
        bodySerializer: () => form,
      }),
    )
  })
}

/** The campaign's audience counted now: found, eligible, left out as opted out or without consent. */
export function useCampaignAudience(id: string) {
  return useQuery({
    queryKey: [...campaignsKey, id, 'audience'],
    queryFn: () => unwrap(api.GET('/api/v1/campaigns/{id}/audience', { params: { path: { id } } })),
  })
}

export function useScheduleCampaign() {
  return useRefreshingMutation([campaignsKey], ({ id, body }: { id: string; body: CampaignSchedule }) =>
    unwrap(api.POST('/api/v1/campaigns/{id}/schedule', { params: { path: { id } }, body })),
  )
}

export function useCampaignAction() {
  return useRefreshingMutation([campaignsKey], ({ id, action }: { id: string; action: 'pause' | 'resume' | 'cancel' }) => {
    const path = { params: { path: { id } } }
    switch (action) {
      case 'pause':
        return unwrap(api.POST('/api/v1/campaigns/{id}/pause', path))
      case 'resume':
        return unwrap(api.POST('/api/v1/campaigns/{id}/resume', path))
      case 'cancel':
        return unwrap(api.POST('/api/v1/campaigns/{id}/cancel', path))
    }
  })
}

export function useDeleteCampaign() {
  return useRefreshingMutation([campaignsKey], (id: string) =>
    unwrap(api.DELETE('/api/v1/campaigns/{id}', { params: { path: { id } } })),
  )
}

export type { Campaign, MessageTemplate }

/** Every recipient's status, delivery, reply and opt-out as CSV, fetched with the session's token. */
export function downloadCampaignResults(campaign: Pick<Campaign, 'id' | 'name'>) {
  return saveDownload(
    api.GET('/api/v1/campaigns/{id}/results', { params: { path: { id: campaign.id } }, parseAs: 'blob' }),
    `${campaign.name.replace(/[^\w-]+/g, '-').toLowerCase() || 'campaign'}-results.csv`,
  )
}
