import { useQuery } from '@tanstack/react-query'
import { api, unwrap } from '@/api/client'
import type { SheetsLogRequest } from '@/api/types'
import { useRefreshingMutation } from '@/lib/queries'

export const sheetsLogKey = ['calls', 'sheets-log']

/** The Google Sheets call log: mode, sheet, rows waiting, last export and error (refreshed every 5 s). */
export function useSheetsLog() {
  return useQuery({
    queryKey: sheetsLogKey,
    queryFn: () => unwrap(api.GET('/api/v1/calls/sheets-log')),
    refetchInterval: 5000,
  })
}

export function useSaveSheetsLog() {
  return useRefreshingMutation([sheetsLogKey], (body: SheetsLogRequest) =>
    unwrap(api.PUT('/api/v1/calls/sheets-log', { body })),
  )
}

export function useSendTestRow() {
  return useRefreshingMutation([sheetsLogKey], () => unwrap(api.POST('/api/v1/calls/sheets-log/test')))
}

export function useDeleteSheetsLog() {
  return useRefreshingMutation([sheetsLogKey], () => unwrap(api.DELETE('/api/v1/calls/sheets-log')))
}
