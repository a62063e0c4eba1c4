import { saveDownload } from '@/lib/download'
import { useQuery } from '@tanstack/react-query'
import { api, unwrap } from '@/api/client'
import type { Call, CallStatus, PlaceCallRequest } from '@/api/types'
import { pagedQuery, useRefreshingMutation } from '@/lib/queries'

export const callsKey = ['calls']

export const CALL_STATUSES = [
  'queued',
  'ringing',
  'in-progress',
  'completed',
  'failed',
  'no-answer',
  'busy',
  'cancelled',
] as const satisfies readonly CallStatus[]

export function isFinal(call: Pick<Call, 'status'> | undefined) {
  return call !== undefined && !['queued', 'ringing', 'in-progress'].includes(call.status)
}

export interface CallFilters {
  status?: string
  phone?: string
}

export function useCalls(page: number, filters: CallFilters) {
  return useQuery(
    pagedQuery([...callsKey, 'list', filters], page, (query) =>
      unwrap(
        api.GET('/api/v1/calls', {
          params: { query: { ...query, status: filters.status || undefined, phone: filters.phone || undefined } },
        }),
      ),
    ),
  )
}

/** The calls of one contact, newest first (the contact's call history). */
/** One call; refreshed every two seconds until it is final (then summary and cost are in). */
export function useCall(id: string | undefined) {
  return useQuery({
    queryKey: [...callsKey, 'one', id],
    queryFn: () => unwrap(api.GET('/api/v1/calls/{id}', { params: { path: { id: id ?? '' } } })),
    enabled: id !== undefined,
    refetchInterval: (query) => (query.state.data && isFinal(query.state.data) && query.state.data.outcome ? false : 2000),
  })
}

/** The transcript: refreshed by hand (the "Refresh" button), like the original sales prototype. */
export function useTranscript(id: string | undefined) {
  return useQuery({
    queryKey: [...callsKey, 'transcript', id],
    queryFn: () => unwrap(api.GET('/api/v1/calls/{id}/transcript', { params: { path: { id: id ?? '' } } })),
    enabled: id !== undefined,
  })
}

export function useRecording(id: string, enabled: boolean) {
  return useQuery({
    queryKey: [...callsKey, 'recording', id],
    queryFn: () => unwrap(api.GET('/api/v1/calls/{id}/recording', { params: { path: { id } } })),
    enabled,
    staleTime: 5 * 60 * 1000,
  })
}

export function useCallSettings() {
  return useQuery({
    queryKey: [...callsKey, 'settings'],
    queryFn: () => unwrap(api.GET('/api/v1/calls/settings')),
  })
}

export function usePlaceCall() {
  return useRefreshingMutation([callsKey], (body: PlaceCallRequest) => unwrap(api.POST('/api/v1/calls', { body })))
}

export function useStopCall() {
  return useRefreshingMutation([callsKey], (id: string) =>
    unwrap(api.POST('/api/v1/calls/{id}/stop', { params: { path: { id } } })),
  )
}

/** Downloads the call log as CSV through the authenticated client, then hands the file to the browser. */
export function downloadCallLog() {
  return saveDownload(api.GET('/api/v1/calls/export', { parseAs: 'blob' }), 'calls.csv')
}
