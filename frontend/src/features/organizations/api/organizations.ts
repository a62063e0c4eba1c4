import { useQuery } from '@tanstack/react-query'
import { api, unwrap } from '@/api/client'
import { pagedQuery } from '@/lib/queries'

export function useAllOrganizations(page: number) {
  return useQuery(
    pagedQuery(['admin-organizations'], page, (query) =>
      unwrap(api.GET('/api/v1/admin/organizations', { params: { query } })),
    ),
  )
}
