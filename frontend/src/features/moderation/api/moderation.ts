import { useQuery } from '@tanstack/react-query'
import { api, unwrap } from '@/api/client'
import type { ModerationSettings } from '@/api/types'
import { pagedQuery, useRefreshingMutation } from '@/lib/queries'

const settingsKey = ['moderation', 'settings']
const decisionsKey = ['moderation', 'decisions']

export function useModerationSettings() {
  return useQuery({ queryKey: settingsKey, queryFn: () => unwrap(api.GET('/api/v1/moderation/settings')) })
}

export function useSaveModerationSettings() {
  return useRefreshingMutation([settingsKey], (body: ModerationSettings) =>
    unwrap(api.PUT('/api/v1/moderation/settings', { body })),
  )
}

export interface DecisionFilters {
  stage: string
  verdict: string
}

export function useModerationDecisions(page: number, filters: DecisionFilters) {
  return useQuery(
    pagedQuery([...decisionsKey, filters.stage, filters.verdict], page, (query) =>
      unwrap(
        api.GET('/api/v1/moderation/decisions', {
          params: {
            query: {
              ...query,
              stage: filters.stage || undefined,
              verdict: filters.verdict || undefined,
            },
          },
        }),
      ),
    ),
  )
}

export function useCheckText() {
  return useRefreshingMutation([decisionsKey], (body: { text: string; stage: string }) =>
    unwrap(api.POST('/api/v1/moderation/check', { body })),
  )
}

/** One blocked term per line; blank lines dropped. */
export function parseTerms(text: string) {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
}
